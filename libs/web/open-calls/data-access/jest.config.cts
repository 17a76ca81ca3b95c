module.exports = require('../../../../jest.angular.preset.cjs')('web-open-calls-data-access', __dirname);
