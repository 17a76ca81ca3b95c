module.exports = require('../../../../jest.angular.preset.cjs')('web-tenders-feature', __dirname);
