module.exports = require('../../../../jest.angular.preset.cjs')('web-tenders-data-access', __dirname);
