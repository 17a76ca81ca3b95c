module.exports = require('../../../jest.angular.preset.cjs')('web-core', __dirname);
