import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type {
  MonitoringAlertView,
  MonitoringConsortiumDetail,
  MonitoringConsortiumPage,
  MonitoringDashboard,
  MonitoringTenderDetail,
  MonitoringTenderPage,
  NotificationView,
  ObserverNoteView,
  OrganisationView,
  Page,
  ProblemDetails,
  TenderView,
} from '@consortio/shared/contracts';
import { MONITORING_TABLES } from '@consortio/shared/contracts';
import { parseCsv } from '@consortio/shared/domain';
import { apiClient, consortiumWith, submitNeed } from '../support/api-client';
import { type ApiProcess, eventually, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, type SignedIn, signIn } from '../support/sessions';

/**
 * Monitoring end to end, through the built api and worker: a district of its own (NUTS DE2X,
 * inside the demo ministry's jurisdiction DE2, so other test files' data never falls in it) with
 * four municipalities, two consortia and four tenders at several stages. The dashboard, its
 * lists, drill-downs and CSV tables must show exactly those figures once the worker has
 * refreshed the read models; the alerts job must raise and clear alerts and tell people; notes
 * of observers must reach the consortium and no one else.
 */
/** The totals block's CSV header, written out here rather than read from the api's own list. */
const TOTALS_HEADER = [
  'municipalities',
  'participating_municipalities',
  'consortia',
  'tenders',
  'pooled_value_eur',
  'published_tenders',
  'stalled_tenders',
];

