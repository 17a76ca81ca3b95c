module.exports = require('../../../../jest.angular.preset.cjs')('web-knowledge-feature', __dirname);
