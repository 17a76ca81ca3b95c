import { randomBytes } from 'node:crypto';
import type { ValidateFunction } from 'ajv-draft-04';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  type NeedView,
  OCDS_CSV_COLUMNS,
  type OcdsExportView,
  type OpenCallView,
  personChannel,
  type ProblemDetails,
  type ServerToClientEvents,
  SOCKET_PARSER,
  type SubscribeAck,
  type TenderView,
} from '@consortio/shared/contracts';
import { OCDS_DIR, ocdsValidators } from '@consortio/api/testing';
import { parseCsv } from '@consortio/shared/domain';
import { consortiumWith } from '../support/api-client';
import { demoConsortiumId } from '../support/collab';
import { type ApiProcess, eventually, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, type SignedIn, signIn } from '../support/sessions';

/**
 * Open data end to end: tenders of a consortium at several stages served as OCDS 1.1 release
 * and record packages to anyone, each checked against the official OCDS 1.1 schemas and the EU
 * profile's patched release schema (from ../shared/data/ocds); a draft never appears; the public
 * list pages with links.next; and a ministry's bulk export of its jurisdiction runs in the worker
 * with progress and yields a file that validates too.
 */

type Release = {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  tender: {
    id: string;
    status: string;
    lots: { id: string; status: string }[];
    items: { relatedLot: string; classification: { scheme: string } }[];
    documents?: { url: string; documentType: string }[];
  };
  parties: { id: string; roles: string[] }[];
  awards?: { id: string; status: string; suppliers: { name: string }[]; relatedLots: string[] }[];
  contracts?: {
    awardID: string;
    status: string;
    dateSigned: string;
    implementation?: { milestones?: { code?: string; status: string }[]; metrics?: { title: string }[] };
  }[];
};
type ReleasePackage = {
  uri: string;
  version: string;
  extensions: string[];
  publisher: { name: string };
  license: string;
  publicationPolicy: string;
  publishedDate: string;
  releases: Release[];
  links?: { next: string };
};
type RecordPackage = Omit<ReleasePackage, 'releases' | 'links'> & {
  packages?: string[];
  records: { ocid: string; releases: { url: string; date: string; tag: string[] }[]; compiledRelease: Release }[];
};
type EventsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The official schemas; these tests are about what the api serves, so they must be there. */
function validators() {
  const schemas = ocdsValidators();
  if (!schemas) throw new Error(`The OCDS schemas are missing from ${OCDS_DIR}`);
  return schemas;
}