describe('monitoring', () => {
  const tag = randomBytes(3).toString('hex');
  const PASSWORD = 'monitoring-test-password';
  const DISTRICT = 'DE2X';
  let api: ApiProcess;
  let worker: PlatformProcess;
  let db: pg.Client;
  let platformAdmin: SignedIn;
  let ministry: SignedIn; // analyst (viewer) of the demo ministry, jurisdiction DE2
  let officer: SignedIn; // procurement officer of Musterstadt: not an authority
  let nord: SignedIn; // DE2X1, lead of the mobility group, member of the energy group
  let ost: SignedIn; // DE2X2, member of the mobility group
  let sued: SignedIn; // DE2X1, lead of the energy group
  let west: SignedIn; // DE2X3, in no consortium
  let bezirk: SignedIn; // a regional authority, jurisdiction DE2X
  let pending: SignedIn; // an authority not verified yet
  let mobilityId: string;
  let energyId: string;
  const tenders = {} as Record<'stalled' | 'pilot' | 'small' | 'replica', TenderView>;
  let missedMilestoneId: string;
  const org = (who: SignedIn) => who.user.memberships[0].organisationId;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  const { call, ok } = apiClient(() => api.url);
  const fields = (answer: { body: ProblemDetails }) => answer.body.errors?.map((error) => error.field);
  const dashboard = (who: SignedIn, query = `region=${DISTRICT}`) =>
    ok<MonitoringDashboard>(who, 'GET', `/monitoring/dashboard?${query}`);

  /** Waits until the worker has refreshed the read models after `since`. */
  async function refreshedAfter(since: Date): Promise<void> {
    await eventually(
      async () => {
        const { refreshedAt } = await dashboard(ministry);
        return new Date(refreshedAt) > since ? true : undefined;
      },
      30_000,
      'a refresh of the monitoring read models',
    );
  }

  async function register(name: string, organisation: Record<string, unknown>, verify: boolean): Promise<SignedIn> {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${tag}@monitoring.test`;
    const answer = await call<{ organisation: OrganisationView }>(null, 'POST', '/organisations', {
      organisation: { name: `${name} ${tag}`, ...organisation },
      admin: { email, password: PASSWORD, displayName: `${name} admin` },
    });
    if (answer.status !== 201) throw new Error(`registering ${name} answered ${answer.status}`);
    if (verify) {
      await ok(platformAdmin, 'POST', `/organisations/${answer.body.organisation.id}/verification`, {
        decision: 'verified',
        note: 'Monitoring test',
      });
    }
    return signIn(api.url, email, PASSWORD);
  }

  const municipality = (name: string, nutsCode: string) =>
    register(name, { kind: 'municipality', nutsCode, population: 4000 }, true);

  const move = (who: SignedIn, tender: TenderView, to: string) =>
    ok<TenderView>(who, 'POST', `/tenders/${tender.id}/transitions`, { to });

  async function notifications(who: SignedIn, kind: string): Promise<NotificationView[]> {
    const page = await ok<Page<NotificationView>>(who, 'GET', '/notifications?pageSize=100');
    return page.items.filter((item) => item.kind === kind);
  }

  /** A CSV file of the api, saved as `<file>-<date>.csv`: its header and rows. */
  async function csvAt(who: SignedIn, path: string, file: string) {
    const response = await as(who, api.url, `/api/v1/monitoring/${path}`);
    expect([path, response.status]).toEqual([path, 200]);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${file}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    // A byte-order mark first, for spreadsheets (decoding as UTF-8 then drops it).
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(new TextDecoder().decode(bytes));
    return { header: table.header, rows: table.rows.map((row) => row.cells) };
  }

  const csv = (who: SignedIn, name: string, query = `region=${DISTRICT}`, region = DISTRICT) =>
    csvAt(who, `tables/${name}.csv?${query}`, `monitoring-${name}-${region}`);

  beforeAll(async () => {
    // Refresh every second and run the alerts every two seconds, so the test sees changes soon.
    const env = platformEnv({ MONITORING_REFRESH_SECONDS: '1', MONITORING_ALERTS_CRON: '*/2 * * * * *' });
    api = await startApi(env);
    worker = startWorker(env);
    db = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
    await db.connect();
    // A district of our own: NUTS 3 regions the platform has not imported (the black-box database holds the demo ones only).
    await db.query(
      `INSERT INTO nuts_regions (code, country_iso3, name) VALUES
         ('DE2X1', 'DEU', 'Testkreis Nord'), ('DE2X2', 'DEU', 'Testkreis Ost'), ('DE2X3', 'DEU', 'Testkreis West')
       ON CONFLICT (code) DO NOTHING`,
    );
    [platformAdmin, ministry, officer] = await Promise.all(
      ['admin@consortio.test', 'analyst@ministry.test', 'officer@musterstadt.test'].map((email) =>
        signIn(api.url, email),
      ),
    );
    nord = await municipality('Testmarkt Nord', 'DE2X1');
    ost = await municipality('Testgemeinde Ost', 'DE2X2');
    sued = await municipality('Teststadt Sued', 'DE2X1');
    west = await municipality('Testdorf West', 'DE2X3');
    bezirk = await register('Regierung Testbezirk', { kind: 'authority', jurisdiction: DISTRICT }, true);
    pending = await register('Regierung Wartebezirk', { kind: 'authority', jurisdiction: DISTRICT }, false);

    // The mobility group: Nord leads, Ost joins; three needs in two CPV divisions.
    mobilityId = await consortiumWith(ok, nord, `Mobil Test ${tag}`, [[ost, 'member']], {
      listedPublicly: false,
    });
    await submitNeed(ok, nord, mobilityId, '34144900-7', '120000.00');
    await submitNeed(ok, ost, mobilityId, '34144900-7', '80000.50');
    await submitNeed(ok, nord, mobilityId, '31500000-1', '14400.00');
    await ok(nord, 'POST', `/consortia/${mobilityId}/lots/suggest`, {});
    for (const [key, procedureType] of [
      ['stalled', 'open'],
      ['pilot', 'restricted'],
    ] as const) {
      tenders[key] = await ok<TenderView>(
        nord,
        'POST',
        `/consortia/${mobilityId}/tenders`,
        { title: `Vans and lighting (${key}) ${tag}`, procedureType },
        201,
      );
    }

    // The energy group: Sued leads, Nord joins; one need.
    energyId = await consortiumWith(ok, sued, `Energie Test ${tag}`, [[nord, 'member']], {
      domain: 'energy',
      listedPublicly: false,
    });
    await submitNeed(ok, sued, energyId, '31500000-1', '50000.00');
    await ok(sued, 'POST', `/consortia/${energyId}/lots/suggest`, {});
    tenders.small = await ok<TenderView>(
      sued,
      'POST',
      `/consortia/${energyId}/tenders`,
      { title: `Street lights ${tag}`, procedureType: 'below-threshold' },
      201,
    );

    // The restricted tender runs to a pilot. Publication is set through SQL with the record a
    // real run writes (the API path to it is covered by tender-outcomes.test.ts).
    const pilot = tenders.pilot;
    await ok(nord, 'PATCH', `/tenders/${pilot.id}`, {
      criteria: [
        { kind: 'price', name: 'Price', weight: 60 },
        { kind: 'quality', name: 'Range', weight: 40 },
      ],
      lotRules: { bidsOn: 'several', maxLotsPerTenderer: null },
    });
    await db.query(
      `WITH moved AS (
         UPDATE tenders SET stage = 'published', stage_changed_at = now(), updated_at = now() WHERE id = $1 RETURNING id)
       INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, changed_by, changed_at)
       SELECT id, f, t, $2::uuid, now() + o * interval '1 millisecond' FROM moved,
              (VALUES ('needs-assessment', 'market-consultation', -3), ('market-consultation', 'specification', -2),
                      ('specification', 'approval', -1), ('approval', 'published', 0)) AS s (f, t, o)`,
      [pilot.id, nord.user.id],
    );
    await ok(nord, 'PATCH', `/tenders/${pilot.id}`, { tenderDeadline: new Date(Date.now() - 60_000).toISOString() });
    await move(nord, pilot, 'evaluation');
    for (const lot of pilot.lots) {
      const vans = lot.cpvCodes.includes('34144900-7');
      const price = vans ? '150000.00' : '12000.00';
      await ok(nord, 'PUT', `/tenders/${pilot.id}/lots/${lot.id}/evaluation`, {
        bidders: [{ name: `Supplier ${lot.number} GmbH`, price, scores: { quality: 80 } }],
      });
      await ok(
        nord,
        'POST',
        `/tenders/${pilot.id}/lots/${lot.id}/award`,
        { supplierName: `Supplier ${lot.number} GmbH`, value: price, awardedOn: day(-1) },
        201,
      );
    }
    await move(nord, pilot, 'awarded');
    await ok(nord, 'PATCH', `/tenders/${pilot.id}`, { contractSignedOn: day(-1) });
    await move(nord, pilot, 'contract-signed');
    await ok(
      nord,
      'POST',
      `/tenders/${pilot.id}/sites`,
      { name: 'Depot Nord', organisationId: org(nord), stage: 'pilot', liveSince: day(-1) },
      201,
    );
    await move(nord, pilot, 'pilot');
    const kpi = await ok<{ id: string }>(
      nord,
      'POST',
      `/tenders/${pilot.id}/kpis`,
      { name: `Vans in service ${tag}`, unit: 'vehicles', baseline: 0, target: 10 },
      201,
    );
    await ok(nord, 'PUT', `/tenders/${pilot.id}/kpis/${kpi.id}/values/${day(0).slice(0, 7)}`, { value: 7 });

    // The energy group copies the piloted tender.
    tenders.replica = await ok<TenderView>(
      sued,
      'POST',
      `/tenders/${pilot.id}/replications`,
      { consortiumId: energyId },
      201,
    );

    // Deadlines ahead, a milestone missed, and a tender without a stage change for 90 days.
    await ok(nord, 'PATCH', `/tenders/${tenders.stalled.id}`, { tenderDeadline: `${day(5)}T12:00:00.000Z` });
    await ok(sued, 'POST', `/tenders/${tenders.small.id}/milestones`, { name: 'Site survey', plannedOn: day(10) }, 201);
    missedMilestoneId = (
      await ok<{ id: string }>(
        sued,
        'POST',
        `/tenders/${tenders.small.id}/milestones`,
        { name: 'Kick-off', plannedOn: day(-5) },
        201,
      )
    ).id;
    await db.query("UPDATE tenders SET stage_changed_at = now() - interval '90 days' WHERE id = $1", [
      tenders.stalled.id,
    ]);
    await refreshedAfter(new Date());
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('formed the test data as planned', () => {
    expect(tenders.stalled.estimatedValue).toBe('214400.50');
    expect(tenders.replica.estimatedValue).toBe('214400.50');
    expect(tenders.small.estimatedValue).toBe('50000.00');
    expect(tenders.pilot.lots).toHaveLength(2);
  });

  it('shows the district on the dashboard: participation, pooled value, stages, scale-up, savings, KPIs', async () => {
    const view = await dashboard(ministry);
    expect(view.jurisdiction.code).toBe('DE2');
    expect(view.filters).toEqual({ region: DISTRICT });
    expect(view.stalledAfterDays).toBe(60);
    expect(view.totals).toEqual({
      municipalities: 4,
      participatingMunicipalities: 3,
      consortia: 2,
      tenders: 4,
      pooledValue: 693201.5,
      publishedTenders: 1,
      stalledTenders: 1,
    });
    expect(view.regions).toEqual([
      {
        code: 'DE2X1',
        name: 'Testkreis Nord',
        municipalities: 2,
        participating: 2,
        share: 1,
        consortia: 2,
        tenders: 4,
        pooledValue: 693201.5,
      },
      {
        code: 'DE2X2',
        name: 'Testkreis Ost',
        municipalities: 1,
        participating: 1,
        share: 1,
        consortia: 1,
        tenders: 2,
        pooledValue: 428801,
      },
      {
        code: 'DE2X3',
        name: 'Testkreis West',
        municipalities: 1,
        participating: 0,
        share: 0,
        consortia: 0,
        tenders: 0,
        pooledValue: 0,
      },
    ]);
    expect(view.pooledByDomain.map((row) => [row.key, row.tenders, row.pooledValue])).toEqual([
      ['energy', 2, 264400.5],
      ['ict', 0, 0],
      ['mobility', 2, 428801],
      ['other', 0, 0],
    ]);
    expect(view.pooledByCpvDivision.map((row) => [row.key, row.tenders, row.pooledValue])).toEqual([
      ['31', 4, 693201.5],
      ['34', 3, 643201.5],
    ]);
    expect(view.tendersByStage.filter((row) => row.tenders > 0)).toEqual([
      { stage: 'needs-assessment', tenders: 3 },
      { stage: 'pilot', tenders: 1 },
    ]);
    expect(view.timeToPublication.tenders).toBe(1);
    expect(view.timeToPublication.byQuarter).toHaveLength(1);
    expect(view.timeToPublication.medianDays).toBe(0);
    expect(view.stalled.map((row) => [row.id, row.stage])).toEqual([[tenders.stalled.id, 'needs-assessment']]);
    expect(view.stalled[0].daysInStage).toBeGreaterThanOrEqual(90);
    expect(view.upcomingDeadlines.map((row) => [row.tenderId, row.kind, row.name])).toEqual([
      [tenders.stalled.id, 'tender-deadline', null],
      [tenders.small.id, 'milestone', 'Site survey'],
    ]);
    expect(view.upcomingDeadlines[1].due).toBe(day(10));
    expect(view.funnel).toEqual({ contracted: 1, pilot: 1, city: 0, region: 0, replicated: 1 });
    expect(view.savings).toEqual({
      estimated: 214400.5,
      awarded: 162000,
      saved: 52400.5,
      share: 52400.5 / 214400.5,
      awardedLots: 2,
    });
    expect(view.kpis).toEqual([{ name: `Vans in service ${tag}`, unit: 'vehicles', tenders: 1, total: 7 }]);
  });

  it('narrows every figure by each filter', async () => {
    const east = await dashboard(ministry, `region=${DISTRICT}2`);
    expect(east.totals).toMatchObject({ municipalities: 1, participatingMunicipalities: 1, consortia: 1, tenders: 2 });
    expect(east.regions.map((row) => row.code)).toEqual([`${DISTRICT}2`]);

    const energy = await dashboard(ministry, `region=${DISTRICT}&domain=energy`);
    expect(energy.totals).toMatchObject({
      municipalities: 4,
      participatingMunicipalities: 2,
      consortia: 1,
      tenders: 2,
      pooledValue: 264400.5,
    });
    expect(energy.pooledByDomain.map((row) => row.key)).toEqual(['energy']);

    const restricted = await dashboard(ministry, `region=${DISTRICT}&procedure=restricted`);
    expect(restricted.totals).toMatchObject({
      participatingMunicipalities: 3,
      consortia: 2,
      tenders: 2,
      pooledValue: 428801,
    });

    const piloted = await dashboard(ministry, `region=${DISTRICT}&stage=pilot`);
    expect(piloted.totals).toMatchObject({
      participatingMunicipalities: 2,
      consortia: 1,
      tenders: 1,
      publishedTenders: 1,
    });
    expect(piloted.tendersByStage).toEqual([{ stage: 'pilot', tenders: 1 }]);

    const later = await dashboard(ministry, `region=${DISTRICT}&from=${day(1)}`);
    expect(later.totals).toMatchObject({ participatingMunicipalities: 0, consortia: 0, tenders: 0, pooledValue: 0 });
    const until = await dashboard(ministry, `region=${DISTRICT}&from=${day(-1)}&to=${day(0)}`);
    expect(until.totals.tenders).toBe(4);

    const list = await ok<MonitoringTenderPage>(ministry, 'GET', `/monitoring/tenders?region=${DISTRICT}&pageSize=2`);
    expect([list.total, list.items.length, list.pageSize]).toEqual([4, 2, 2]);
    const second = await ok<MonitoringTenderPage>(
      ministry,
      'GET',
      `/monitoring/tenders?region=${DISTRICT}&pageSize=2&page=2`,
    );
    expect([...list.items, ...second.items].map((row) => row.id).sort()).toEqual(
      Object.values(tenders)
        .map((tender) => tender.id)
        .sort(),
    );
    const stalled = await ok<MonitoringTenderPage>(
      ministry,
      'GET',
      `/monitoring/tenders?region=${DISTRICT}&stalled=true`,
    );
    expect(stalled.items.map((row) => row.id)).toEqual([tenders.stalled.id]);
    const below = await ok<MonitoringTenderPage>(
      ministry,
      'GET',
      `/monitoring/tenders?region=${DISTRICT}&procedure=below-threshold`,
    );
    expect(below.items.map((row) => [row.id, row.domain, row.leadNuts, row.estimatedValue])).toEqual([
      [tenders.small.id, 'energy', 'DE2X1', 50000],
    ]);

    const consortia = await ok<MonitoringConsortiumPage>(ministry, 'GET', `/monitoring/consortia?region=${DISTRICT}`);
    expect(consortia.items.map((row) => [row.id, row.domain, row.members, row.tenders, row.pooledValue])).toEqual([
      [energyId, 'energy', 2, 2, 50000],
      [mobilityId, 'mobility', 2, 2, 214400.5],
    ]);
    const small = await ok<MonitoringConsortiumPage>(
      ministry,
      'GET',
      `/monitoring/consortia?region=${DISTRICT}&procedure=below-threshold`,
    );
    expect(small.items.map((row) => [row.id, row.tenders])).toEqual([[energyId, 1]]);
  });

  it('refuses bad filters and regions outside the jurisdiction, naming the field', async () => {
    for (const [query, field] of [
      ['region=DE3', 'region'],
      ['region=D', 'region'],
      ['domain=space', 'domain'],
      ['procedure=auction', 'procedure'],
      ['stage=finished', 'stage'],
      ['from=2026-02-30', 'from'],
      ['to=31.12.2026', 'to'],
      ['from=2026-03-01&to=2026-02-01', 'to'],
      ['colour=red', 'colour'],
    ]) {
      const answer = await call<ProblemDetails>(ministry, 'GET', `/monitoring/dashboard?${query}`);
      expect([query, answer.status, fields(answer)]).toEqual([query, 400, [field]]);
    }
    const outside = await call<ProblemDetails>(bezirk, 'GET', '/monitoring/dashboard?region=DE21');
    expect([outside.status, fields(outside)]).toEqual([400, ['region']]);
    const stalled = await call<ProblemDetails>(ministry, 'GET', '/monitoring/tenders?stalled=maybe');
    expect([stalled.status, fields(stalled)]).toEqual([400, ['stalled']]);
    const size = await call<ProblemDetails>(ministry, 'GET', '/monitoring/consortia?pageSize=101');
    expect([size.status, fields(size)]).toEqual([400, ['pageSize']]);
    const table = await call<ProblemDetails>(ministry, 'GET', `/monitoring/tables/everything.csv`);
    expect(table.status).toBe(404);
  });

  it('is for verified authorities only, each within its own jurisdiction', async () => {
    const municipal = await call<ProblemDetails>(officer, 'GET', '/monitoring/dashboard');
    expect([municipal.status, municipal.body.detail]).toEqual([403, 'You are not allowed to do this.']);
    const unverified = await call<ProblemDetails>(pending, 'GET', '/monitoring/dashboard');
    expect(unverified.status).toBe(403);
    expect(unverified.body.detail).toContain('not verified');

    // The district's authority sees its district by default, and nothing of the demo consortium in DE21.
    const own = await dashboard(bezirk, '');
    expect(own.jurisdiction.code).toBe(DISTRICT);
    expect(own.filters.region).toBe(DISTRICT);
    expect(own.totals).toMatchObject({ municipalities: 4, consortia: 2, tenders: 4 });
    const demo = await db.query<{ id: string; consortium_id: string }>(
      "SELECT id, consortium_id FROM tenders WHERE title = 'Electric utility vehicles and depot lighting 2027'",
    );
    expect((await call(bezirk, 'GET', `/monitoring/tenders/${demo.rows[0].id}`)).status).toBe(404);
    expect((await call(bezirk, 'GET', `/monitoring/consortia/${demo.rows[0].consortium_id}`)).status).toBe(404);
    expect((await call(ministry, 'GET', `/monitoring/tenders/${demo.rows[0].id}`)).status).toBe(200);
  });

  it('opens a tender and a consortium read-only, with members, lots, awards, stages, sites and the OCDS record', async () => {
    const detail = await ok<MonitoringTenderDetail>(ministry, 'GET', `/monitoring/tenders/${tenders.pilot.id}`);
    expect(detail).toMatchObject({
      id: tenders.pilot.id,
      consortiumId: mobilityId,
      domain: 'mobility',
      procedure: 'restricted',
      stage: 'pilot',
      estimatedValue: 214400.5,
      leadNuts: 'DE2X1',
      ocdsRecordUrl: `/api/v1/ocds/tenders/${tenders.pilot.id}/record`,
    });
    expect(detail.members.map((member) => [member.id, member.role, member.nutsCode])).toEqual([
      [org(nord), 'lead', 'DE2X1'],
      [org(ost), 'member', 'DE2X2'],
    ]);
    expect(detail.lots.map((lot) => [lot.cpvCodes, lot.awarded?.value]).sort()).toEqual(
      [
        [['31500000-1'], 12000],
        [['34144900-7'], 150000],
      ].sort(),
    );
    expect(detail.stages.map((change) => change.to).slice(-5)).toEqual([
      'published',
      'evaluation',
      'awarded',
      'contract-signed',
      'pilot',
    ]);
    expect(detail.sites).toEqual([{ name: 'Depot Nord', stage: 'pilot', nutsCode: 'DE2X1' }]);

    const small = await ok<MonitoringTenderDetail>(ministry, 'GET', `/monitoring/tenders/${tenders.small.id}`);
    expect(small.ocdsRecordUrl).toBeNull();
    expect(small.milestones.map((milestone) => [milestone.name, milestone.late])).toEqual([
      ['Kick-off', true],
      ['Site survey', false],
    ]);

    const consortium = await ok<MonitoringConsortiumDetail>(ministry, 'GET', `/monitoring/consortia/${energyId}`);
    expect(consortium).toMatchObject({ id: energyId, domain: 'energy', members: 2, tenders: 2, pooledValue: 50000 });
    expect(consortium.organisations.map((member) => [member.id, member.role])).toEqual([
      [org(sued), 'lead'],
      [org(nord), 'member'],
    ]);
    expect(consortium.tenderList.map((row) => row.id).sort()).toEqual([tenders.small.id, tenders.replica.id].sort());
    expect((await call(ministry, 'GET', '/monitoring/tenders/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call(ministry, 'GET', '/monitoring/tenders/not-an-id')).status).toBe(400);
  });

  it('serves every table as CSV with its header and the dashboard figures', async () => {
    const expected: Record<string, string[]> = {
      totals: TOTALS_HEADER,
      regions: ['code', 'name', 'municipalities', 'participating', 'share', 'consortia', 'tenders', 'pooled_value_eur'],
      domains: ['domain', 'label', 'tenders', 'pooled_value_eur'],
      'cpv-divisions': ['cpv_division', 'label', 'tenders', 'pooled_value_eur'],
      stages: ['stage', 'tenders'],
      'time-to-publication': ['quarter', 'tenders', 'median_days', 'p90_days'],
      deadlines: ['tender_id', 'tender_title', 'consortium', 'kind', 'name', 'due'],
      funnel: ['step', 'tenders'],
      savings: ['estimated_eur', 'awarded_eur', 'saved_eur', 'saved_share', 'awarded_lots'],
      kpis: ['name', 'unit', 'tenders', 'total'],
      consortia: [
        'consortium_id',
        'name',
        'domain',
        'lead_organisation',
        'members',
        'tenders',
        'pooled_value_eur',
        'created_at',
      ],
    };
    const tenderHeader = [
      'tender_id',
      'title',
      'consortium_id',
      'consortium',
      'lead_organisation',
      'lead_nuts',
      'domain',
      'procedure',
      'stage',
      'stage_changed_at',
      'days_in_stage',
      'estimated_value_eur',
      'created_at',
    ];
    const tables: Record<string, { header: string[]; rows: string[][] }> = {};
    for (const name of MONITORING_TABLES) {
      tables[name] = await csv(ministry, name);
      expect([name, tables[name].header]).toEqual([name, expected[name] ?? tenderHeader]);
      for (const row of tables[name].rows) expect(row).toHaveLength(tables[name].header.length);
    }
    expect(tables['regions'].rows.map((row) => [row[0], row[2], row[3], row[6], row[7]])).toEqual([
      ['DE2X1', '2', '2', '4', '693201.50'],
      ['DE2X2', '1', '1', '2', '428801.00'],
      ['DE2X3', '1', '0', '0', '0.00'],
    ]);
    expect(tables['regions'].rows.map((row) => row[1])).toEqual(['Testkreis Nord', 'Testkreis Ost', 'Testkreis West']);
    expect(tables['stages'].rows.find((row) => row[0] === 'pilot')).toEqual(['pilot', '1']);
    expect(tables['savings'].rows).toEqual([['214400.50', '162000.00', '52400.50', '0.2444', '2']]);
    expect(tables['funnel'].rows).toEqual([
      ['contracted', '1'],
      ['pilot', '1'],
      ['city', '0'],
      ['region', '0'],
      ['replicated', '1'],
    ]);
    expect(tables['kpis'].rows).toEqual([[`Vans in service ${tag}`, 'vehicles', '1', '7']]);
    expect(tables['stalled'].rows.map((row) => row[0])).toEqual([tenders.stalled.id]);
    expect(tables['tenders'].rows.map((row) => row[0]).sort()).toEqual(
      Object.values(tenders)
        .map((tender) => tender.id)
        .sort(),
    );
    expect(tables['consortia'].rows.map((row) => [row[0], row[6]])).toEqual([
      [energyId, '50000.00'],
      [mobilityId, '214400.50'],
    ]);
    expect(tables['deadlines'].rows.map((row) => [row[0], row[3], row[5].slice(0, 10)])).toEqual([
      [tenders.stalled.id, 'tender-deadline', day(5)],
      [tenders.small.id, 'milestone', day(10)],
    ]);
    // The same filters as the dashboard.
    const energy = await csv(ministry, 'tenders', `region=${DISTRICT}&domain=energy`);
    expect(energy.rows.map((row) => row[0]).sort()).toEqual([tenders.small.id, tenders.replica.id].sort());
  });

  it('serves the totals and the drill-down tables as CSV, in full, within the jurisdiction', async () => {
    const totals = await csv(ministry, 'totals');
    expect(totals.header).toEqual(TOTALS_HEADER);
    expect(totals.rows).toEqual([['4', '3', '2', '4', '693201.50', '1', '1']]);
    const energyTotals = await csv(ministry, 'totals', `region=${DISTRICT}&domain=energy`);
    expect(energyTotals.rows[0].slice(0, 5)).toEqual(['4', '2', '1', '2', '264400.50']);

    const memberHeader = ['organisation_id', 'name', 'nuts', 'role'];
    const lots = await csvAt(
      ministry,
      `tenders/${tenders.pilot.id}/tables/lots.csv`,
      `monitoring-tender-${tenders.pilot.id}-lots`,
    );
    expect(lots.header).toEqual([
      'lot',
      'title',
      'cpv_codes',
      'estimated_value_eur',
      'awarded_supplier',
      'awarded_value_eur',
    ]);
    expect(lots.rows.map((row) => [row[2], row[4], row[5]]).sort()).toEqual(
      tenders.pilot.lots
        .map((lot) =>
          lot.cpvCodes.includes('34144900-7')
            ? [lot.cpvCodes.join(' '), `Supplier ${lot.number} GmbH`, '150000.00']
            : [lot.cpvCodes.join(' '), `Supplier ${lot.number} GmbH`, '12000.00'],
        )
        .sort(),
    );
    const tenderMembers = await csvAt(
      ministry,
      `tenders/${tenders.pilot.id}/tables/members.csv`,
      `monitoring-tender-${tenders.pilot.id}-members`,
    );
    expect(tenderMembers.header).toEqual(memberHeader);
    expect(tenderMembers.rows.map((row) => [row[0], row[2], row[3]])).toEqual([
      [org(nord), 'DE2X1', 'lead'],
      [org(ost), 'DE2X2', 'member'],
    ]);
    const milestones = await csvAt(
      bezirk,
      `tenders/${tenders.small.id}/tables/milestones.csv`,
      `monitoring-tender-${tenders.small.id}-milestones`,
    );
    expect(milestones).toEqual({
      header: ['name', 'planned_on', 'reached_on', 'late'],
      rows: [
        ['Kick-off', day(-5), '', 'true'],
        ['Site survey', day(10), '', 'false'],
      ],
    });

    const consortiumMembers = await csvAt(
      ministry,
      `consortia/${energyId}/tables/members.csv`,
      `monitoring-consortium-${energyId}-members`,
    );
    expect(consortiumMembers.rows.map((row) => [row[0], row[3]])).toEqual([
      [org(sued), 'lead'],
      [org(nord), 'member'],
    ]);
    const consortiumTenders = await csvAt(
      bezirk,
      `consortia/${energyId}/tables/tenders.csv`,
      `monitoring-consortium-${energyId}-tenders`,
    );
    expect(consortiumTenders.header).toEqual((await csv(ministry, 'tenders')).header);
    expect(consortiumTenders.rows.map((row) => row[0]).sort()).toEqual([tenders.small.id, tenders.replica.id].sort());

    // Outside the jurisdiction a tender or consortium has no tables, exactly like an unknown one.
    const demo = await db.query<{ id: string; consortium_id: string }>(
      "SELECT id, consortium_id FROM tenders WHERE title = 'Electric utility vehicles and depot lighting 2027'",
    );
    expect((await call(bezirk, 'GET', `/monitoring/tenders/${demo.rows[0].id}/tables/lots.csv`)).status).toBe(404);
    expect(
      (await call(bezirk, 'GET', `/monitoring/consortia/${demo.rows[0].consortium_id}/tables/tenders.csv`)).status,
    ).toBe(404);
    expect((await as(ministry, api.url, `/api/v1/monitoring/tenders/${demo.rows[0].id}/tables/lots.csv`)).status).toBe(
      200,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call(ministry, 'GET', `/monitoring/tenders/${unknown}/tables/members.csv`)).status).toBe(404);
    expect((await call(pending, 'GET', '/monitoring/alerts.csv')).status).toBe(403);
    expect((await call(officer, 'GET', `/monitoring/tenders/${tenders.pilot.id}/tables/lots.csv`)).status).toBe(403);
  });

  it('names regions in CSV only where a name is known: NUTS 2 rows leave it empty instead of repeating the code', async () => {
    const nuts2 = await csv(ministry, 'regions', '', 'DE2');
    const district = nuts2.rows.find((row) => row[0] === DISTRICT);
    expect(district?.slice(0, 4)).toEqual([DISTRICT, '', '4', '3']);
    for (const row of nuts2.rows) expect([row[0], row[1]]).toEqual([row[0], '']);
    const nuts3 = await csv(ministry, 'regions');
    expect(nuts3.rows.map((row) => [row[0], row[1]])).toEqual([
      ['DE2X1', 'Testkreis Nord'],
      ['DE2X2', 'Testkreis Ost'],
      ['DE2X3', 'Testkreis West'],
    ]);
  });

  it('refuses bad parameters of the CSV tables, naming the field', async () => {
    for (const [path, field] of [
      ['/monitoring/tables/totals.csv?region=DE3', 'region'],
      ['/monitoring/tables/totals.csv?colour=red', 'colour'],
      ['/monitoring/alerts.csv?open=maybe', 'open'],
      ['/monitoring/alerts.csv?page=2', 'page'],
      ['/monitoring/tenders/not-an-id/tables/lots.csv', 'tenderId'],
      ['/monitoring/consortia/not-an-id/tables/members.csv', 'consortiumId'],
    ]) {
      const answer = await call<ProblemDetails>(ministry, 'GET', path);
      expect([path, answer.status, fields(answer)]).toEqual([path, 400, [field]]);
    }
    for (const path of [
      `/monitoring/tenders/${tenders.pilot.id}/tables/bids.csv`,
      `/monitoring/consortia/${energyId}/tables/lots.csv`,
    ]) {
      const answer = await call<ProblemDetails>(ministry, 'GET', path);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.body.detail).toContain('the tables are');
    }
  });

  it('raises alerts for a stalled tender and a missed milestone once, tells the lead and the observers, and clears them', async () => {
    const open = () => ok<Page<MonitoringAlertView>>(bezirk, 'GET', '/monitoring/alerts?open=true&pageSize=100');
    const raised = await eventually(
      async () => {
        const page = await open();
        return page.items.length >= 2 ? page : undefined;
      },
      30_000,
      'the alerts job',
    );
    expect(raised.items.map((alert) => [alert.kind, alert.tenderId]).sort()).toEqual(
      [
        ['milestone-missed', tenders.small.id],
        ['stalled', tenders.stalled.id],
      ].sort(),
    );
    const stalled = raised.items.find((alert) => alert.kind === 'stalled');
    expect(stalled).toMatchObject({ milestone: null, clearedAt: null, consortiumName: `Mobil Test ${tag}` });
    expect(stalled?.days).toBeGreaterThanOrEqual(90);
    const missed = raised.items.find((alert) => alert.kind === 'milestone-missed');
    expect(missed?.milestone).toEqual({ name: 'Kick-off', plannedOn: day(-5) });

    // The same alerts as CSV: the district's authority gets exactly these, the ministry (DE2) these among its others.
    const alertHeader = [
      'alert_id',
      'kind',
      'tender_id',
      'tender_title',
      'consortium',
      'milestone',
      'milestone_planned_on',
      'days_in_stage',
      'raised_at',
      'cleared_at',
    ];
    const openCsv = await csvAt(bezirk, 'alerts.csv?open=true', `monitoring-alerts-open-${DISTRICT}`);
    expect(openCsv.header).toEqual(alertHeader);
    expect(openCsv.rows.map((row) => [row[1], row[2], row[5], row[6], row[9]]).sort()).toEqual(
      [
        ['milestone-missed', tenders.small.id, 'Kick-off', day(-5), ''],
        ['stalled', tenders.stalled.id, '', '', ''],
      ].sort(),
    );
    expect(openCsv.rows.find((row) => row[1] === 'stalled')?.[4]).toBe(`Mobil Test ${tag}`);
    const ministryCsv = await csvAt(ministry, 'alerts.csv', 'monitoring-alerts-DE2');
    expect(ministryCsv.rows.map((row) => row[0])).toEqual(expect.arrayContaining(raised.items.map((a) => a.id)));
    // The whole list, not a page of it.
    const firstPage = await ok<Page<MonitoringAlertView>>(ministry, 'GET', '/monitoring/alerts?pageSize=1');
    expect(ministryCsv.rows).toHaveLength(firstPage.total);

    // The lead of each consortium and the people of every authority over the district are told.
    await eventually(
      async () => ((await notifications(nord, 'monitoring-alert')).length > 0 ? true : undefined),
      10_000,
      'the lead to be told',
    );
    expect((await notifications(nord, 'monitoring-alert')).map((item) => item.link)).toEqual([
      `/tenders/${tenders.stalled.id}`,
    ]);
    expect((await notifications(sued, 'monitoring-alert')).map((item) => item.link)).toEqual([
      `/tenders/${tenders.small.id}`,
    ]);
    expect(await notifications(ost, 'monitoring-alert')).toEqual([]);
    expect((await notifications(bezirk, 'monitoring-alert')).map((item) => item.link).sort()).toEqual(
      [`/monitoring/tenders/${tenders.stalled.id}`, `/monitoring/tenders/${tenders.small.id}`].sort(),
    );
    expect((await notifications(ministry, 'monitoring-alert')).map((item) => item.link)).toEqual(
      expect.arrayContaining([`/monitoring/tenders/${tenders.stalled.id}`, `/monitoring/tenders/${tenders.small.id}`]),
    );

    // Later runs raise nothing new for the same causes.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const detail = await ok<MonitoringTenderDetail>(ministry, 'GET', `/monitoring/tenders/${tenders.stalled.id}`);
    expect(detail.alerts.map((alert) => alert.kind)).toEqual(['stalled']);
    expect(await notifications(nord, 'monitoring-alert')).toHaveLength(1);

    // The causes go away: a stage change, the milestone reached.
    await move(nord, tenders.stalled, 'market-consultation');
    await ok(sued, 'PATCH', `/tenders/${tenders.small.id}/milestones/${missedMilestoneId}`, { actualOn: day(0) });
    const cleared = await eventually(
      async () => ((await open()).items.length === 0 ? true : undefined),
      30_000,
      'the alerts to clear',
    );
    expect(cleared).toBe(true);
    const all = await ok<Page<MonitoringAlertView>>(bezirk, 'GET', '/monitoring/alerts?pageSize=100');
    expect(all.items).toHaveLength(2);
    for (const alert of all.items) expect(alert.clearedAt).not.toBeNull();
    expect((await csvAt(bezirk, 'alerts.csv?open=true', `monitoring-alerts-open-${DISTRICT}`)).rows).toEqual([]);
    const clearedCsv = await csvAt(bezirk, 'alerts.csv?open=false', `monitoring-alerts-${DISTRICT}`);
    expect(clearedCsv.rows.map((row) => row[0]).sort()).toEqual(all.items.map((alert) => alert.id).sort());
    for (const row of clearedCsv.rows) expect(row[9]).toBe(all.items.find((alert) => alert.id === row[0])?.clearedAt);

    // The dashboard no longer counts the tender as stalled once refreshed.
    await refreshedAfter(new Date());
    expect((await dashboard(ministry)).totals.stalledTenders).toBe(0);
  });

  it("shows an observer's note to the consortium's members, tells its lead, and keeps it from others", async () => {
    const tooLong = await call<ProblemDetails>(ministry, 'POST', `/monitoring/tenders/${tenders.pilot.id}/notes`, {
      body: 'x'.repeat(2001),
    });
    expect([tooLong.status, fields(tooLong)]).toEqual([400, ['body']]);
    const empty = await call<ProblemDetails>(ministry, 'POST', `/monitoring/tenders/${tenders.pilot.id}/notes`, {
      body: ' ',
    });
    expect([empty.status, fields(empty)]).toEqual([400, ['body']]);

    const note = await ok<ObserverNoteView>(
      ministry,
      'POST',
      `/monitoring/tenders/${tenders.pilot.id}/notes`,
      { body: 'Please share the pilot KPIs with the other districts.' },
      201,
    );
    expect(note).toMatchObject({
      tenderId: tenders.pilot.id,
      body: 'Please share the pilot KPIs with the other districts.',
      author: { name: ministry.user.displayName, organisation: 'Staatsministerium für Digitales (Demo)' },
    });
    for (const member of [nord, ost]) {
      const page = await ok<Page<ObserverNoteView>>(member, 'GET', `/tenders/${tenders.pilot.id}/observer-notes`);
      expect(page.items.map((item) => item.id)).toEqual([note.id]);
    }
    expect((await call(sued, 'GET', `/tenders/${tenders.pilot.id}/observer-notes`)).status).toBe(403);
    expect((await call(west, 'GET', `/tenders/${tenders.pilot.id}/observer-notes`)).status).toBe(403);
    const detail = await ok<MonitoringTenderDetail>(bezirk, 'GET', `/monitoring/tenders/${tenders.pilot.id}`);
    expect(detail.notes.map((item) => item.id)).toEqual([note.id]);

    const told = await notifications(nord, 'observer-note');
    expect(told.map((item) => item.link)).toEqual([`/tenders/${tenders.pilot.id}`]);
    expect(await notifications(ost, 'observer-note')).toEqual([]);
    const audit = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'observer-note.created' AND entity_id = $1",
      [tenders.pilot.id],
    );
    expect(audit.rows[0].n).toBe(1);

    // Outside the observer's jurisdiction, a tender takes no notes.
    const demo = await db.query<{ id: string }>(
      "SELECT id FROM tenders WHERE title = 'Electric utility vehicles and depot lighting 2027'",
    );
    expect((await call(bezirk, 'POST', `/monitoring/tenders/${demo.rows[0].id}/notes`, { body: 'Hello' })).status).toBe(
      404,
    );
  });
});
