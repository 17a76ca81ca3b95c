#!/usr/bin/env node
// Benchmark: time from the start command (`npm start`) to /api/health/ready answering 200,
// and from SIGTERM to every process gone. Three cases:
//   first start after install  - no build cache, no dist/, a new embedded PostgreSQL cluster
//   later start                - build cached, cluster and schema already there
//   later start, DATABASE_URL  - the same against an existing PostgreSQL server
// Writes the figures into docs/benchmarks.md (section "Start to ready").
// Usage: node tests/bench/start-to-ready.mjs [--runs 3] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchmarkSection, machineDescription } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 3));
const adminUrl = option('--database-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const dataDir = join(root, 'tmp/bench-start');
const port = 3901;

function startOnce(extraEnv) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn('npm', ['start'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        EMBEDDED_POSTGRES_PORT: '54391',
        CONSORTIO_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      if (readyMs === undefined && code !== null)
        fail(new Error(`npm start exited (${code}) before ready:\n${output.slice(-3000)}`));
    });
    let readyMs;
    const poll = async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
        if (response.ok) {
          readyMs = performance.now() - started;
          const stopping = performance.now();
          // SIGTERM to npm's process group reaches the launcher, which stops its children and
          // the embedded PostgreSQL; stopped means no process of the group is left.
          process.kill(-child.pid, 'SIGTERM');
          const waitGone = () => {
            try {
              process.kill(-child.pid, 0);
              setTimeout(waitGone, 20);
            } catch {
              done({ readyMs, stopMs: performance.now() - stopping });
            }
          };
          waitGone();
          return;
        }
      } catch {
        // not listening yet
      }
      setTimeout(poll, 100);
    };
    void poll();
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const seconds = (ms) => (ms / 1000).toFixed(1);

// First start after install: no Nx cache, no dist, no database cluster.
spawnSync('npx', ['nx', 'reset'], { cwd: root, stdio: 'ignore' });
rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });
console.log('first start after install...');
const cold = await startOnce({});
console.log(`  ready ${seconds(cold.readyMs)} s, stopped ${seconds(cold.stopMs)} s`);

const warm = [];
for (let i = 0; i < runs; i += 1) {
  warm.push(await startOnce({}));
  console.log(
    `later start #${i + 1}: ready ${seconds(warm.at(-1).readyMs)} s, stopped ${seconds(warm.at(-1).stopMs)} s`,
  );
}

const dbName = `consortio_bench_${Date.now().toString(36)}`;
const dbUrl = new URL(adminUrl);
spawnSync('psql', [adminUrl, '-c', `CREATE DATABASE ${dbName}`], { stdio: 'ignore' });
dbUrl.pathname = `/${dbName}`;
const external = [];
try {
  for (let i = 0; i < runs; i += 1) {
    external.push(await startOnce({ DATABASE_URL: dbUrl.toString() }));
    console.log(`later start with DATABASE_URL #${i + 1}: ready ${seconds(external.at(-1).readyMs)} s`);
  }
} finally {
  spawnSync('psql', [adminUrl, '-c', `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`], { stdio: 'ignore' });
  rmSync(dataDir, { recursive: true, force: true });
}

const rows = [
  ['First start after install (full build, new embedded cluster, migrate, seed)', [cold]],
  ['Later start (build cached, embedded PostgreSQL, schema current)', warm],
  ['Later start with DATABASE_URL (PostgreSQL 15 server already running)', external],
];
writeBenchmarkSection(
  'Start to ready',
  [
    'Time from `npm start` until `GET /api/health/ready` answers 200, and from SIGTERM to every process stopped (api, worker, embedded PostgreSQL).',
    `Command: \`node tests/bench/start-to-ready.mjs --runs ${runs}\` (median of ${runs} runs for later starts; one first start).`,
    '',
    machineDescription(),
    '',
    '| Case | Start to ready | SIGTERM to stopped |',
    '| --- | --- | --- |',
    ...rows.map(
      ([label, samples]) =>
        `| ${label} | ${seconds(median(samples.map((s) => s.readyMs)))} s | ${seconds(median(samples.map((s) => s.stopMs)))} s |`,
    ),
  ].join('\n'),
);
console.log('written to docs/benchmarks.md');
