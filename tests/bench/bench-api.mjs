// The built api for a benchmark: started against a database, waited for, and signed in to.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts `dist/apps/api/main.js` with `env` and resolves once `/api/health/ready` answers (30 s at most). */
export async function startBuiltApi(env, base) {
  const api = spawn(process.execPath, ['dist/apps/api/main.js'], { cwd: root, env, stdio: 'ignore' });
  for (let i = 0; i < 300; i += 1) {
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
