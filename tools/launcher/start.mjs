#!/usr/bin/env node
// Starts the whole platform on one machine with one command: builds it, brings up PostgreSQL
// (embedded when DATABASE_URL is unset) and Redis (a local redis-server when none answers),
// migrates, loads the demo data once, then runs the api (which also serves the web app) and the
// worker. Ctrl-C or SIGTERM stops every child and the embedded database cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMailCatcher } from '../lib/mail-catcher.mjs';
import { ensureRedis, sleep, startEmbeddedPostgres } from '../lib/services.mjs';

const startedAt = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NODE_ENV: process.env.NODE_ENV ?? 'production' };
const port = env.PORT ?? '3000';
const dataDir = resolve(root, env.CONSORTIO_DATA_DIR ?? '.data');
env.CONSORTIO_VERSION ??= JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const children = new Map();
let embeddedPostgres;
let redis;
let mailCatcher;
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
    const build = spawnSync(
      'npx',
      ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--outputStyle=static'],
      {
        cwd: root,
        env,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) return fail('The build failed; see the output above.');
  }
  env.DATABASE_URL = env.DATABASE_URL || (await startDatabase());
  if (process.env.DATABASE_URL) say(`Using the PostgreSQL server at DATABASE_URL (${redact(env.DATABASE_URL)})`);
  redis = await ensureRedis(env.REDIS_URL || 'redis://127.0.0.1:6379', {
    log: say,
    onUnexpectedExit: (code) => void fail(`redis-server exited unexpectedly (code ${code})`),
  });
  env.REDIS_URL = redis.url;
  if (!redis.started) say(`Using Redis at ${redis.url}`);
  env.WEB_DIST_DIR = env.WEB_DIST_DIR || join(root, 'dist/apps/web/browser');
  env.AUTH_TOKEN_SECRET = env.AUTH_TOKEN_SECRET || localSecret();
  env.PUBLIC_URL = env.PUBLIC_URL || `http://localhost:${port}`;
  if (!env.SMTP_URL) {
    const directory = join(dataDir, 'mail');
    mailCatcher = await startMailCatcher({
      directory,
      port: Number(env.MAIL_CATCHER_PORT ?? 54325),
      log: (line) => say(line),
    });
    env.SMTP_URL = mailCatcher.url;
    say(
      `SMTP_URL is not set: e-mails are kept in ${relative(root, directory) || directory} and their links printed here`,
    );
  }
  env.PORT = port;

  say('Applying database migrations...');
  const migrated = runCommand('migrate');
  say(migrated.applied.length ? `Applied ${migrated.applied.length} migration(s)` : 'Database schema is up to date');
  const seeded = runCommand('seed');
  say(seeded.applied.length ? `Loaded demo data: ${seeded.applied.join(', ')}` : 'Demo data already loaded');

  startChild('api', ['dist/apps/api/main.js']);
  // The heap limit docker/compose.yml gives the worker (memory flat during bulk exports).
  startChild('worker', ['--max-old-space-size=256', 'dist/apps/worker/main.js']);
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
        ? [
            '  Demo accounts:',
            ...seeded.accounts.map((a) => `    ${a.role.padEnd(40)} ${a.email} / ${a.password}`),
          ].join('\n')
        : '  Demo accounts: none yet (sign-in arrives with the identity module)',
      '',
      '  Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

async function startDatabase() {
  const port = Number(env.EMBEDDED_POSTGRES_PORT ?? 54329);
  const pgData = join(dataDir, 'postgres');
  say(
    `DATABASE_URL is not set: starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${relative(root, pgData) || pgData})`,
  );
  embeddedPostgres = await startEmbeddedPostgres({ dataDir: pgData, port, log: say });
  const client = embeddedPostgres.client('postgres');
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'consortio'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE consortio');
  await client.end();
  return embeddedPostgres.url.replace(/\/postgres$/, '/consortio');
}

/** A token-signing secret made once per data folder, so sessions survive restarts of this machine's platform. */
function localSecret() {
  const file = join(dataDir, 'auth-token-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function runCommand(command) {
  const result = spawnSync(process.execPath, ['dist/apps/api/main.js', command], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`"${command}" failed (exit ${result.status}); see the message above.`);
  }
  const last = result.stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{"event"'))
    .pop();
  return JSON.parse(last ?? '{}');
}

function startChild(name, args) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, CONSORTIO_SERVICE: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  await Promise.all(
    [...children.values()].map(async (child) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
      if (killed) child.kill('SIGKILL');
    }),
  );
  await redis?.stop();
  await mailCatcher?.stop();
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

function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]+@/, '//$1:***@');
}
