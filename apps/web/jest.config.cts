module.exports = require('../../jest.angular.preset.cjs')('web', __dirname);