describe('open data (OCDS)', () => {
  const schemas = validators();
  const PREFIX = 'ocds-bbtest';
  const tag = randomBytes(3).toString('hex');
  let api: ApiProcess;
  let worker: PlatformProcess;
  let db: pg.Client;
  let anna: SignedIn; // procurement officer, Gemeinde Musterstadt (DE217): lead of the test group
  let lukas: SignedIn; // procurement officer, Markt Beispielheim (DE216): member
  let sophie: SignedIn; // analyst (viewer) of the ministry, an authority with jurisdiction DE2
  let nora: SignedIn; // Smart Grid Werke GmbH, supplier
  let consortiumId: string;
  const tenders = {} as Record<'published' | 'awarded' | 'pilot' | 'cancelled' | 'withdrawn' | 'draft', TenderView>;
  let callId: string;
  let bulkIds: string[];
  const org = (who: SignedIn) => who.user.memberships[0].organisationId;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

  async function send<T>(
    who: SignedIn | null,
    method: string,
    path: string,
    json?: unknown,
  ): Promise<{ status: number; body: T; type: string | null }> {
    const response = await as(who, api.url, `/api/v1${path}`, { method, json });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      type: response.headers.get('content-type'),
    };
  }

  async function ok<T>(who: SignedIn | null, method: string, path: string, json?: unknown, status = 200): Promise<T> {
    const answer = await send<T>(who, method, path, json);
    if (answer.status !== status)
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  function expectValid(validate: ValidateFunction, value: unknown, what: string): void {
    const valid = validate(value);
    expect({ what, errors: valid ? [] : validate.errors }).toEqual({ what, errors: [] });
  }

  /** A release package as anyone gets it: 200, JSON, valid OCDS 1.1, and every release valid under the EU profile. */
  async function releasePackage(path: string): Promise<ReleasePackage> {
    const answer = await send<ReleasePackage>(null, 'GET', path);
    expect([answer.status, answer.type]).toEqual([200, 'application/json; charset=utf-8']);
    expectValid(schemas.releasePackage, answer.body, `release package ${path}`);
    for (const release of answer.body.releases) expectValid(schemas.euRelease, release, `release ${release.id}`);
    return answer.body;
  }

  async function recordPackage(path: string): Promise<RecordPackage> {
    const answer = await send<RecordPackage>(null, 'GET', path);
    expect([answer.status, answer.type]).toEqual([200, 'application/json; charset=utf-8']);
    expectValid(schemas.recordPackage, answer.body, `record package ${path}`);
    for (const record of answer.body.records) expectValid(schemas.euRelease, record.compiledRelease, record.ocid);
    return answer.body;
  }

  const move = (tender: TenderView, to: string, reason?: string) =>
    ok<TenderView>(anna, 'POST', `/tenders/${tender.id}/transitions`, reason ? { to, reason } : { to });

  beforeAll(async () => {
    const env = platformEnv({ OCDS_OCID_PREFIX: PREFIX, OCDS_PUBLISHER_NAME: 'Consortio black-box' });
    api = await startApi(env);
    worker = startWorker(env);
    db = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
    await db.connect();
    [anna, lukas, sophie, nora] = await Promise.all(
      ['officer@musterstadt.test', 'officer@beispielheim.test', 'analyst@ministry.test', 'sales@smartgrid.test'].map(
        (email) => signIn(api.url, email),
      ),
    );

    // A group of two municipalities with needs in two CPV groups; every tender starts from them.
    consortiumId = await consortiumWith(ok, anna, `Open data group ${tag}`, [[lukas, 'member']], {
      listedPublicly: false,
    });
    for (const [who, cpvCode, budget] of [
      [anna, '34144900-7', '120000.00'],
      [lukas, '34144900-7', '80000.50'],
      [anna, '31500000-1', '14400.00'],
    ] as const) {
      const need = await ok<NeedView>(
        who,
        'POST',
        `/consortia/${consortiumId}/needs`,
        { cpvCode, title: `Need ${cpvCode}`, quantity: '1', unit: 'pcs', budget, priority: 'must' },
        201,
      );
      await ok(who, 'POST', `/consortia/${consortiumId}/needs/${need.id}/status`, { status: 'submitted' });
    }
    await ok(anna, 'POST', `/consortia/${consortiumId}/lots/suggest`, {});
    for (const stage of ['published', 'awarded', 'pilot', 'cancelled', 'withdrawn', 'draft'] as const) {
      tenders[stage] = await ok<TenderView>(
        anna,
        'POST',
        `/consortia/${consortiumId}/tenders`,
        {
          title: `Electric vans and lighting (${stage}) ${tag}`,
          procedureType: stage === 'pilot' ? 'restricted' : 'open',
        },
        201,
      );
      await ok(anna, 'PATCH', `/tenders/${tenders[stage].id}`, {
        criteria: [
          { kind: 'price', name: 'Price', weight: 50 },
          { kind: 'quality', name: 'Range', weight: 30 },
          { kind: 'sustainability', name: 'Recycling', weight: 20 },
        ],
        lotRules: { bidsOn: 'several', maxLotsPerTenderer: null },
      });
    }

    // Publication is set through SQL, with the record of the procedure a real run writes: the API
    // path to it (signed agreement, approved specification version) is covered by
    // tender-outcomes.test.ts. Everything after publication goes through the API.
    for (const stage of ['published', 'awarded', 'pilot', 'cancelled', 'withdrawn'] as const) {
      await db.query(
        `WITH moved AS (
           UPDATE tenders SET stage = 'published', stage_changed_at = now(), updated_at = now() WHERE id = $1 RETURNING id)
         INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, changed_by, changed_at)
         SELECT id, f, t, $2::uuid, now() + o * interval '1 millisecond' FROM moved,
                (VALUES ('needs-assessment', 'market-consultation', -3), ('market-consultation', 'specification', -2),
                        ('specification', 'approval', -1), ('approval', 'published', 0)) AS s (f, t, o)`,
        [tenders[stage].id, anna.user.id],
      );
    }
    const open = await ok<OpenCallView>(
      anna,
      'POST',
      `/tenders/${tenders.published.id}/open-calls`,
      {
        kind: 'call-for-tenders',
        title: `Call for tenders ${tag}`,
        summary: 'Electric vans and depot lighting for two municipalities.',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      201,
    );
    callId = open.id;
    await ok(anna, 'POST', `/open-calls/${callId}/publish`);

    // Evaluated and awarded, lot by lot; then, for one of them, the contract, a pilot site, a KPI and a milestone.
    for (const tender of [tenders.awarded, tenders.pilot]) {
      await ok(anna, 'PATCH', `/tenders/${tender.id}`, { tenderDeadline: new Date(Date.now() - 60_000).toISOString() });
      await move(tender, 'evaluation');
      for (const [index, lot] of tender.lots.entries()) {
        const bidders = [
          { name: `Cheap ${index} GmbH`, price: '10000.00', scores: { quality: 40, sustainability: 40 } },
          { name: `Better ${index} AG`, price: '12000.50', scores: { quality: 95, sustainability: 90 } },
        ];
        await ok(anna, 'PUT', `/tenders/${tender.id}/lots/${lot.id}/evaluation`, { bidders });
        await ok(
          anna,
          'POST',
          `/tenders/${tender.id}/lots/${lot.id}/award`,
          { supplierName: `Better ${index} AG`, value: '12000.50', awardedOn: daysAgo(1) },
          201,
        );
      }
      await move(tender, 'awarded');
    }
    const pilot = tenders.pilot;
    await ok(anna, 'PATCH', `/tenders/${pilot.id}`, { contractSignedOn: daysAgo(1) });
    await move(pilot, 'contract-signed');
    await ok(
      anna,
      'POST',
      `/tenders/${pilot.id}/sites`,
      { name: 'Building yard depot', organisationId: org(anna), stage: 'pilot', liveSince: daysAgo(1) },
      201,
    );
    await move(pilot, 'pilot');
    const kpi = await ok<{ id: string }>(
      anna,
      'POST',
      `/tenders/${pilot.id}/kpis`,
      { name: 'Fleet CO2 emissions', unit: 't CO2e per year', baseline: 120, target: 40 },
      201,
    );
    await ok(anna, 'PUT', `/tenders/${pilot.id}/kpis/${kpi.id}/values/${new Date().toISOString().slice(0, 7)}`, {
      value: 96.5,
    });
    await ok(
      anna,
      'POST',
      `/tenders/${pilot.id}/milestones`,
      { name: 'Pilot review', plannedOn: `${new Date().getUTCFullYear() + 1}-03-31`, actualOn: null },
      201,
    );
    await move(tenders.cancelled, 'closed', 'No suitable tenders were received.');

    // More published tenders than a page or an export batch holds, in the same region.
    const bulk = await db.query<{ id: string }>(
      `WITH c AS (INSERT INTO consortia (name, domain, lead_organisation_id) VALUES ($1, 'ict', $2) RETURNING id),
            m AS (INSERT INTO consortium_members (consortium_id, organisation_id, role) SELECT id, $2, 'lead' FROM c),
            t AS (INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, stage, lot_rules)
                  SELECT c.id, 'Bulk tender ' || g, 'below-threshold', 1000 + g, 'published',
                         '{"bidsOn": "one", "maxLotsPerTenderer": null}'::jsonb
                    FROM c, generate_series(1, 55) AS g RETURNING id),
            l AS (INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value)
                  SELECT id, 1, 'Software licences', ARRAY['48000000-8'], 1000 FROM t),
            s AS (INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage) SELECT id, 'approval', 'published' FROM t)
       SELECT id FROM t`,
      [`OCDS bulk group ${tag}`, org(anna)],
    );
    bulkIds = bulk.rows.map((row) => row.id);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const ocid = (tenderId: string) => `${PREFIX}-${tenderId}`;

  describe('a published tender', () => {
    it('has one release per stage change since publication, and one for the call published after', async () => {
      const tender = tenders.published;
      const pack = await releasePackage(`/ocds/tenders/${tender.id}/releases`);
      expect(pack).toMatchObject({
        uri: `${api.url}/api/v1/ocds/tenders/${tender.id}/releases`,
        version: '1.1',
        publisher: { name: 'Consortio black-box' },
        license: 'https://creativecommons.org/licenses/by/4.0/',
        publicationPolicy: `${api.url}/api/v1/ocds/publication-policy`,
      });
      expect(pack.extensions).toContain(
        'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.4/extension.json',
      );
      expect(pack.releases.map((release) => [release.ocid, release.tag, release.tender.status])).toEqual([
        [ocid(tender.id), ['planning', 'tender'], 'active'],
        [ocid(tender.id), ['tenderUpdate'], 'active'],
      ]);
      const [first, update] = pack.releases;
      expect(first.id).toMatch(new RegExp(`^${ocid(tender.id)}-\\d+-published$`));
      expect(update.tender.documents).toEqual([
        expect.objectContaining({ documentType: 'tenderNotice', url: `${api.url}/open-calls/${callId}` }),
      ]);
      expect(first.parties.map((party) => [party.id, party.roles])).toEqual([
        [org(anna), ['buyer', 'leadBuyer', 'procuringEntity']],
        [org(lukas), ['buyer']],
      ]);
      expect(first.tender.lots.map((lot) => lot.id).sort()).toEqual(tender.lots.map((lot) => lot.id).sort());
      for (const item of first.tender.items) {
        expect(item.classification.scheme).toBe('CPV');
        expect(tender.lots.map((lot) => lot.id)).toContain(item.relatedLot);
      }
    });

    it('has a record with the releases linked and the compiled release', async () => {
      const tender = tenders.published;
      const { releases } = await releasePackage(`/ocds/tenders/${tender.id}/releases`);
      const pack = await recordPackage(`/ocds/tenders/${tender.id}/record`);
      const releasesUrl = `${api.url}/api/v1/ocds/tenders/${tender.id}/releases`;
      expect(pack.packages).toEqual([releasesUrl]);
      const [record] = pack.records;
      expect(record.releases).toEqual(
        releases.map((release) => ({ url: `${releasesUrl}#${release.id}`, date: release.date, tag: release.tag })),
      );
      expect(record.compiledRelease).toEqual({
        ...releases[releases.length - 1],
        id: `${ocid(tender.id)}-compiled`,
        tag: ['compiled'],
      });
    });
  });

  it('shows evaluation, awards with their suppliers and lots, and the award stage', async () => {
    const tender = tenders.awarded;
    const { releases } = await releasePackage(`/ocds/tenders/${tender.id}/releases`);
    expect(releases.map((release) => release.tag)).toEqual([
      ['planning', 'tender'],
      ['tenderUpdate'],
      ['tenderUpdate', 'award'],
    ]);
    const awarded = releases[2];
    expect(awarded.tender.status).toBe('complete');
    expect(awarded.tender.lots.map((lot) => lot.status)).toEqual(['complete', 'complete']);
    expect(awarded.awards?.map((award) => [award.status, award.suppliers[0].name, award.relatedLots]).sort()).toEqual(
      tender.lots.map((lot, index) => ['active', `Better ${index} AG`, [lot.id]]).sort(),
    );
    expect(awarded.parties.filter((party) => party.roles.includes('supplier'))).toHaveLength(2);
    expect(awarded.contracts).toBeUndefined();
  });

  it('shows the signed contract, the pilot site and the KPI in the implementation', async () => {
    const tender = tenders.pilot;
    const { releases } = await releasePackage(`/ocds/tenders/${tender.id}/releases`);
    expect(releases.slice(0, 5).map((release) => release.tag)).toEqual([
      ['planning', 'tender'],
      ['tenderUpdate'],
      ['tenderUpdate', 'award'],
      ['contract'],
      ['implementation'],
    ]);
    const latest = releases[releases.length - 1];
    expect(latest.tag).toEqual(releases.length === 6 ? ['implementationUpdate'] : ['implementation']);
    expect(latest.contracts?.map((contract) => [contract.status, contract.dateSigned])).toEqual([
      ['active', `${daysAgo(1)}T00:00:00Z`],
      ['active', `${daysAgo(1)}T00:00:00Z`],
    ]);
    expect(latest.contracts?.map((contract) => contract.awardID).sort()).toEqual(
      (latest.awards ?? []).map((award) => award.id).sort(),
    );
    const implementation = latest.contracts?.[0].implementation;
    expect(implementation?.milestones?.map((milestone) => [milestone.code ?? null, milestone.status])).toEqual([
      [null, 'scheduled'],
      ['pilot-site', 'met'],
    ]);
    expect(implementation?.metrics?.map((metric) => metric.title)).toEqual(['Fleet CO2 emissions']);
    await recordPackage(`/ocds/tenders/${tender.id}/record`);
  });

  it('cancels a tender closed before the award, giving the reason', async () => {
    const { releases } = await releasePackage(`/ocds/tenders/${tenders.cancelled.id}/releases`);
    const closed = releases[releases.length - 1];
    expect(closed.tag).toEqual(['tenderCancellation']);
    expect(closed.tender.status).toBe('cancelled');
    expect(closed.tender).toMatchObject({
      amendments: [expect.objectContaining({ rationale: 'No suitable tenders were received.' })],
    });
    await recordPackage(`/ocds/tenders/${tenders.cancelled.id}/record`);
  });

  it('keeps a tender withdrawn to amend it public: still listed, its releases and record valid, the tender active', async () => {
    const tender = tenders.withdrawn;
    const reason = 'Lot 2 range requirement corrected after questions from bidders.';
    const before = await releasePackage(`/ocds/tenders/${tender.id}/releases`);
    await move(tender, 'specification', reason);
    const { releases } = await releasePackage(`/ocds/tenders/${tender.id}/releases`);
    expect(releases.slice(0, before.releases.length)).toEqual(before.releases);
    const withdrawal = releases[releases.length - 1];
    expect(withdrawal.id).toMatch(new RegExp(`^${ocid(tender.id)}-\\d+-specification$`));
    expect([withdrawal.tag, withdrawal.tender.status]).toEqual([['tenderAmendment'], 'active']);
    expect(withdrawal.tender).toMatchObject({ amendments: [expect.objectContaining({ rationale: reason })] });
    const record = await recordPackage(`/ocds/tenders/${tender.id}/record`);
    expect(record.records[0].compiledRelease.tender.status).toBe('active');
    const seen: string[] = [];
    for (let path: string | null = '/ocds/tenders?pageSize=100'; path; ) {
      const pack: ReleasePackage = await releasePackage(path);
      seen.push(...pack.releases.map((release) => release.tender.id));
      path = pack.links ? pack.links.next.slice(`${api.url}/api/v1`.length) : null;
    }
    expect(seen).toContain(tender.id);
  });

  it('never shows a draft: its releases and record answer like an unknown tender', async () => {
    const demo = await ok<{ items: { id: string; stage: string }[] }>(
      anna,
      'GET',
      `/consortia/${await demoConsortiumId(api.url, anna)}/tenders`,
    );
    const drafts = [
      tenders.draft.id,
      ...demo.items.filter((item) => item.stage === 'market-consultation').map((item) => item.id),
    ];
    expect(drafts.length).toBeGreaterThan(1);
    for (const id of [...drafts, '00000000-0000-4000-8000-000000000000']) {
      for (const part of ['releases', 'record']) {
        const answer = await send<ProblemDetails>(null, 'GET', `/ocds/tenders/${id}/${part}`);
        expect([answer.status, answer.body.detail]).toEqual([404, `There is no published tender with id ${id}.`]);
      }
    }
    expect((await send(null, 'GET', '/ocds/tenders/not-a-tender/releases')).status).toBe(400);
  });

  it('pages the latest release of every published tender with links.next, each once, drafts never', async () => {
    const seen: string[] = [];
    let path: string | null = '/ocds/tenders?pageSize=7';
    let pages = 0;
    while (path) {
      const pack: ReleasePackage = await releasePackage(path);
      pages += 1;
      expect(pack.releases.length).toBeLessThanOrEqual(7);
      seen.push(...pack.releases.map((release) => release.tender.id));
      if (pack.links) {
        expect(pack.releases).toHaveLength(7);
        expect(pack.links.next.startsWith(`${api.url}/api/v1/ocds/tenders?pageSize=7&cursor=`)).toBe(true);
        path = pack.links.next.slice(`${api.url}/api/v1`.length);
      } else path = null;
    }
    expect(pages).toBeGreaterThanOrEqual(9);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of [tenders.published.id, tenders.awarded.id, tenders.pilot.id, tenders.cancelled.id, ...bulkIds])
      expect(seen).toContain(id);
    expect(seen).not.toContain(tenders.draft.id);
    // Past the last published tender there is no valid package (OCDS: at least one release): 404, not `releases: []`.
    const last = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    const past = await send<ProblemDetails>(null, 'GET', `/ocds/tenders?cursor=${last}`);
    expect([past.status, past.body.detail]).toEqual([
      404,
      `There is no published tender after ${last}: an OCDS release package holds at least one release.`,
    ]);
    const cursor = await send<ProblemDetails>(null, 'GET', '/ocds/tenders?cursor=page-2');
    expect([cursor.status, cursor.body.errors?.map((error) => error.field)]).toEqual([400, ['cursor']]);
    const size = await send<ProblemDetails>(null, 'GET', '/ocds/tenders?pageSize=101');
    expect([size.status, size.body.errors?.map((error) => error.field)]).toEqual([400, ['pageSize']]);
  });

  it('serves its publication policy', async () => {
    const response = await fetch(`${api.url}/api/v1/ocds/publication-policy`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toContain(`ocid = ${PREFIX}-{tender id}`);
  });

  describe('bulk export of a jurisdiction', () => {
    async function exported(
      format: string,
    ): Promise<{ view: OcdsExportView; file: Response; events: OcdsExportView[] }> {
      const socket: EventsSocket = io(`${api.url}/events`, {
        parser: SOCKET_PARSER,
        transports: ['websocket'],
        auth: { token: sophie.token },
        reconnection: false,
      });
      const events: OcdsExportView[] = [];
      socket.on('ocds.export', (view) => events.push(view));
      try {
        await new Promise<void>((done, fail) => {
          socket.once('connect', () => done());
          socket.once('connect_error', fail);
        });
        const ack = await new Promise<SubscribeAck>((done) =>
          socket.emit('subscribe', { channel: personChannel(sophie.user.id) }, done),
        );
        expect(ack.ok).toBe(true);
        const queued = await ok<OcdsExportView>(sophie, 'POST', '/ocds/exports', { jurisdiction: 'de21', format }, 201);
        expect(queued).toMatchObject({
          jurisdiction: 'DE21',
          format,
          status: 'queued',
          rowsDone: 0,
          downloadUrl: null,
        });
        const view = await eventually(
          async () => {
            const current = await ok<OcdsExportView>(sophie, 'GET', `/ocds/exports/${queued.id}`);
            if (current.status === 'failed') throw new Error(`export failed: ${current.error}`);
            return current.status === 'done' ? current : undefined;
          },
          30_000,
          `the ${format} export`,
        );
        await eventually(
          async () => (events.some((event) => event.status === 'done') ? true : undefined),
          5_000,
          'the done event',
        );
        const file = await as(sophie, api.url, view.downloadUrl ?? '');
        expect(file.status).toBe(200);
        return { view, file, events };
      } finally {
        socket.disconnect();
      }
    }

    const mine = () => [
      tenders.published.id,
      tenders.awarded.id,
      tenders.pilot.id,
      tenders.cancelled.id,
      tenders.withdrawn.id,
      ...bulkIds,
    ];

    it('writes every release of each published tender of the region as a valid release package, reporting progress', async () => {
      const { view, file, events } = await exported('release-package');
      expect(view.rowsTotal).toBeGreaterThanOrEqual(mine().length);
      expect(view.rowsDone).toBe(view.rowsTotal);
      expect(view.sizeBytes).toBeGreaterThan(0);
      // Progress came batch by batch (50 tenders each) before the end.
      expect(
        events.some(
          (event) => event.status === 'running' && event.rowsDone > 0 && event.rowsDone < (event.rowsTotal ?? 0),
        ),
      ).toBe(true);
      expect(events[events.length - 1]).toMatchObject({ status: 'done', rowsDone: view.rowsDone });
      expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(file.headers.get('content-disposition')).toMatch(
        /^attachment; filename="ocds-DE21-release-package-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const text = await file.text();
      expect(Buffer.byteLength(text)).toBe(view.sizeBytes);
      const pack = JSON.parse(text) as ReleasePackage;
      expectValid(schemas.releasePackage, pack, 'exported release package');
      for (const release of pack.releases) expectValid(schemas.euRelease, release, `exported ${release.id}`);
      const ids = new Set(pack.releases.map((release) => release.tender.id));
      for (const id of mine()) expect(ids).toContain(id);
      expect(ids).not.toContain(tenders.draft.id);
      expect(pack.releases.filter((release) => release.tender.id === tenders.pilot.id).length).toBeGreaterThanOrEqual(
        5,
      );
    });

    it('writes one record per tender as a valid record package', async () => {
      const { view, file } = await exported('record-package');
      const pack = JSON.parse(await file.text()) as RecordPackage;
      expectValid(schemas.recordPackage, pack, 'exported record package');
      for (const record of pack.records)
        expectValid(schemas.euRelease, record.compiledRelease, `exported ${record.ocid}`);
      expect(pack.records).toHaveLength(view.rowsDone);
      expect(pack.records.map((record) => record.ocid)).toEqual(expect.arrayContaining(mine().map(ocid)));
    });

    it('writes one CSV row per tender', async () => {
      const { view, file } = await exported('csv');
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const table = parseCsv(await file.text());
      expect(table.header).toEqual([...OCDS_CSV_COLUMNS]);
      expect(table.rows).toHaveLength(view.rowsDone);
      const row = table.rows.find((candidate) => candidate.cells[1] === tenders.awarded.id)?.cells;
      expect(row && Object.fromEntries(OCDS_CSV_COLUMNS.map((column, index) => [column, row[index]]))).toEqual({
        ocid: ocid(tenders.awarded.id),
        tender_id: tenders.awarded.id,
        title: tenders.awarded.title,
        lead_buyer: 'Gemeinde Musterstadt',
        members: '2',
        estimated_value_eur: tenders.awarded.estimatedValue,
        stage: 'awarded',
        cpv_codes: '31500000-1 34144900-7',
        nuts_codes: 'DE216 DE217',
        awarded_lots: '2',
        awarded_value_eur: '24001.00',
      });
    });

    it('is for observers of a jurisdiction only, within their own, and names a bad field', async () => {
      const body = { format: 'csv' };
      expect((await send(null, 'POST', '/ocds/exports', body)).status).toBe(401);
      for (const who of [anna, nora]) {
        const refused = await send<ProblemDetails>(who, 'POST', '/ocds/exports', body);
        expect([refused.status, refused.body.detail]).toEqual([403, 'You are not allowed to do this.']);
      }
      for (const [input, field, message] of [
        [{ jurisdiction: 'Bavaria', format: 'csv' }, 'jurisdiction', /country code or NUTS prefix/],
        [{ jurisdiction: 'AT', format: 'csv' }, 'jurisdiction', /outside your jurisdiction DE2/],
        [{ jurisdiction: 'DE2Z9', format: 'csv' }, 'jurisdiction', /matches no known country or NUTS region/],
        [{ format: 'xml' }, 'format', /format must be one of release-package, record-package, csv/],
      ] as const) {
        const refused = await send<ProblemDetails>(sophie, 'POST', '/ocds/exports', input);
        expect(refused.status).toBe(400);
        expect(refused.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
      }
      // An export is its organisation's: others cannot see it, and unknown ids are 404.
      const mineExport = await ok<OcdsExportView>(sophie, 'POST', '/ocds/exports', body, 201);
      expect((await send(anna, 'GET', `/ocds/exports/${mineExport.id}`)).status).toBe(403);
      const unknown = await send<ProblemDetails>(sophie, 'GET', '/ocds/exports/00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
    });
  });
});
