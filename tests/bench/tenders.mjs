#!/usr/bin/env node
// Benchmark: the roadmap and the tender lists through the api, for a person whose
// organisation takes part in many consortia, on a platform with many tenders.
// Creates a throwaway database, migrates and seeds it, then adds with set-based SQL: 200 consortia
// (Gemeinde Musterstadt a member of 20 of them), 2,000 tenders spread over them at every stage,
// two lots and four milestones each (over the next two years). Starts the built api, signs in as
// officer@musterstadt.test and times, sequentially after a warm-up,
//   GET /api/v1/tenders/roadmap                      (default window: the next calendar year)
//   GET /api/v1/tenders                              (every tender of my consortia, newest first)
//   GET /api/v1/tenders?stage=evaluation             (the same at one stage)
//   GET /api/v1/consortia/:id/tenders                (each of the 20 consortia in turn)
// Writes "Tenders: roadmap and lists" in docs/benchmarks.md.
// Usage: node tests/bench/tenders.mjs [--requests 300] [--consortia 200] [--mine 20] [--tenders 2000]
//        [--database-url postgres://postgres@127.0.0.1:5432/postgres]
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { accessTokenOf, benchEnv, startBuiltApi } from './bench-api.mjs';
import { machineDescription, writeBenchmarkSection } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const DEFAULTS = { requests: 300, consortia: 200, mine: 20, tenders: 2000 };
const requests = Number(option('--requests', DEFAULTS.requests));
const consortiumCount = Number(option('--consortia', DEFAULTS.consortia));
const mine = Number(option('--mine', DEFAULTS.mine));
const tenderCount = Number(option('--tenders', DEFAULTS.tenders));
const adminUrl = option('--database-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const WARM_UP = 30;
const TARGET_P95_MS = 100;
const EMAIL = 'officer@musterstadt.test';
const PASSWORD = 'consortio-demo';
const PORT = 3915;
const STAGES = [
  'needs-assessment',
  'market-consultation',
  'specification',
  'approval',
  'published',
  'evaluation',
  'awarded',
  'contract-signed',
  'pilot',
  'city-rollout',
  'regional-scaleup',
  'closed',
];

for (const [name, value] of Object.entries({ requests, consortiumCount, mine, tenderCount }))
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not ${value}`);
if (mine > consortiumCount) throw new Error('--mine cannot exceed --consortia');

const database = `consortio_bench_tenders_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const url = new URL(adminUrl);
url.pathname = `/${database}`;
const env = benchEnv(url.toString(), PORT);
let api;
try {
  execFileSync(process.execPath, ['dist/apps/api/main.js', 'migrate'], { cwd: root, env, stdio: 'ignore' });
  execFileSync(process.execPath, ['dist/apps/api/main.js', 'seed'], { cwd: root, env, stdio: 'ignore' });

  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  let musterstadt;
  let myConsortia;
  let expected;
  try {
    await db.query('BEGIN');
    const [lead] = (
      await db.query(
        `SELECT o.id AS organisation_id, u.id AS user_id FROM users u
           JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.organisation_id
          WHERE u.email = $1 AND o.name = 'Gemeinde Musterstadt'`,
        [EMAIL],
      )
    ).rows;
    if (!lead) throw new Error(`the demo seed has no ${EMAIL} in Gemeinde Musterstadt`);
    musterstadt = lead.organisation_id;
    // Consortium k (1-based) is led by its own municipality; Musterstadt is a member of the first `mine`.
    await db.query(
      `WITH leads AS (
              INSERT INTO organisations (kind, name, country, nuts_code, population, verification, verified_at)
              SELECT 'municipality', 'Bench-Gemeinde ' || lpad(k::text, 4, '0'), 'DE', 'DE217', 5000 + k, 'verified', now()
                FROM generate_series(1, $1::int) AS k
              RETURNING id, name),
            numbered AS (SELECT id, row_number() OVER (ORDER BY name) AS k FROM leads),
            made AS (
              INSERT INTO consortia (name, description, domain, status, lead_organisation_id, interest_cpv_codes, created_by)
              SELECT 'Bench consortium ' || lpad(k::text, 4, '0'), 'Benchmark data for tenders.', 'mobility', 'tendering',
                     id, ARRAY['34144900-7'], $3
                FROM numbered
              RETURNING id, lead_organisation_id, name)
       INSERT INTO consortium_members (consortium_id, organisation_id, role)
       SELECT id, lead_organisation_id, 'lead' FROM made
       UNION ALL
       SELECT id, $2::uuid, 'member' FROM made WHERE substring(name from 18)::int <= $4`,
      [consortiumCount, musterstadt, lead.user_id, mine],
    );
    // Tender i goes to consortium 1 + i mod consortia, at stage i mod 12, with two lots and four
    // milestones: 60, 200, 400 and 600 days after today minus (i mod 300) days.
    await db.query(
      `WITH numbered AS (
              SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM consortia WHERE name LIKE 'Bench consortium %'),
            made AS (
              INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, stage, stage_changed_at,
                                   lot_rules, criteria, created_by, created_at)
              SELECT c.id, 'Bench tender ' || lpad(i::text, 5, '0'), 'open', 100000 + i * 10,
                     ($2::text[])[1 + i % cardinality($2::text[])], now() - (i % 90) * interval '1 day',
                     '{"bidsOn":"several","maxLotsPerTenderer":null}',
                     '[{"kind":"price","name":"Price","weight":60},{"kind":"quality","name":"Quality","weight":40}]',
                     $3, now() - (i % 400) * interval '1 hour'
                FROM generate_series(0, $1::int - 1) AS i
                JOIN numbered c ON c.k = i % $4::int
              RETURNING id, substring(title from 14)::int AS i),
            lots AS (
              INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value)
              SELECT id, n, 'Lot ' || n, ARRAY['34144900-7'], 50000 FROM made, generate_series(1, 2) AS n
              RETURNING tender_id)
       INSERT INTO tender_milestones (tender_id, name, planned_on)
       SELECT id, 'Milestone ' || d, current_date + d - i % 300 FROM made, unnest(ARRAY[60, 200, 400, 600]) AS d`,
      [tenderCount, STAGES, lead.user_id, consortiumCount],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE organisations, consortia, consortium_members, tenders, tender_lots, tender_milestones');
    myConsortia = (
      await db.query(
        `SELECT c.id, (SELECT count(*)::int FROM tenders t WHERE t.consortium_id = c.id) AS tenders
           FROM consortia c JOIN consortium_members m ON m.consortium_id = c.id
          WHERE m.organisation_id = $1 AND c.name LIKE 'Bench consortium %' ORDER BY c.name`,
        [musterstadt],
      )
    ).rows;
    const nextYear = new Date().getUTCFullYear() + 1;
    // What the roadmap must list: my open tenders with a milestone ahead in the next calendar year.
    [expected] = (
      await db.query(
        `SELECT count(DISTINCT t.id)::int AS roadmap,
                (SELECT count(*)::int FROM tenders) AS tenders,
                (SELECT count(*)::int FROM tenders WHERE consortium_id IN
                   (SELECT consortium_id FROM consortium_members WHERE organisation_id = $1)) AS mine,
                (SELECT count(*)::int FROM tenders WHERE stage = 'evaluation' AND consortium_id IN
                   (SELECT consortium_id FROM consortium_members WHERE organisation_id = $1)) AS evaluating
           FROM tenders t JOIN tender_milestones m ON m.tender_id = t.id
          WHERE t.stage <> 'closed' AND m.actual_on IS NULL AND m.planned_on BETWEEN $2::date AND $3::date
            AND t.consortium_id IN (SELECT consortium_id FROM consortium_members WHERE organisation_id = $1)`,
        [musterstadt, `${nextYear}-01-01`, `${nextYear}-12-31`],
      )
    ).rows;
    if (myConsortia.length !== mine || expected.tenders < tenderCount)
      throw new Error(`benchmark data came out wrong: ${myConsortia.length} consortia, ${expected.tenders} tenders`);
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }

  const base = `http://127.0.0.1:${PORT}`;
  api = await startBuiltApi(env, base);
  const accessToken = await accessTokenOf(base, EMAIL, PASSWORD);
  const headers = { authorization: `Bearer ${accessToken}`, 'x-acting-organisation': musterstadt };
  const timed = async (path) => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers });
    const body = await response.json();
    if (!response.ok || !Array.isArray(body.items)) throw new Error(`${path} answered ${response.status}`);
    return { ms: performance.now() - started, body };
  };

  // The first answers must describe the data above, else the timings mean nothing.
  const roadmap = (await timed('/api/v1/tenders/roadmap')).body;
  const list = (await timed(`/api/v1/consortia/${myConsortia[0].id}/tenders`)).body;
  const all = (await timed('/api/v1/tenders')).body;
  const evaluating = (await timed('/api/v1/tenders?stage=evaluation')).body;
  const problems = [
    roadmap.total !== expected.roadmap && `roadmap lists ${roadmap.total} tenders, not ${expected.roadmap}`,
    roadmap.items.length !== Math.min(20, expected.roadmap) && `roadmap page has ${roadmap.items.length} items`,
    list.total !== myConsortia[0].tenders && `tender list has ${list.total} tenders, not ${myConsortia[0].tenders}`,
    all.total !== expected.mine && `my tender list has ${all.total} tenders, not ${expected.mine}`,
    evaluating.total !== expected.evaluating &&
      `my tenders in evaluation are ${evaluating.total}, not ${expected.evaluating}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`answers are not what was inserted: ${problems.join('; ')}`);

  const measure = async (pathOf) => {
    for (let i = 0; i < WARM_UP; i += 1) await timed(pathOf(i));
    const times = [];
    for (let i = 0; i < requests; i += 1) times.push((await timed(pathOf(i))).ms);
    times.sort((a, b) => a - b);
    const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    return { p50: at(0.5), p95: at(0.95), max: times.at(-1) };
  };
  const results = [
    {
      what: '`GET /api/v1/tenders/roadmap` (next calendar year, first page of 20)',
      ...(await measure(() => '/api/v1/tenders/roadmap')),
    },
    {
      what: `\`GET /api/v1/tenders\` (every tender of my ${mine} consortia, first page of 20)`,
      ...(await measure(() => '/api/v1/tenders')),
    },
    {
      what: '`GET /api/v1/tenders?stage=evaluation` (my tenders at one stage, first page of 20)',
      ...(await measure(() => '/api/v1/tenders?stage=evaluation')),
    },
    {
      what: `\`GET /api/v1/consortia/:id/tenders\` (each of the ${mine} consortia in turn, first page of 20)`,
      ...(await measure((i) => `/api/v1/consortia/${myConsortia[i % myConsortia.length].id}/tenders`)),
    },
  ];
  const fixed = (ms) => ms.toFixed(1);
  for (const result of results)
    console.log(
      `${result.what}: p50 ${fixed(result.p50)} ms, p95 ${fixed(result.p95)} ms, max ${fixed(result.max)} ms; target p95 < ${TARGET_P95_MS} ms: ${result.p95 < TARGET_P95_MS ? 'pass' : 'FAIL'}`,
    );
  const flags = Object.entries({ requests, consortia: consortiumCount, mine, tenders: tenderCount })
    .filter(([name, value]) => value !== DEFAULTS[name])
    .map(([name, value]) => ` --${name} ${value}`)
    .join('');
  writeBenchmarkSection(
    'Tenders: roadmap and lists',
    [
      `The roadmap, my tender list across my consortia and a consortium's tender list through the api, as the procurement officer of Gemeinde Musterstadt, whose municipality is a member of ${mine} of ${consortiumCount} consortia; the platform holds ${tenderCount} tenders at every stage (two lots and four milestones each, spread over the next two years), inserted with SQL after \`main.js migrate\` and \`main.js seed\`. The roadmap lists ${expected.roadmap} of them (open tenders of my consortia with a milestone ahead next year); my tender list holds ${expected.mine} (${expected.evaluating} in evaluation). ${requests} sequential requests each after ${WARM_UP} warm-up requests; the first answers are checked against the data. Time is measured by the client (HTTP, authentication, JSON and the queries). Target (from the issue): under 100 ms p95 through the api.`,
      `Command: \`node tests/bench/tenders.mjs${flags}\` (needs the built api: \`npx nx run api:build\`).`,
      '',
      machineDescription(),
      '',
      '| Request | p50 | p95 | max | p95 under 100 ms |',
      '| --- | --- | --- | --- | --- |',
      ...results.map(
        (result) =>
          `| ${result.what} | ${fixed(result.p50)} ms | ${fixed(result.p95)} ms | ${fixed(result.max)} ms | ${result.p95 < TARGET_P95_MS ? 'pass' : 'fail'} |`,
      ),
    ].join('\n'),
  );
  console.log('written to docs/benchmarks.md');
} finally {
  api?.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 500));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
