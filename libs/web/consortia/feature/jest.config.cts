module.exports = require('../../../../jest.angular.preset.cjs')('web-consortia-feature', __dirname);
