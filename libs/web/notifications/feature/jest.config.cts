module.exports = require('../../../../jest.angular.preset.cjs')('web-notifications-feature', __dirname);
