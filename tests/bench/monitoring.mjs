#!/usr/bin/env node
// Benchmark: the observers' dashboard (`GET /api/v1/monitoring/dashboard`) through the api on a
// generated country (tests/support/country-seed.ts: at scale 1, 2,000 municipalities, 400
// consortia, 4,000 tenders, 200,000 needs), for a set of filters, as the federal authority
// (jurisdiction DE) and as the Bavarian ministry (DE2). Starts the built api and a worker; the
// worker refreshes the read models when it starts, and the bench waits for that refresh to finish
// after the seed before it measures. Sequential requests after a warm-up; the first answer of
// every filter is checked (200, a dashboard of the right jurisdiction; unfiltered, the federal
// authority sees every tender of the country).
// Writes "Monitoring dashboard" in docs/benchmarks.md.
// Usage: node tests/bench/monitoring.mjs [--scale 1] [--seed 42] [--requests 100]
//        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379]
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { accessTokenOf, benchEnv, startBuiltApi, WORKER_ARGS } from './bench-api.mjs';
import { countryDatabase } from './country.mjs';
import { machineDescription, writeBenchmarkSection } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const DEFAULTS = { scale: '1', seed: '42', requests: '100' };
const scale = Number(option('--scale', DEFAULTS.scale));
const seed = Number(option('--seed', DEFAULTS.seed));
const requests = Number(option('--requests', DEFAULTS.requests));
const adminUrl = option('--database-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = option('--redis-url', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const WARM_UP = 10;
const TARGET_P95_MS = 150;
const PORT = 3918;
const base = `http://127.0.0.1:${PORT}`;

if (!(scale > 0) || !Number.isInteger(requests) || requests < 1) throw new Error('--scale > 0, --requests >= 1');

const country = await countryDatabase({ adminUrl, label: 'monitoring', seed, scale });
const seededAt = new Date();
const env = benchEnv(country.url, PORT, {
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: `bench-mon-${process.pid}`,
  // Its own rate-limit keys: sign-ins of earlier runs do not count against this one.
  REDIS_KEY_PREFIX: `bench-mon-${process.pid}`,
  OUTBOX_POLL_MS: '100',
  PUBLIC_URL: base,
});
let api;
let worker;
const db = new pg.Client({ connectionString: country.url });
await db.connect();
try {
  api = await startBuiltApi(env, base);
  worker = spawn(process.execPath, WORKER_ARGS, { cwd: root, env, stdio: 'ignore' });
  // The worker refreshes the read models at start; wait until a refresh began after the seed.
  const refreshStarted = performance.now();
  let refresh;
  for (;;) {
    [refresh] = (await db.query('SELECT refreshed_at, duration_ms FROM monitoring_refreshes')).rows;
    if (refresh && refresh.refreshed_at > seededAt) break;
    if (performance.now() - refreshStarted > 300_000)
      throw new Error('the read models were not refreshed within 5 minutes');
    await new Promise((done) => setTimeout(done, 250));
  }
  console.log(`read models refreshed in ${refresh.duration_ms} ms`);

  const orgs = Object.fromEntries(
    (await db.query("SELECT jurisdiction, id FROM organisations WHERE kind = 'authority'")).rows.map((row) => [
      row.jurisdiction,
      row.id,
    ]),
  );
  // The Bavarian NUTS 3 region and the NUTS 2 region with the most municipalities.
  const [{ nuts3 }] = (
    await db.query(
      "SELECT nuts_code AS nuts3 FROM organisations WHERE kind = 'municipality' AND nuts_code LIKE 'DE2%' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )
  ).rows;
  const [{ total: allTenders }] = (await db.query('SELECT count(*)::int AS total FROM tenders')).rows;
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const nuts2 = nuts3.slice(0, 4);
  const FILTERS = {
    DE: [
      ['none', ''],
      ['region DE2', 'region=DE2'],
      [`NUTS 3 region ${nuts3}`, `region=${nuts3}`],
      ['domain energy', 'domain=energy'],
      ['procedure open', 'procedure=open'],
      ['stage pilot', 'stage=pilot'],
      ['period: the last year', `from=${yearAgo}&to=${today}`],
      ['region DE2, domain mobility', 'region=DE2&domain=mobility'],
      [`region ${nuts2}, stage published, last year`, `region=${nuts2}&stage=published&from=${yearAgo}&to=${today}`],
      ['domain ict, procedure open, stage closed', 'domain=ict&procedure=open&stage=closed'],
    ],
    DE2: [
      ['none', ''],
      [`region ${nuts2}`, `region=${nuts2}`],
      [`NUTS 3 region ${nuts3}`, `region=${nuts3}`],
      ['domain energy', 'domain=energy'],
      ['stage city-rollout', 'stage=city-rollout'],
      [`region ${nuts3}, domain ict, last year`, `region=${nuts3}&domain=ict&from=${yearAgo}&to=${today}`],
    ],
  };
  const users = {
    DE: { email: 'federal@country-seed.test', name: 'federal authority (DE)' },
    DE2: { email: 'bavaria@country-seed.test', name: 'Bavarian ministry (DE2)' },
  };

  const results = [];
  for (const [jurisdiction, filters] of Object.entries(FILTERS)) {
    const token = await accessTokenOf(base, users[jurisdiction].email);
    const headers = { authorization: `Bearer ${token}`, 'x-acting-organisation': orgs[jurisdiction] };
    const timed = async (query) => {
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/monitoring/dashboard${query ? `?${query}` : ''}`, { headers });
      const body = await response.json();
      if (response.status !== 200)
        throw new Error(`dashboard?${query} answered ${response.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    for (const [label, query] of filters) {
      const { body } = await timed(query);
      if (body.jurisdiction?.code !== jurisdiction)
        throw new Error(`dashboard of ${body.jurisdiction?.code}, not ${jurisdiction}`);
      if (jurisdiction === 'DE' && !query && body.totals.tenders !== allTenders)
        throw new Error(`the federal dashboard counts ${body.totals.tenders} tenders, not ${allTenders}`);
      for (let i = 0; i < WARM_UP; i += 1) await timed(query);
      const times = [];
      for (let i = 0; i < requests; i += 1) times.push((await timed(query)).ms);
      times.sort((a, b) => a - b);
      const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
      const result = {
        who: users[jurisdiction].name,
        label,
        tenders: body.totals.tenders,
        p50: at(0.5),
        p95: at(0.95),
        max: times.at(-1),
      };
      results.push(result);
      console.log(
        `${result.who}, ${label}: ${result.tenders} tenders; p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms: ${result.p95 < TARGET_P95_MS ? 'pass' : 'FAIL'}`,
      );
    }
  }

  const fixed = (ms) => ms.toFixed(1);
  const flags = Object.entries({ scale, seed, requests })
    .filter(([name, value]) => String(value) !== DEFAULTS[name])
    .map(([name, value]) => ` --${name} ${value}`)
    .join('');
  const rows = country.summary.rows;
  writeBenchmarkSection(
    'Monitoring dashboard',
    [
      `\`GET /api/v1/monitoring/dashboard\` through the built api on a generated country (\`npm run seed:country\`, seed ${seed}, scale ${scale}: ${rows.organisations} organisations, ${rows.consortia} consortia, ${rows.tenders} tenders at every stage, ${rows.needs} needs; ${Object.values(rows).reduce((a, b) => a + b, 0)} rows loaded in ${country.summary.seconds.toFixed(1)} s), after the worker's refresh of the read models (${refresh.duration_ms} ms). Signed in as the federal authority (jurisdiction DE) and as the Bavarian ministry (DE2); ${requests} sequential requests per filter after ${WARM_UP} warm-up requests, timed by the client (HTTP, authentication, the queries, JSON). Target (from the issue): p95 under ${TARGET_P95_MS} ms for any filter.`,
      `Command: \`npm run bench:monitoring${flags ? ` --${flags}` : ''}\` (needs the built api and worker: \`npx nx run-many -t build -p api worker\`).`,
      '',
      machineDescription(),
      '',
      '| Observer | Filter | Tenders | p50 | p95 | max | p95 under 150 ms |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...results.map(
        (r) =>
          `| ${r.who} | ${r.label} | ${r.tenders} | ${fixed(r.p50)} ms | ${fixed(r.p95)} ms | ${fixed(r.max)} ms | ${r.p95 < TARGET_P95_MS ? 'pass' : 'fail'} |`,
      ),
    ].join('\n'),
  );
  console.log('written to docs/benchmarks.md');
} finally {
  worker?.kill('SIGTERM');
  api?.kill('SIGTERM');
  await db.end();
  await new Promise((done) => setTimeout(done, 1000));
  await country.drop();
}
