module.exports = require('../../../../jest.angular.preset.cjs')('web-knowledge-data-access', __dirname);
