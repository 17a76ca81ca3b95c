module.exports = require('../../../../jest.angular.preset.cjs')('web-notifications-data-access', __dirname);
