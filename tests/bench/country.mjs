// A throwaway database holding a generated country (tests/support/country-seed.ts) for a benchmark:
// created, migrated by the built `main.js migrate`, loaded by `npm run seed:country`, dropped after.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Creates `consortio_bench_<label>_<time>`, migrates it and loads the country at `scale` with
 * `seed`. Resolves with its URL, the seed's summary (rows per table, seconds) and `drop()`.
 */
export async function countryDatabase({ adminUrl, label, seed, scale, baseDate, log = console.log }) {
  const database = `consortio_bench_${label}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  };
  try {
    execFileSync(process.execPath, ['dist/apps/api/main.js', 'migrate'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const args = ['-r', '@swc-node/register', 'tests/support/country-seed-cli.ts', '--seed', String(seed)];
    args.push('--scale', String(scale), '--database-url', url.toString());
    if (baseDate) args.push('--base-date', baseDate);
    const summary = await new Promise((done, fail) => {
      const child = spawn(process.execPath, args, {
        cwd: root,
        env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let last = '';
      let buffer = '';
      child.stdout.on('data', (chunk) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop();
        for (const line of lines) {
          if (line.startsWith('{')) last = line;
          else log(`  [seed] ${line}`);
        }
      });
      child.on('exit', (code) => {
        if (buffer.startsWith('{')) last = buffer;
        if (code === 0 && last) done(JSON.parse(last));
        else fail(new Error(`the country seed exited with ${code}`));
      });
    });
    return { database, url: url.toString(), summary, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Resident memory of a process from /proc (Linux): current and peak ("high water mark"), in MiB. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}
