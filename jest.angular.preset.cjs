// Jest for the Angular projects: jest-preset-angular with each project's tsconfig.spec.json.
// Usage in a project's jest.config.cts: module.exports = require('<root>/jest.angular.preset.cjs')('web-core', __dirname);
const { relative } = require('node:path');

module.exports = (displayName, projectDir) => {
  const root = relative(projectDir, __dirname) || '.';
  return {
    displayName,
    preset: `${root}/jest.preset.js`,
    setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
    coverageDirectory: `${root}/coverage/${relative(__dirname, projectDir)}`,
    transform: {
      '^.+\\.(ts|mjs|js|html)$': [
        'jest-preset-angular',
        { tsconfig: '<rootDir>/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
      ],
    },
    transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
    snapshotSerializers: [
      'jest-preset-angular/build/serializers/no-ng-attributes',
      'jest-preset-angular/build/serializers/ng-snapshot',
      'jest-preset-angular/build/serializers/html-comment',
    ],
  };
};
