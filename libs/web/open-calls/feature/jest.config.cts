module.exports = require('../../../../jest.angular.preset.cjs')('web-open-calls-feature', __dirname);
