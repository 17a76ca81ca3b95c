// Jest's global setup and teardown run outside its module mapping: resolve the workspace's
// `@consortio/*` aliases from tsconfig.base.json ourselves. Import this first.
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compilerOptions } = require('../../tsconfig.base.json') as { compilerOptions: { paths: Record<string, string[]> } };

register({ baseUrl: resolve(__dirname, '../..'), paths: compilerOptions.paths });
