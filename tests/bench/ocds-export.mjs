#!/usr/bin/env node
// Benchmark: bulk OCDS exports of a whole country, and the worker's memory while it writes them.
// For each scale: a throwaway database with a generated country (tests/support/country-seed.ts),
// the built api and worker, the federal authority (jurisdiction DE) requests every format in turn
// (`POST /api/v1/ocds/exports`) and polls until done. Measures tenders per second (the worker's
// own time: started_at to finished_at of the export row; and as the requester waits) and the
// worker's resident memory, sampled from /proc/<pid>/status every 20 ms during each export.
// Two scales show whether memory stays flat as the country grows. Each file is downloaded and
// checked (JSON parses and holds one entry per tender; CSV has one row per tender).
// Writes "OCDS bulk export" in docs/benchmarks.md.
// Usage: node tests/bench/ocds-export.mjs [--scales 0.5,1] [--seed 42]
//        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379]
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { accessTokenOf, benchEnv, startBuiltApi, WORKER_ARGS } from './bench-api.mjs';
import { countryDatabase, memoryOf } from './country.mjs';
import { machineDescription, writeBenchmarkSection } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const DEFAULTS = { scales: '0.5,1', seed: '42' };
const scales = option('--scales', DEFAULTS.scales).split(',').map(Number);
const seed = Number(option('--seed', DEFAULTS.seed));
const adminUrl = option('--database-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = option('--redis-url', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const FORMATS = ['release-package', 'record-package', 'csv'];
const EMAIL = 'federal@country-seed.test';
const PORT = 3917;
const TARGET_MB = 300;

if (scales.some((s) => !(s > 0))) throw new Error('--scales takes numbers above zero, e.g. 0.5,1');

const base = `http://127.0.0.1:${PORT}`;
const results = [];
const seeded = [];
for (const scale of scales) {
  console.log(`\n== scale ${scale}`);
  const country = await countryDatabase({ adminUrl, label: 'ocds', seed, scale });
  const env = benchEnv(country.url, PORT, {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench-ocds-${process.pid}`,
    // Its own rate-limit keys: sign-ins of earlier runs do not count against this one.
    REDIS_KEY_PREFIX: `bench-ocds-${process.pid}-${String(scale).replace('.', '_')}`,
    OUTBOX_POLL_MS: '100',
    PUBLIC_URL: base,
  });
  let api;
  let worker;
  const db = new pg.Client({ connectionString: country.url });
  await db.connect();
  try {
    const [{ id: federal }] = (await db.query("SELECT id FROM organisations WHERE jurisdiction = 'DE'")).rows;
    const [{ n: expected }] = (
      await db.query(
        `SELECT count(*)::int AS n FROM tenders t
          WHERE t.stage IN ('published', 'evaluation', 'awarded', 'contract-signed', 'pilot', 'city-rollout', 'regional-scaleup')
             OR (t.stage = 'closed' AND EXISTS (SELECT 1 FROM tender_stage_changes c WHERE c.tender_id = t.id AND c.to_stage = 'published'))`,
      )
    ).rows;
    api = await startBuiltApi(env, base);
    worker = spawn(process.execPath, WORKER_ARGS, { cwd: root, env, stdio: 'ignore' });
    await new Promise((done) => setTimeout(done, 3000));
    const idle = memoryOf(worker.pid);
    console.log(`worker ${worker.pid} idle: ${idle.rss.toFixed(0)} MiB RSS`);
    const token = await accessTokenOf(base, EMAIL);
    const headers = {
      authorization: `Bearer ${token}`,
      'x-acting-organisation': federal,
      'content-type': 'application/json',
    };

    for (const format of FORMATS) {
      let peak = 0;
      const sampler = setInterval(() => {
        const { rss } = memoryOf(worker.pid);
        if (rss > peak) peak = rss;
      }, 20);
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/ocds/exports`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ format }),
      });
      if (response.status !== 201)
        throw new Error(`export request answered ${response.status}: ${await response.text()}`);
      let view = await response.json();
      while (view.status === 'queued' || view.status === 'running') {
        await new Promise((done) => setTimeout(done, 100));
        view = await (await fetch(`${base}/api/v1/ocds/exports/${view.id}`, { headers })).json();
      }
      const waited = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (view.status !== 'done') throw new Error(`export ${format} ended ${view.status}: ${view.error}`);
      if (view.rowsTotal !== expected) throw new Error(`export counted ${view.rowsTotal} tenders, not ${expected}`);
      const [{ seconds }] = (
        await db.query(
          'SELECT extract(epoch FROM finished_at - started_at)::float8 AS seconds FROM ocds_exports WHERE id = $1',
          [view.id],
        )
      ).rows;
      const file = await fetch(`${base}${view.downloadUrl}`, { headers });
      const text = await file.text();
      const entries =
        format === 'csv'
          ? text.split('\n').filter((line) => /^"?ocds-/.test(line)).length
          : format === 'record-package'
            ? JSON.parse(text).records.length
            : new Set(JSON.parse(text).releases.map((release) => release.ocid)).size;
      if (entries !== expected) throw new Error(`${format} file holds ${entries} tenders, not ${expected}`);
      const result = {
        scale,
        format,
        tenders: expected,
        bytes: view.sizeBytes,
        seconds,
        waited,
        perSecond: expected / seconds,
        idle: idle.rss,
        peak,
      };
      results.push(result);
      console.log(
        `${format}: ${expected} tenders, ${(view.sizeBytes / 2 ** 20).toFixed(1)} MiB in ${seconds.toFixed(1)} s (${result.perSecond.toFixed(0)} tenders/s; ${waited.toFixed(1)} s as requested); worker RSS peak ${peak.toFixed(0)} MiB`,
      );
    }
    const end = memoryOf(worker.pid);
    console.log(`worker VmHWM (peak since start) ${end.hwm.toFixed(0)} MiB`);
    for (const result of results.filter((r) => r.scale === scale)) result.hwm = end.hwm;
    seeded.push(
      `scale ${scale}: ${Object.values(country.summary.rows).reduce((a, b) => a + b, 0)} rows in ${country.summary.seconds.toFixed(1)} s`,
    );
  } finally {
    worker?.kill('SIGTERM');
    api?.kill('SIGTERM');
    await db.end();
    await new Promise((done) => setTimeout(done, 1000));
    await country.drop();
  }
}

