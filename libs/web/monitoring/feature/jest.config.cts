module.exports = require('../../../../jest.angular.preset.cjs')('web-monitoring-feature', __dirname);
