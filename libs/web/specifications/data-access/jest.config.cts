module.exports = require('../../../../jest.angular.preset.cjs')('web-specifications-data-access', __dirname);
