#!/usr/bin/env node
// Benchmark: CPV search through the api over the full official list (9,454 codes).
// Creates a throwaway database, migrates it, imports ../shared/data/cpv/cpv-2008-en.json with
// the real import command, starts the built api, and times a mix of prefix and word searches
// (sequential requests, after a warm-up). Writes "CPV search" in docs/benchmarks.md.
// Usage: node tests/bench/cpv-search.mjs [--requests 2000] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
import { execFileSync, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchEnv } from './bench-api.mjs';
import { machineDescription, writeBenchmarkSection } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const requests = Number(option('--requests', 2000));
const adminUrl = option('--database-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const list = resolve(root, '../shared/data/cpv/cpv-2008-en.json');
const QUERIES = [
  '09',
  '0933',
  '45',
  '452331',
  '72',
  'solar',
  'solar panel',
  'street light',
  'electric vehicle',
  'software devel',
  'cleaning services',
  'water',
  'bus',
  'heating',
  'consult',
];

const database = `consortio_bench_cpv_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const url = new URL(adminUrl);
url.pathname = `/${database}`;
const env = benchEnv(url.toString(), 3911);
let api;
try {
  execFileSync(process.execPath, ['dist/apps/api/main.js', 'migrate'], { cwd: root, env, stdio: 'ignore' });
  const imported = JSON.parse(
    execFileSync(process.execPath, ['dist/apps/api/main.js', 'import-cpv', list], { cwd: root, env, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop(),
  );
  api = spawn(process.execPath, ['dist/apps/api/main.js'], { cwd: root, env, stdio: 'ignore' });
  const base = 'http://127.0.0.1:3911';
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const search = async (q) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/cpv?q=${encodeURIComponent(q)}&pageSize=20`);
    const body = await response.json();
    if (!response.ok || !Array.isArray(body.items)) throw new Error(`search ${q} answered ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 200; i += 1) await search(QUERIES[i % QUERIES.length]);
  const times = [];
  for (let i = 0; i < requests; i += 1) times.push(await search(QUERIES[i % QUERIES.length]));
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  const figures = { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: times.at(-1).toFixed(1) };
  console.log(
    `imported ${imported.codes} codes; ${requests} searches: p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms`,
  );
  writeBenchmarkSection(
    'CPV search',
    [
      `Search over the full CPV list (${imported.codes} codes, imported with \`main.js import-cpv\`) through the api: \`GET /api/v1/cpv?q=…&pageSize=20\`, ${requests} sequential requests after 200 warm-up requests, cycling through code prefixes (09, 0933, 45, 452331, 72) and words (solar, solar panel, street light, electric vehicle, software devel, cleaning services, water, bus, heating, consult). Time is measured by the client, so it includes HTTP, validation and JSON. Target: p95 under 20 ms.`,
      `Command: \`node tests/bench/cpv-search.mjs --requests ${requests}\` (needs \`npm run build\` first).`,
      '',
      machineDescription(),
      '',
      '| p50 | p95 | p99 | max |',
      '| --- | --- | --- | --- |',
      `| ${figures.p50} ms | ${figures.p95} ms | ${figures.p99} ms | ${figures.max} ms |`,
    ].join('\n'),
  );
} finally {
  api?.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 500));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
