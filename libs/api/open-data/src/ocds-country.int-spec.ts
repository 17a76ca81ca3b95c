import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { ValidateFunction } from 'ajv-draft-04';
import type { OcdsExportFormat, TenderStage } from '@consortio/shared/contracts';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { loadConfig } from '@consortio/api/platform/config';
import { OutboxService } from '@consortio/api/platform/queue';
import { EmitterEventsPublisher } from '@consortio/api/platform/realtime';
import { RedisConfig, RedisConnections } from '@consortio/api/platform/redis';
import { openTestDataSource, truncateAll, ocdsValidators, schemaErrors } from '@consortio/api/testing';
import { NOTICE_OUT } from '@consortio/shared/domain';
import { ExportFiles } from './jobs/export-file';
import type { OcdsRecordPackage, OcdsRelease, OcdsReleasePackage } from './ocds';
import { OcdsExportsService } from './ocds-exports.service';
import { OcdsPublicationSettings } from './ocds-publication';
import { OcdsService } from './ocds.service';
import { OpenDataConfig } from './open-data.config';
import { OpenDataReader } from './open-data-reader';

// Every OCDS output as the api and the worker make it from the generated country (2%: 80 tenders
// at every stage, with the histories, awards, sites and KPIs each stage implies) in the migrated
// database: each published tender's release package and record package, the paged list of latest
// releases, and the bulk release and record package exports of the whole country, each checked
// against the official OCDS 1.1 schemas and the EU profile's release schema.
const ROOT = resolve(__dirname, '../../../..');
const OPTIONS = { seed: 7, scale: 0.02, baseDate: '2026-03-02' };
const PREFIX = 'ocds-inttest';

/** Every stage a public tender can be at, and the two ways to be closed that OCDS tells apart. */
const PUBLIC_STAGES: readonly TenderStage[] = [...NOTICE_OUT, 'closed'];

const schemas = ocdsValidators();

