// Jest's global setup and teardown run outside its module mapping: resolve the workspace's
// `@consortio/*` aliases from tsconfig.base.json ourselves. Import this first.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';

const root = resolve(__dirname, '../..');
const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};

register({ baseUrl: root, paths: compilerOptions.paths });
