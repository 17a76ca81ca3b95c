module.exports = require('../../../jest.angular.preset.cjs')('web-ui', __dirname);