(schemas ? describe : describe.skip)('OCDS from the generated country (PostgreSQL, the real reader)', () => {
  let dataSource: DataSource;
  let client: Client;
  let redis: RedisConnections;
  let reader: OpenDataReader;
  let ocds: OcdsService;
  let exportsService: OcdsExportsService;
  let federal: Principal;
  /** Each published tender's current stage, by id. */
  let published: Map<string, TenderStage>;

  /** Problems found, as `what: schema errors`, so that one failure names every bad output. */
  const problems: string[] = [];
  function check(validate: ValidateFunction | undefined, value: unknown, what: string): void {
    if (!validate) throw new Error('The OCDS schemas are missing');
    const errors = schemaErrors(validate, value);
    if (errors && errors.length > 0) problems.push(`${what}: ${JSON.stringify(errors.slice(0, 3))}`);
  }
  function checkReleases(pack: OcdsReleasePackage, what: string): void {
    check(schemas?.releasePackage, pack, `${what} (release package)`);
    for (const release of pack.releases) check(schemas?.euRelease, release, `${what} ${release.id} (EU profile)`);
  }
  function checkRecords(pack: OcdsRecordPackage, what: string): void {
    check(schemas?.recordPackage, pack, `${what} (record package)`);
    for (const record of pack.records)
      check(schemas?.euRelease, record.compiledRelease, `${what} ${record.ocid} compiled (EU profile)`);
  }

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    client = new Client({ connectionString: process.env['DATABASE_URL'] });
    await client.connect();
    await truncateAll(dataSource);
    // The generator lives in tests/ (a library may not import from there): run through its CLI.
    execFileSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'tests/support/country-seed-cli.ts',
        '--seed',
        String(OPTIONS.seed),
        '--scale',
        String(OPTIONS.scale),
        '--base-date',
        OPTIONS.baseDate,
      ],
      { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' }, stdio: 'pipe' },
    );

    const settings = new OcdsPublicationSettings(
      loadConfig(OpenDataConfig, { OCDS_OCID_PREFIX: PREFIX, PUBLIC_URL: 'https://consortio.example' }),
    );
    redis = new RedisConnections(
      loadConfig(RedisConfig, { ...process.env, REDIS_KEY_PREFIX: `it-ocds-${process.pid}` }),
    );
    reader = new OpenDataReader();
    ocds = new OcdsService(dataSource, reader, settings);
    exportsService = new OcdsExportsService(
      dataSource,
      reader,
      new ExportFiles(dataSource),
      settings,
      new OutboxService(),
      new AuditService(dataSource),
      new EmitterEventsPublisher(redis),
    );

    // The federal ministry (jurisdiction DE) as the seed signs it in: its analyst, acting for it.
    const [analyst] = await dataSource.query<{ user_id: string; organisation_id: string; role: string }[]>(
      `SELECT m.user_id, m.organisation_id, m.role FROM memberships m
         JOIN organisations o ON o.id = m.organisation_id
        WHERE o.kind = 'authority' AND o.jurisdiction = 'DE' LIMIT 1`,
    );
    federal = {
      userId: analyst.user_id,
      sessionId: 'int-spec',
      platformAdmin: false,
      memberships: [{ organisationId: analyst.organisation_id, role: analyst.role as never }],
      acting: {
        organisationId: analyst.organisation_id,
        kind: 'authority',
        role: analyst.role as never,
        verification: 'verified',
        jurisdiction: 'DE',
      },
    };

    published = new Map();
    for (let after: string | null = null; ; ) {
      const ids = await reader.publishedIds(dataSource.manager, { after, limit: 50 });
      if (ids.length === 0) break;
      const rows = await dataSource.query<{ id: string; stage: TenderStage }[]>(
        'SELECT id, stage FROM tenders WHERE id = ANY($1::uuid[])',
        [ids],
      );
      for (const row of rows) published.set(row.id, row.stage);
      after = ids[ids.length - 1];
    }
  }, 120_000);

  afterAll(async () => {
    await truncateAll(dataSource);
    await client.end();
    await redis.onApplicationShutdown();
    await dataSource.destroy();
  });

  beforeEach(() => {
    problems.length = 0;
  });

  it('finds published tenders at every public stage, closed both after implementation and by cancellation', async () => {
    const stages = new Set(published.values());
    expect(PUBLIC_STAGES.filter((stage) => !stages.has(stage))).toEqual([]);
    // Exactly the tenders that entered 'published' at some point, drafts never.
    const [counts] = await dataSource.query<{ ever: number; total: number }[]>(
      `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM tender_stage_changes c
                                              WHERE c.tender_id = t.id AND c.to_stage = 'published'))::int AS ever,
              count(*)::int AS total
         FROM tenders t`,
    );
    expect(published.size).toBe(counts.ever);
    expect(published.size).toBeLessThan(counts.total);
    expect(await reader.countPublished(dataSource.manager, null)).toBe(published.size);

    const closed = [...published].filter(([, stage]) => stage === 'closed').map(([id]) => id);
    const statuses = new Set<string>();
    for (const id of closed) statuses.add((await ocds.record(id)).records[0].compiledRelease.tender.status);
    expect([...statuses].sort()).toEqual(['cancelled', 'complete']);
  });

  it('serves valid release and record packages for every published tender, at every stage', async () => {
    const covered = new Set<TenderStage>();
    for (const [id, stage] of published) {
      const releases = await ocds.releases(id);
      checkReleases(releases, `${stage} tender ${id}`);
      const records = await ocds.record(id);
      checkRecords(records, `${stage} tender ${id}`);
      expect(records.records[0].compiledRelease).toEqual({
        ...releases.releases[releases.releases.length - 1],
        id: `${PREFIX}-${id}-compiled`,
        tag: ['compiled'],
      });
      covered.add(stage);
    }
    expect(problems).toEqual([]);
    expect(PUBLIC_STAGES.filter((stage) => !covered.has(stage))).toEqual([]);
  }, 120_000);

  it('pages the latest release of every published tender as valid release packages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const pack = await ocds.latestReleases(20, cursor);
      checkReleases(pack, `page after ${cursor ?? 'the start'}`);
      seen.push(...pack.releases.map((release) => release.tender.id));
      if (!pack.links) break;
      cursor = new URL(pack.links.next).searchParams.get('cursor') ?? undefined;
    }
    expect(problems).toEqual([]);
    expect(seen.sort()).toEqual([...published.keys()].sort());
  }, 120_000);

  async function exported(format: OcdsExportFormat): Promise<unknown> {
    const view = await exportsService.request(federal, { jurisdiction: 'DE', format });
    await exportsService.run(view.id);
    const done = await exportsService.get(federal, view.id);
    expect([done.status, done.rowsDone]).toEqual(['done', published.size]);
    const file = await exportsService.file(federal, view.id);
    const chunks: Buffer[] = [];
    for await (const chunk of file.chunks) chunks.push(chunk);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }

  it('exports every release of every published tender as a valid release package', async () => {
    const pack = (await exported('release-package')) as OcdsReleasePackage;
    checkReleases(pack, 'exported');
    expect(problems).toEqual([]);
    const byTender = new Map<string, OcdsRelease[]>();
    for (const release of pack.releases)
      byTender.set(release.tender.id, [...(byTender.get(release.tender.id) ?? []), release]);
    expect([...byTender.keys()].sort()).toEqual([...published.keys()].sort());
    const stages = new Set([...byTender.keys()].map((id) => published.get(id)));
    expect(PUBLIC_STAGES.filter((stage) => !stages.has(stage))).toEqual([]);
  }, 120_000);

  it('exports one record per published tender as a valid record package', async () => {
    const pack = (await exported('record-package')) as OcdsRecordPackage;
    checkRecords(pack, 'exported');
    expect(problems).toEqual([]);
    expect(pack.records.map((record) => record.ocid).sort()).toEqual(
      [...published.keys()].map((id) => `${PREFIX}-${id}`).sort(),
    );
  }, 120_000);

  it('keeps a tender withdrawn to amend it public, active, with the amendment, and valid', async () => {
    const [id] = [...published].find(([, stage]) => stage === 'published') ?? [];
    if (!id) throw new Error('The generated country has no tender at published');
    const reason = 'Withdrawn to amend the technical specification after questions from bidders.';
    // The stage change the tenders domain writes for published -> specification.
    await dataSource.query(
      `WITH moved AS (
         UPDATE tenders SET stage = 'specification', stage_changed_at = now(), updated_at = now() WHERE id = $1
         RETURNING id)
       INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, reason, changed_at)
       SELECT id, 'published', 'specification', $2, now() FROM moved`,
      [id, reason],
    );
    expect(await reader.isPublished(dataSource.manager, id)).toBe(true);
    expect(await reader.publishedIds(dataSource.manager, { after: null, limit: published.size })).toContain(id);

    const releases = await ocds.releases(id);
    checkReleases(releases, `withdrawn tender ${id}`);
    const records = await ocds.record(id);
    checkRecords(records, `withdrawn tender ${id}`);
    expect(problems).toEqual([]);
    const withdrawal = releases.releases[releases.releases.length - 1];
    expect(withdrawal.id).toMatch(new RegExp(`^${PREFIX}-${id}-\\d+-specification$`));
    expect(withdrawal.tag).toEqual(['tenderAmendment']);
    expect(withdrawal.tender.status).toBe('active');
    expect(withdrawal.tender.amendments?.map((amendment) => amendment.rationale)).toContain(reason);
    expect(records.records[0].compiledRelease.tender.status).toBe('active');

    // Still in the bulk export, which stays valid.
    const pack = (await exported('record-package')) as OcdsRecordPackage;
    checkRecords(pack, 'exported after the withdrawal');
    expect(problems).toEqual([]);
    expect(pack.records.map((record) => record.ocid)).toContain(`${PREFIX}-${id}`);
  }, 120_000);
});