const fixed = (n, d = 0) => n.toFixed(d);
const peakOverall = Math.max(...results.map((r) => r.peak));
const lines = [
  `Bulk OCDS exports of a generated country (\`npm run seed:country\`, seed ${seed}: at scale 1, 2,000 municipalities over Germany's NUTS 3 regions, 400 consortia, 4,000 tenders at every stage, 200,000 needs) by the built api and one worker (started as \`docker/compose.yml\` and \`npm start\` start it, with \`--max-old-space-size=256\`), requested by the federal authority (jurisdiction DE) for every published tender, one format after the other. Tenders/s is the worker's time (started to finished in \`ocds_exports\`); "as requested" adds the outbox relay and polling every 100 ms. Worker RSS is sampled from \`/proc/<pid>/status\` every 20 ms during each export; idle is the worker after start; VmHWM is the worker's peak since it started. Each file is downloaded and checked to hold every tender. Target (from the issue): worker peak under ${TARGET_MB} MB whatever the count.`,
  `Command: \`npm run bench:ocds-export${option('--scales', null) ? ` -- --scales ${option('--scales')}` : ''}\` (needs the built api and worker: \`npx nx run-many -t build -p api worker\`).`,
  '',
  machineDescription(),
  '',
  '| Scale | Format | Tenders | File | Worker time | Tenders/s | As requested | Worker RSS idle | Worker RSS peak | VmHWM |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.scale} | ${r.format} | ${r.tenders} | ${fixed(r.bytes / 2 ** 20, 1)} MiB | ${fixed(r.seconds, 1)} s | ${fixed(r.perSecond)} | ${fixed(r.waited, 1)} s | ${fixed(r.idle)} MiB | ${fixed(r.peak)} MiB | ${fixed(r.hwm)} MiB |`,
  ),
  '',
  `Loading the country (\`seed:country\`, one transaction): ${seeded.join('; ')}.`,
  '',
  `Peak worker RSS over all runs: ${fixed(peakOverall)} MiB (${peakOverall < TARGET_MB ? 'under' : 'OVER'} the ${TARGET_MB} MB target).`,
];
for (const line of lines) if (line.startsWith('|')) console.log(line);
writeBenchmarkSection('OCDS bulk export', lines.join('\n'));
console.log('written to docs/benchmarks.md');
