module.exports = require('../../../../jest.angular.preset.cjs')('web-consortia-data-access', __dirname);
