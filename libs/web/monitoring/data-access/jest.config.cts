module.exports = require('../../../../jest.angular.preset.cjs')('web-monitoring-data-access', __dirname);
