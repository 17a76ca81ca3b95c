module.exports = require('../../../../jest.angular.preset.cjs')('web-home-feature', __dirname);
