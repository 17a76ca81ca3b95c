// The built api for a benchmark: started against a database, waited for, and signed in to.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * How the worker is started: with the heap limit that docker/compose.yml and the launcher give it,
 * so that memory is measured as deployed.
 */
export const WORKER_ARGS = ['--max-old-space-size=256', 'dist/apps/worker/main.js'];

/**
 * The environment of a benchmark's api and worker: this process's own, a throwaway database,
 * a port on 127.0.0.1 and quiet logs; `extra` adds or overrides variables.
 */
export function benchEnv(databaseUrl, port, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_TOKEN_SECRET: 'benchmark-secret-0123456789abcdefghij',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...extra,
  };
}

/** Starts `dist/apps/api/main.js` with `env` and resolves once `/api/health/ready` answers (30 s at most). */
export async function startBuiltApi(env, base) {
  const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  api.stderr.on('data', (chunk) => (errors = (errors + chunk).slice(-2000)));
  for (let i = 0; i < 300; i += 1) {
    if (api.exitCode !== null) throw new Error(`the api exited with code ${api.exitCode}: ${errors}`);
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) return api;
    } catch {
      // starting
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  api.kill('SIGTERM');
  throw new Error('the api did not answer /api/health/ready within 30 s');
}

/** A demo account's access token. */
export async function accessTokenOf(base, email, password = 'consortio-demo') {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email} answered ${response.status}: ${await response.text()}`);
  return (await response.json()).accessToken;
}
