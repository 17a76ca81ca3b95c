#!/usr/bin/env node
// Runs every check and test tier of the project and prints one total as its last line:
// formatting, lint, typecheck, unit, build, integration (real PostgreSQL and Redis) and black-box
// (built processes over HTTP and socket.io, and the web app in Chromium).
// PostgreSQL: TEST_DATABASE_ADMIN_URL, else the server on 127.0.0.1:5432, else an embedded one.
// Redis: REDIS_URL, else 127.0.0.1:6379, else a local redis-server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRedis, portOpen, startEmbeddedPostgres } from '../lib/services.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = join(root, 'tmp/test-results');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
const cleanups = [];
const say = (message) => console.log(`[test] ${message}`);

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  await prepareServices();
  ensureChromium();
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  commandStep('format', 'npx', ['prettier', '--check', '.']);
  nxStep('lint', ['run-many', '-t', 'lint']);
  nxStep('typecheck', ['run-many', '-t', 'typecheck']);
  jestStep('unit', ['-c', 'jest.config.ts']);
  const built = nxStep('build', ['run-many', '-t', 'build', '-p', 'api', 'worker', 'web']);
  jestStep('integration', ['-c', 'tests/jest.int.config.cjs', '--runInBand']);
  if (built) jestStep('black-box', ['-c', 'tests/jest.blackbox.config.cjs', '--runInBand']);
  else record('black-box', { passed: 0, failed: 1, skipped: 0 }, 0, 'not run: the build failed');
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  totals.failed += 1;
} finally {
  await cleanup();
}

console.log('\nSummary');
for (const line of summary) console.log(`  ${line}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

async function prepareServices() {
  if (!env.TEST_DATABASE_ADMIN_URL) {
    if (await portOpen('127.0.0.1', 5432)) {
      env.TEST_DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
    } else {
      const port = Number(env.EMBEDDED_POSTGRES_TEST_PORT ?? 54330);
      say(`No PostgreSQL on 127.0.0.1:5432: starting an embedded one on port ${port} for the tests`);
      const server = await startEmbeddedPostgres({ dataDir: join(root, '.data/postgres-test'), port, log: say });
      env.TEST_DATABASE_ADMIN_URL = server.url;
      cleanups.push(() => server.stop());
    }
  }
  const redis = await ensureRedis(env.REDIS_URL || 'redis://127.0.0.1:6379', { log: say });
  env.REDIS_URL = redis.url;
  cleanups.push(() => redis.stop());
  say(
    `PostgreSQL: ${env.TEST_DATABASE_ADMIN_URL.replace(/\/\/([^:/@]+):[^@]+@/, '//$1:***@')}; Redis: ${env.REDIS_URL}`,
  );
}

function ensureChromium() {
  const path = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Chromium is missing at ${path}. Install it ("sudo apt-get install -y chromium") or set CHROMIUM_PATH.`,
    );
  }
  say('Installing Chromium for the browser tests (apt-get install chromium)...');
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
    { stdio: 'inherit' },
  );
  if (install.status !== 0 || !existsSync(path)) throw new Error('Could not install Chromium with apt-get.');
}

function run(command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  return {
    status: result.status,
    output: `${result.stdout ?? ''}\n${result.stderr ?? ''}`,
    seconds: (Date.now() - started) / 1000,
  };
}

/** An Nx target over many projects; each project counts as one check. */
function nxStep(name, args) {
  say(`${name}...`);
  const projects = args.includes('-p')
    ? args.slice(args.indexOf('-p') + 1)
    : listProjects(args[args.indexOf('-t') + 1]);
  const result = run('npx', ['nx', ...args, '--outputStyle=static']);
  const failedProjects = new Set(
    [...result.output.matchAll(/^\s*-\s+([\w-]+):[\w-]+/gm)]
      .map((match) => match[1])
      .filter((project) => projects.includes(project)),
  );
  let failed = result.status === 0 ? 0 : Math.max(failedProjects.size, 1);
  record(name, { passed: projects.length - failed, failed, skipped: 0 }, result.seconds);
  return result.status === 0;
}

/** A single command that is one check: formatting. */
function commandStep(name, command, args) {
  say(`${name}...`);
  const result = run(command, args);
  record(
    name,
    { passed: result.status === 0 ? 1 : 0, failed: result.status === 0 ? 0 : 1, skipped: 0 },
    result.seconds,
  );
}

function listProjects(target) {
  const result = spawnSync('npx', ['nx', 'show', 'projects', '--with-target', target, '--json'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return JSON.parse(result.stdout);
}

/** A Jest tier; its JSON report gives the counts (a suite that fails to load counts as a failure). */
function jestStep(name, args) {
  say(`${name} tests...`);
  const output = join(resultsDir, `${name}.json`);
  const result = run('npx', ['jest', ...args, '--ci', '--json', `--outputFile=${output}`]);
  if (!existsSync(output)) {
    record(name, { passed: 0, failed: 1, skipped: 0 }, result.seconds, 'no report: Jest did not run');
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const brokenSuites = report.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  record(
    name,
    {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenSuites,
      skipped: report.numPendingTests + report.numTodoTests,
    },
    result.seconds,
  );
}

function record(name, counts, seconds, note = '') {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  summary.push(
    `${name.padEnd(12)} ${String(counts.passed).padStart(4)} passed, ${counts.failed} failed, ${counts.skipped} skipped  (${seconds.toFixed(0)} s)${note ? `  ${note}` : ''}`,
  );
}

async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (error) {
      console.error(`[test] cleanup: ${error.message}`);
    }
  }
}
