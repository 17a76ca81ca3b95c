import config from '../../../../eslint.angular.config.mjs';

export default config;
