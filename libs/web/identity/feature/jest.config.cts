module.exports = require('../../../../jest.angular.preset.cjs')('web-identity-feature', __dirname);
