module.exports = require('../../../../jest.angular.preset.cjs')('web-specifications-feature', __dirname);
