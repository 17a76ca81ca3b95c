module.exports = require('../../../../jest.angular.preset.cjs')('web-identity-data-access', __dirname);
