import type {
  AwardView,
  ConsortiumView,
  EvaluationRecordView,
  KpiValueView,
  Page,
  PilotEvaluationView,
  ProblemDetails,
  SpecificationVersionView,
  SpecificationView,
  TenderKpiView,
  TenderLineageView,
  TenderSavingsView,
  TenderSiteView,
  TenderSummary,
  TenderView,
  VersionDiffView,
} from '@consortio/shared/contracts';
import { createSpecification, demoConsortiumId } from '../support/collab';
import { type ApiProcess, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { type SignedIn, signIn } from '../support/sessions';
import { apiClient, consortiumWith, submitNeed as submitNeedTo } from '../support/api-client';

/**
 * What a tender keeps after publication, end to end through the built api: evaluation records
 * ranked by the award criteria, awards guarded by them, savings against the members' own budgets,
 * the scale-up from pilot to city to region that feeds the stage guards up to `closed`, and
 * replication by a consortium in another region (with a specification of its own, copied from the
 * published version) or by a municipality on its own, with the lineage that shows it.
 */
describe('tender outcomes', () => {
  let api: ApiProcess;
  let anna: SignedIn; // procurement officer, Gemeinde Musterstadt (lead of the test group)
  let lukas: SignedIn; // procurement officer, Markt Beispielheim (member)
  let tobias: SignedIn; // viewer, Gemeinde Musterstadt
  let buyer: SignedIn; // procurement officer of a central purchasing body, observer of the test group
  let eva: SignedIn; // procurement officer, Marktgemeinde Demoing (AT312): outsider, then leads a group of her own
  let supplier: SignedIn; // administrator of a supplier: never a member of any consortium
  let sophie: SignedIn; // ministry analyst, observer of the demo consortium
  let consortiumId: string;
  let tender: TenderView;
  let lighting: TenderView['lots'][number]; // lot 1: depot lighting, Musterstadt's need
  let vans: TenderView['lots'][number]; // lot 2: electric vans, Musterstadt's and Beispielheim's needs
  let version: SpecificationVersionView;
  let originSpec: SpecificationView;
  const org = (who: SignedIn) => who.user.memberships[0].organisationId;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

  const { call, ok } = apiClient(() => api.url);

  const problem = (who: SignedIn | null, method: string, path: string, json?: unknown) =>
    call<ProblemDetails>(who, method, path, json);
  const fields = (answer: { body: ProblemDetails }) => answer.body.errors?.map((error) => error.field);

  async function move(to: string, reason?: string): Promise<{ status: number; body: TenderView & ProblemDetails }> {
    return call(anna, 'POST', `/tenders/${tender.id}/transitions`, reason ? { to, reason } : { to });
  }

  async function moved(to: string): Promise<TenderView> {
    const answer = await move(to);
    if (answer.status !== 200) throw new Error(`moving to ${to} answered ${answer.status}: ${answer.body.detail}`);
    return answer.body;
  }

  const submitNeed = (who: SignedIn, cpvCode: string, budget: string) =>
    submitNeedTo(ok, who, consortiumId, cpvCode, budget);

  const CRITERIA = [
    { kind: 'price', name: 'Price', weight: 40 },
    { kind: 'quality', name: 'Range and payload', weight: 30 },
    { kind: 'sustainability', name: 'Battery recycling', weight: 20 },
    { kind: 'innovation', name: 'Smart charging', weight: 10 },
  ];

  const VAN_BIDDERS = [
    { name: 'Cheap Vans GmbH', price: '150000.00', scores: { quality: 40, sustainability: 40, innovation: 40 } },
    { name: 'Innovative Mobility AG', price: '190000', scores: { quality: 95, sustainability: 90, innovation: 95 } },
  ];
  const LIGHT_BIDDERS = [
    { name: 'Lumen Basic GmbH', price: '12000.00', scores: { quality: 50, sustainability: 50, innovation: 30 } },
    { name: 'Smart Light AG', price: '13500.00', scores: { quality: 90, sustainability: 85, innovation: 95 } },
  ];

  beforeAll(async () => {
    api = await startApi(platformEnv());
    [anna, lukas, tobias, buyer, eva, supplier, sophie] = await Promise.all(
      [
        'officer@musterstadt.test',
        'officer@beispielheim.test',
        'viewer@musterstadt.test',
        'buyer@cpb.test',
        'officer@demoing.test',
        'sales@smartgrid.test',
        'analyst@ministry.test',
      ].map((email) => signIn(api.url, email)),
    );
    // Musterstadt (lead) and Beispielheim (member) with a central purchasing body observing, needs
    // in two CPV groups, and a tender started from them.
    consortiumId = await consortiumWith(ok, anna, 'Outcomes black-box group', [
      [lukas, 'member'],
      [buyer, 'observer'],
    ]);
    await submitNeed(anna, '34144900-7', '120000.00');
    await submitNeed(lukas, '34144900-7', '80000.50');
    await submitNeed(anna, '31500000-1', '14400.00');
    await ok(anna, 'POST', `/consortia/${consortiumId}/lots/suggest`, {});
    tender = await ok<TenderView>(
      anna,
      'POST',
      `/consortia/${consortiumId}/tenders`,
      { title: 'Electric vans and depot lighting', procedureType: 'open' },
      201,
    );
    [lighting, vans] = tender.lots;
    expect([lighting.cpvCodes, lighting.value, vans.cpvCodes, vans.value]).toEqual([
      ['31500000-1'],
      '14400.00',
      ['34144900-7'],
      '200000.50',
    ]);
    await ok(anna, 'PATCH', `/tenders/${tender.id}`, {
      criteria: CRITERIA,
      lotRules: { bidsOn: 'several', maxLotsPerTenderer: null },
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  describe('up to publication', () => {
    it('refuses evaluation, awards and replication before the tender is published', async () => {
      const evaluation = await problem(anna, 'PUT', `/tenders/${tender.id}/lots/${vans.id}/evaluation`, {
        bidders: VAN_BIDDERS,
      });
      expect(evaluation.status).toBe(409);
      expect(evaluation.body.detail).toBe(
        'Tenders are evaluated while the tender is at evaluation; this one is at needs-assessment.',
      );
      const award = await problem(anna, 'POST', `/tenders/${tender.id}/lots/${vans.id}/award`, {
        supplierName: 'Cheap Vans GmbH',
        value: '150000.00',
        awardedOn: daysAgo(1),
      });
      expect(award.status).toBe(409);
      expect(award.body.detail).toBe(
        'Lots are awarded while the tender is at evaluation; this one is at needs-assessment.',
      );
      // Outsiders may not copy or follow a tender whose notice is not out; a member is told to wait.
      const outsider = await problem(eva, 'POST', `/tenders/${tender.id}/replications`, { consortiumId });
      expect(outsider.status).toBe(403);
      expect(outsider.body.detail).toBe(
        'Only members of Outcomes black-box group can open this tender until it is published.',
      );
      expect((await problem(eva, 'GET', `/tenders/${tender.id}/lineage`)).status).toBe(403);
      const member = await problem(anna, 'POST', `/tenders/${tender.id}/replications`, { consortiumId });
      expect(member.status).toBe(409);
      expect(member.body.detail).toMatch(
        /^A tender is replicated once it is published; this one is at needs-assessment/,
      );
    });

    it('publishes with a signed agreement and an approved specification version', async () => {
      await moved('market-consultation');
      await moved('specification');
      const spec: SpecificationView = await createSpecification(api.url, anna, consortiumId, 'Outcomes specification');
      originSpec = spec;
      version = await ok<SpecificationVersionView>(
        anna,
        'POST',
        `/specifications/${spec.id}/versions`,
        { label: 'v1' },
        201,
      );
      await ok(anna, 'PATCH', `/tenders/${tender.id}`, { specificationVersionId: version.id });
      await moved('approval');
      for (const who of [anna, lukas]) {
        await ok(
          who,
          'POST',
          `/consortia/${consortiumId}/agreement/signatures`,
          { councilDecisionRef: 'Council 2026/9' },
          201,
        );
        for (const section of spec.sections)
          await ok(who, 'PUT', `/specifications/${spec.id}/sections/${section.id}/approval`);
      }
      expect((await moved('published')).stage).toBe('published');
      await ok(anna, 'PATCH', `/tenders/${tender.id}`, { tenderDeadline: new Date(Date.now() - 60_000).toISOString() });
      expect((await moved('evaluation')).stage).toBe('evaluation');
    });
  });

  describe('evaluation and award', () => {
    const evaluationPath = (lotId: string) => `/tenders/${tender.id}/lots/${lotId}/evaluation`;
    const awardPath = (lotId: string) => `/tenders/${tender.id}/lots/${lotId}/award`;

    it('refuses to award a lot before its evaluation is recorded (409 with the reason)', async () => {
      const refused = await problem(anna, 'POST', awardPath(vans.id), {
        supplierName: 'Innovative Mobility AG',
        value: '190000.00',
        awardedOn: daysAgo(1),
      });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toBe(
        'Record the evaluation of this lot before awarding it: the record of the procedure must show how the award was decided (Art. 84 of Directive 2014/24/EU).',
      );
      expect((await problem(anna, 'GET', evaluationPath(vans.id))).status).toBe(404);
      const early = await move('awarded');
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/^Record the evaluation of every lot first/);
    });

    it('refuses bad bidders naming the field', async () => {
      const shape = await problem(anna, 'PUT', evaluationPath(vans.id), {
        bidders: [
          { name: '', scores: { quality: 120, speed: 3 }, price: '1,5' },
          { name: 'Other', scores: 'good' },
        ],
      });
      expect(shape.status).toBe(400);
      expect(fields(shape)?.sort()).toEqual([
        'bidders.0.name',
        'bidders.0.price',
        'bidders.0.scores.quality',
        'bidders.0.scores.speed',
        'bidders.1.scores',
      ]);
      expect((await problem(anna, 'PUT', evaluationPath(vans.id), { bidders: [] })).body.errors).toEqual([
        { field: 'bidders', message: 'bidders must hold at least one bidder' },
      ]);
      // Judged by the domain: with a price missing, the cost criterion needs a score.
      const unpriced = await problem(anna, 'PUT', evaluationPath(vans.id), {
        bidders: [VAN_BIDDERS[0], { ...VAN_BIDDERS[1], price: null }],
      });
      expect(unpriced.status).toBe(400);
      expect(unpriced.body.errors).toEqual([
        {
          field: 'bidders',
          message:
            '"Cheap Vans GmbH" has no score for "Price": give a score from 0 to 100, or a price for every bidder',
        },
      ]);
      const twice = await problem(anna, 'PUT', evaluationPath(vans.id), {
        bidders: [VAN_BIDDERS[0], { ...VAN_BIDDERS[1], name: 'cheap vans gmbh' }],
      });
      expect(twice.body.errors?.[0]).toMatchObject({
        field: 'bidders',
        message: expect.stringMatching(/^Two bidders/),
      });
    });

    it('ranks the bidders by the weights: the innovative bid wins over the cheap one', async () => {
      const record = await ok<EvaluationRecordView>(anna, 'PUT', evaluationPath(vans.id), { bidders: VAN_BIDDERS });
      expect(record.lotId).toBe(vans.id);
      expect(record.criteria).toEqual(CRITERIA);
      expect(record.bidders[1]).toEqual({
        name: 'Innovative Mobility AG',
        price: '190000.00',
        scores: { quality: 95, sustainability: 90, innovation: 95 },
      });
      // Price scores are lowest ÷ price × 100: 150000 / 190000 → 78.95, worth 31.58 of 40 points.
      expect(record.ranking.map((bid) => [bid.name, bid.rank, bid.total])).toEqual([
        ['Innovative Mobility AG', 1, 87.58],
        ['Cheap Vans GmbH', 2, 64],
      ]);
      expect(record.ranking[0].criteria[0]).toEqual({ name: 'Price', kind: 'price', score: 78.95, points: 31.58 });
      expect(record.recordedBy).toMatchObject({ name: 'Anna Berger', organisationName: 'Gemeinde Musterstadt' });
      // Members and observers read the record; outsiders do not.
      expect(await ok(buyer, 'GET', evaluationPath(vans.id))).toEqual(record);
      const outsider = await problem(supplier, 'GET', evaluationPath(vans.id));
      expect(outsider.status).toBe(403);
      expect(outsider.body.detail).toBe('Only members of Outcomes black-box group can open its tenders.');
      const observer = await problem(buyer, 'PUT', evaluationPath(lighting.id), { bidders: LIGHT_BIDDERS });
      expect(observer.status).toBe(403);
      expect(observer.body.detail).toBe('Observers follow the tenders of a consortium; they do not change them.');
    });

    it('awards only an evaluated bidder, once, on a day that has come', async () => {
      const lights = await ok<EvaluationRecordView>(lukas, 'PUT', evaluationPath(lighting.id), {
        bidders: LIGHT_BIDDERS,
      });
      expect(lights.ranking.map((bid) => [bid.name, bid.total])).toEqual([
        ['Smart Light AG', 89.06],
        ['Lumen Basic GmbH', 68],
      ]);
      const stranger = await problem(anna, 'POST', awardPath(vans.id), {
        supplierName: 'Somebody Else KG',
        value: '100000.00',
        awardedOn: daysAgo(1),
      });
      expect(stranger.status).toBe(409);
      expect(stranger.body.detail).toMatch(/^Award the lot to one of the bidders in its evaluation record/);
      const bad = await problem(anna, 'POST', awardPath(vans.id), {
        supplierName: 'Innovative Mobility AG',
        value: '190.000,00',
        awardedOn: '2027-02-30',
      });
      expect(bad.status).toBe(400);
      expect(fields(bad)?.sort()).toEqual(['awardedOn', 'value']);
      const ahead = await problem(anna, 'POST', awardPath(vans.id), {
        supplierName: 'Innovative Mobility AG',
        value: '190000.00',
        awardedOn: '2999-01-01',
      });
      expect(ahead.status).toBe(400);
      expect(fields(ahead)).toEqual(['awardedOn']);
      expect(
        (await problem(tobias, 'POST', awardPath(vans.id), { supplierName: 'x', value: '1', awardedOn: daysAgo(1) }))
          .status,
      ).toBe(403);

      // Named as the evaluation record names the bidder, whatever the case typed.
      const award = await ok<AwardView>(
        anna,
        'POST',
        awardPath(vans.id),
        { supplierName: 'innovative mobility ag', value: '190000', awardedOn: daysAgo(2) },
        201,
      );
      expect(award).toEqual({
        lotId: vans.id,
        supplierName: 'Innovative Mobility AG',
        value: '190000.00',
        awardedOn: daysAgo(2),
      });
      const again = await problem(anna, 'POST', awardPath(vans.id), {
        supplierName: 'Cheap Vans GmbH',
        value: '150000.00',
        awardedOn: daysAgo(1),
      });
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('This lot is already awarded: withdraw that award first to change it.');
      const reevaluate = await problem(anna, 'PUT', evaluationPath(vans.id), { bidders: VAN_BIDDERS });
      expect(reevaluate.status).toBe(409);
      expect(reevaluate.body.detail).toMatch(/^Lot 2 is awarded to Innovative Mobility AG: withdraw that award first/);
    });

    it('withdraws a mistaken award, and moves to awarded once every lot is awarded', async () => {
      await ok(
        anna,
        'POST',
        awardPath(lighting.id),
        { supplierName: 'Lumen Basic GmbH', value: '12000.00', awardedOn: daysAgo(1) },
        201,
      );
      expect((await call(anna, 'DELETE', awardPath(lighting.id))).status).toBe(204);
      expect((await call(anna, 'DELETE', awardPath(lighting.id))).status).toBe(404);
      const partial = await move('awarded');
      expect(partial.body.detail).toBe('Award every lot first: the tender is awarded once each lot has its supplier.');
      await ok(
        anna,
        'POST',
        awardPath(lighting.id),
        { supplierName: 'Smart Light AG', value: '13500.00', awardedOn: daysAgo(1) },
        201,
      );
      const awards = await ok<AwardView[]>(buyer, 'GET', `/tenders/${tender.id}/awards`);
      expect(awards.map((award) => [award.lotId, award.supplierName, award.value])).toEqual([
        [lighting.id, 'Smart Light AG', '13500.00'],
        [vans.id, 'Innovative Mobility AG', '190000.00'],
      ]);
      const view = await moved('awarded');
      expect(view.lots.map((lot) => [lot.number, lot.evaluationRecorded, lot.award?.supplierName])).toEqual([
        [1, true, 'Smart Light AG'],
        [2, true, 'Innovative Mobility AG'],
      ]);
      // Once awarded, an award is set aside only by reopening the evaluation.
      const locked = await problem(anna, 'DELETE', awardPath(vans.id));
      expect(locked.status).toBe(409);
      expect(locked.body.detail).toMatch(/^Reopen the evaluation first/);
    });

    it("measures savings against the members' own budgets for the needs behind each lot", async () => {
      const savings = await ok<TenderSavingsView>(buyer, 'GET', `/tenders/${tender.id}/savings`);
      // Lot 1: 14,400.00 budgeted, 13,500.00 awarded: 900.00 saved, 6.25% → 6.3.
      // Lot 2: 120,000.00 + 80,000.50 budgeted, 190,000.00 awarded: 10,000.50 saved, 5.0002% → 5.0.
      // Total: 214,400.50 against 203,500.00: 10,900.50 saved, 5.084% → 5.1.
      expect(savings).toEqual({
        tenderId: tender.id,
        lots: [
          {
            lotId: lighting.id,
            number: 1,
            title: lighting.title,
            estimateSource: 'needs',
            estimated: '14400.00',
            awarded: '13500.00',
            saved: '900.00',
            percent: 6.3,
          },
          {
            lotId: vans.id,
            number: 2,
            title: vans.title,
            estimateSource: 'needs',
            estimated: '200000.50',
            awarded: '190000.00',
            saved: '10000.50',
            percent: 5,
          },
        ],
        total: { awardedLots: 2, estimated: '214400.50', awarded: '203500.00', saved: '10900.50', percent: 5.1 },
      });
      expect((await problem(eva, 'GET', `/tenders/${tender.id}/savings`)).status).toBe(403);
    });

    it("estimates the demo tender's lots from the demo needs for the ministry", async () => {
      const demoId = await demoConsortiumId(api.url, anna);
      const list = await ok<Page<TenderSummary>>(sophie, 'GET', `/consortia/${demoId}/tenders`);
      const demo = list.items.find((item) => item.title === 'Electric utility vehicles and depot lighting 2027');
      const savings = await ok<TenderSavingsView>(sophie, 'GET', `/tenders/${demo?.id}/savings`);
      expect(savings.lots.map((lot) => [lot.number, lot.estimateSource, lot.estimated, lot.awarded])).toEqual([
        [1, 'needs', '275000.00', null],
        [2, 'needs', '14400.00', null],
      ]);
      expect(savings.total).toMatchObject({ awardedLots: 0, saved: '0.00', percent: null });
    });
  });

  describe('from contract to region', () => {
    let kpi: TenderKpiView;
    const sitesPath = () => `/tenders/${tender.id}/sites`;

    it('signs the contract and starts the pilot once a pilot site is named', async () => {
      expect(
        (await problem(anna, 'POST', sitesPath(), { name: 'Depot', organisationId: org(anna), stage: 'pilot' })).body
          .detail,
      ).toBe('Sites and KPIs are tracked once the contract is signed; the tender is at awarded.');
      await ok(anna, 'PATCH', `/tenders/${tender.id}`, { contractSignedOn: daysAgo(20) });
      await moved('contract-signed');
      const refused = await move('pilot');
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toBe('Name at least one pilot site before starting the pilot.');

      const bad = await problem(anna, 'POST', sitesPath(), {
        name: '',
        organisationId: 'musterstadt',
        stage: 'village',
        nutsCode: 'de217',
        liveSince: '2027-13-01',
      });
      expect(bad.status).toBe(400);
      expect(fields(bad)?.sort()).toEqual(['liveSince', 'name', 'nutsCode', 'organisationId', 'stage']);
      const depot = { name: 'Depot', organisationId: org(anna), stage: 'pilot' };
      for (const [body, field] of [
        [{ organisationId: org(eva) }, 'organisationId'],
        [{ organisationId: org(buyer) }, 'organisationId'],
        [{ nutsCode: 'ZZ999' }, 'nutsCode'],
        [{ liveSince: '2999-01-01' }, 'liveSince'],
      ] as const) {
        const refusedSite = await problem(anna, 'POST', sitesPath(), { ...depot, ...body });
        expect([refusedSite.status, fields(refusedSite)]).toEqual([400, [field]]);
      }

      const site = await ok<TenderSiteView>(
        anna,
        'POST',
        sitesPath(),
        { name: 'Building yard depot', organisationId: org(anna), stage: 'pilot', liveSince: daysAgo(10) },
        201,
      );
      expect(site).toMatchObject({
        name: 'Building yard depot',
        organisationId: org(anna),
        organisationName: 'Gemeinde Musterstadt',
        nutsCode: 'DE217',
        stage: 'pilot',
        liveSince: daysAgo(10),
      });
      expect((await moved('pilot')).stage).toBe('pilot');
    });

    it('tracks KPIs with the figures each member reports per period', async () => {
      kpi = await ok<TenderKpiView>(
        anna,
        'POST',
        `/tenders/${tender.id}/kpis`,
        { name: 'Fleet CO2 emissions', unit: 't CO2e per year', baseline: 120, target: 40 },
        201,
      );
      expect(kpi).toMatchObject({
        name: 'Fleet CO2 emissions',
        unit: 't CO2e per year',
        baseline: 120,
        target: 40,
        values: [],
      });
      const duplicate = await problem(lukas, 'POST', `/tenders/${tender.id}/kpis`, {
        name: 'fleet co2 emissions',
        unit: 't',
        baseline: 1,
        target: 0,
      });
      expect([duplicate.status, fields(duplicate)]).toEqual([400, ['name']]);
      const badKpi = await problem(anna, 'POST', `/tenders/${tender.id}/kpis`, {
        name: 'x',
        unit: '',
        baseline: '120',
      });
      expect(fields(badKpi)?.sort()).toEqual(['baseline', 'target', 'unit']);

      const value = (who: SignedIn, period: string, body: unknown) =>
        call<KpiValueView & ProblemDetails>(who, 'PUT', `/tenders/${tender.id}/kpis/${kpi.id}/values/${period}`, body);
      expect((await value(anna, '2025-Q3', { value: 118.5 })).status).toBe(200);
      expect((await value(anna, '2025-Q4', { value: 96 })).body).toMatchObject({
        period: '2025-Q4',
        value: 96,
        organisationName: 'Gemeinde Musterstadt',
        enteredBy: { name: 'Anna Berger' },
      });
      expect((await value(lukas, '2025-Q4', { value: 12.25 })).status).toBe(200);
      // Entering a period again corrects it.
      expect((await value(anna, '2025-Q3', { value: 110 })).body.value).toBe(110);
      for (const [period, body] of [
        ['2025-13', { value: 1 }],
        ['2025-Q5', { value: 1 }],
        ['2999-01', { value: 1 }],
        ['2025-11', { value: 1 }],
      ] as const) {
        const refused = await value(anna, period, body);
        expect([period, refused.status, fields(refused)]).toEqual([period, 400, ['period']]);
      }
      expect((await value(anna, '2025-11', { value: 1 })).body.errors?.[0].message).toMatch(/reported quarterly/);
      expect(fields(await value(anna, '2025-Q4', { value: '96' }))).toEqual(['value']);
      expect((await value(tobias, '2025-Q4', { value: 1 })).status).toBe(403);
      expect((await value(buyer, '2025-Q4', { value: 1 })).status).toBe(403);
      expect((await value(eva, '2025-Q4', { value: 1 })).status).toBe(403);

      const changed = await ok<TenderKpiView>(lukas, 'PATCH', `/tenders/${tender.id}/kpis/${kpi.id}`, { target: 35 });
      expect(changed.target).toBe(35);
      const [listed] = await ok<TenderKpiView[]>(buyer, 'GET', `/tenders/${tender.id}/kpis`);
      expect(listed.values.map((entry) => [entry.period, entry.organisationName, entry.value])).toEqual([
        ['2025-Q3', 'Gemeinde Musterstadt', 110],
        ['2025-Q4', 'Gemeinde Musterstadt', 96],
        ['2025-Q4', 'Markt Beispielheim', 12.25],
      ]);
    });

    it("rolls out across a city once the pilot's results are recorded", async () => {
      const early = await move('city-rollout');
      expect(early.status).toBe(409);
      expect(early.body.detail).toBe(
        "Record the pilot's results first: the decision to roll out across a city rests on them.",
      );
      expect((await problem(anna, 'GET', `/tenders/${tender.id}/pilot-evaluation`)).status).toBe(404);
      const bad = await problem(anna, 'POST', `/tenders/${tender.id}/pilot-evaluation`, {
        summary: ' ',
        outcome: 'great',
      });
      expect(fields(bad)?.sort()).toEqual(['outcome', 'summary']);
      const evaluation = await ok<PilotEvaluationView>(
        lukas,
        'POST',
        `/tenders/${tender.id}/pilot-evaluation`,
        {
          summary: 'Four vans ran 11,000 km without a breakdown; depot charging covered 96% of the needs.',
          outcome: 'successful',
        },
        201,
      );
      expect(evaluation).toMatchObject({
        tenderId: tender.id,
        outcome: 'successful',
        recordedBy: { name: 'Lukas Maier' },
      });
      expect(await ok(buyer, 'GET', `/tenders/${tender.id}/pilot-evaluation`)).toEqual(evaluation);
      expect((await moved('city-rollout')).stage).toBe('city-rollout');
      const late = await problem(lukas, 'POST', `/tenders/${tender.id}/pilot-evaluation`, {
        summary: 'Later',
        outcome: 'unsuccessful',
      });
      expect(late.status).toBe(409);
    });

    it('scales up across the region once a city runs the solution, and closes', async () => {
      const planned = await ok<TenderSiteView>(
        lukas,
        'POST',
        sitesPath(),
        { name: 'Beispielheim park services', organisationId: org(lukas), stage: 'city' },
        201,
      );
      expect(planned.liveSince).toBeNull();
      const refused = await move('regional-scaleup');
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/^Regional scale-up builds on a city that runs the solution in full/);
      await ok(
        anna,
        'POST',
        sitesPath(),
        { name: 'Musterstadt city fleet', organisationId: org(anna), stage: 'city', liveSince: daysAgo(3) },
        201,
      );
      expect((await call(anna, 'DELETE', `${sitesPath()}/${planned.id}`)).status).toBe(204);
      expect((await call(anna, 'DELETE', `${sitesPath()}/${planned.id}`)).status).toBe(404);
      expect((await moved('regional-scaleup')).stage).toBe('regional-scaleup');
      const sites = await ok<TenderSiteView[]>(buyer, 'GET', sitesPath());
      expect(sites.map((site) => [site.stage, site.name])).toEqual([
        ['pilot', 'Building yard depot'],
        ['city', 'Musterstadt city fleet'],
      ]);
      expect((await problem(supplier, 'GET', sitesPath())).status).toBe(403);
      const closed = await moved('closed');
      expect(closed.nextStages).toEqual([]);
      const after = await problem(anna, 'POST', sitesPath(), {
        name: 'Late',
        organisationId: org(anna),
        stage: 'region',
      });
      expect(after.status).toBe(409);
      expect(after.body.detail).toBe('A closed tender cannot be changed.');
    });
  });

  describe('replication', () => {
    let group: ConsortiumView;
    let replica: TenderView;

    beforeAll(async () => {
      group = await ok<ConsortiumView>(
        eva,
        'POST',
        '/consortia',
        { name: 'Replication group Upper Austria', domain: 'mobility' },
        201,
      );
    });

    it('copies a published tender into a consortium in another region, at needs assessment', async () => {
      const answer = await call<TenderView>(eva, 'POST', `/tenders/${tender.id}/replications`, {
        consortiumId: group.id,
      });
      expect(answer.status).toBe(201);
      replica = answer.body;
      expect(replica).toMatchObject({
        consortiumId: group.id,
        consortiumName: 'Replication group Upper Austria',
        title: 'Electric vans and depot lighting',
        procedureType: 'open',
        estimatedValue: tender.estimatedValue,
        stage: 'needs-assessment',
        replicatedFromId: tender.id,
        criteria: CRITERIA,
        lotRules: { bidsOn: 'several', maxLotsPerTenderer: null },
        milestones: [],
        mayEdit: true,
      });
      // A specification of the new group's own, linked at its first version, not the origin's.
      expect(replica.specificationId).not.toBeNull();
      expect(replica.specificationId).not.toBe(originSpec.id);
      expect(replica.specificationVersionId).not.toBe(version.id);
      expect(replica.specificationVersionApproved).toBe(false);
      expect(
        replica.lots.map((lot) => [lot.number, lot.cpvCodes, lot.value, lot.memberOrganisationIds, lot.award]),
      ).toEqual([
        [1, ['31500000-1'], '14400.00', [org(eva)], null],
        [2, ['34144900-7'], '200000.50', [org(eva)], null],
      ]);
      // The new group's savings have no needs behind its lots yet: the lot values stand in.
      const savings = await ok<TenderSavingsView>(eva, 'GET', `/tenders/${replica.id}/savings`);
      expect(savings.lots.map((lot) => lot.estimateSource)).toEqual(['lot-value', 'lot-value']);
      // The origin's members cannot open the replica itself.
      expect((await problem(anna, 'GET', `/tenders/${replica.id}`)).status).toBe(403);
    });

    it("gives the new group the published version's text as a specification its own members read and approve", async () => {
      const specificationId = replica.specificationId ?? '';
      const copy = await ok<SpecificationView>(eva, 'GET', `/specifications/${specificationId}`);
      expect(copy).toMatchObject({
        consortiumId: group.id,
        title: originSpec.title,
        access: 'write',
        mayApprove: true,
      });
      expect(copy.sections.map((section) => [section.id, section.key, section.title])).toEqual(
        originSpec.sections.map((section) => [section.id, section.key, section.title]),
      );
      const versions = await ok<Page<SpecificationVersionView>>(
        eva,
        'GET',
        `/specifications/${specificationId}/versions`,
      );
      expect(versions.items).toEqual([
        expect.objectContaining({
          id: replica.specificationVersionId,
          number: 1,
          label: 'Copied from Electric vans and depot lighting',
          author: expect.objectContaining({ userId: eva.user.id, organisationName: 'Marktgemeinde Demoing' }),
        }),
      ]);
      // The text of each section equals the text of the origin's published version.
      const textOf = async (who: SignedIn, id: string, versionId: string) => {
        const diff = await ok<VersionDiffView>(
          who,
          'GET',
          `/specifications/${id}/diff?from=${versionId}&to=${versionId}`,
        );
        return diff.sections.map((section) => [section.title, section.parts.map((part) => part.text).join('')]);
      };
      const originText = await textOf(anna, originSpec.id, version.id);
      expect(originText.every(([, text]) => text.length > 0)).toBe(true);
      expect(await textOf(eva, specificationId, replica.specificationVersionId ?? '')).toEqual(originText);
      expect(await textOf(eva, specificationId, 'current')).toEqual(originText);
      // The origin's members do not open the copy; the copy's members do not open the origin's draft.
      expect((await problem(anna, 'GET', `/specifications/${specificationId}`)).status).toBe(403);
      expect((await problem(eva, 'GET', `/specifications/${originSpec.id}`)).status).toBe(403);

      // A second participant joins the new group: the copied version is approved once both approved every section.
      const invitation = await ok<{ id: string }>(
        eva,
        'POST',
        `/consortia/${group.id}/invitations`,
        { organisationId: org(lukas), role: 'member' },
        201,
      );
      await ok(lukas, 'POST', `/consortia/${group.id}/applications/${invitation.id}`, { decision: 'accept' });
      for (const section of copy.sections)
        await ok(eva, 'PUT', `/specifications/${specificationId}/sections/${section.id}/approval`);
      expect((await ok<TenderView>(eva, 'GET', `/tenders/${replica.id}`)).specificationVersionApproved).toBe(false);
      for (const section of copy.sections)
        await ok(lukas, 'PUT', `/specifications/${specificationId}/sections/${section.id}/approval`);
      expect((await ok<TenderView>(eva, 'GET', `/tenders/${replica.id}`)).specificationVersionApproved).toBe(true);

      // Toward publication under the normal guards: past the approval guard, the agreement is what is left.
      const moveReplica = (to: string) => ok<TenderView>(eva, 'POST', `/tenders/${replica.id}/transitions`, { to });
      await moveReplica('market-consultation');
      await moveReplica('specification');
      const atApproval = await moveReplica('approval');
      expect(atApproval.nextStages.find((next) => next.stage === 'published')?.refusal).toMatch(
        /^Every participant must sign the joint-procurement agreement/,
      );
      for (const who of [eva, lukas])
        await ok(who, 'POST', `/consortia/${group.id}/agreement/signatures`, { councilDecisionRef: 'GR 2026/3' }, 201);
      const ready = await ok<TenderView>(eva, 'GET', `/tenders/${replica.id}`);
      expect(ready.nextStages.find((next) => next.stage === 'published')?.refusal).toBeNull();
    });

    it('refuses a second copy into the same consortium while the first runs', async () => {
      const again = await problem(eva, 'POST', `/tenders/${tender.id}/replications`, { consortiumId: group.id });
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe(
        'Replication group Upper Austria already runs a copy of this tender: "Electric vans and depot lighting", at approval. Continue there; a new copy can be made once that one is closed.',
      );
      const lineage = await ok<TenderLineageView>(eva, 'GET', `/tenders/${tender.id}/lineage`);
      expect(lineage.origin.replicas.filter((node) => node.consortiumId === group.id)).toHaveLength(1);
    });

    it('takes only a consortium the caller writes for, other than the origin', async () => {
      const same = await problem(anna, 'POST', `/tenders/${tender.id}/replications`, { consortiumId });
      expect(same.status).toBe(400);
      expect(same.body.errors?.[0]).toMatchObject({
        field: 'consortiumId',
        message: expect.stringMatching(/already belongs/),
      });
      expect(
        fields(await problem(eva, 'POST', `/tenders/${tender.id}/replications`, { consortiumId: 'mine' })),
      ).toEqual(['consortiumId']);
      // Eva is no member of the origin's (listed) group; the supplier belongs to no consortium.
      expect((await problem(eva, 'POST', `/tenders/${tender.id}/replications`, { consortiumId })).status).toBe(403);
      expect(
        (await problem(supplier, 'POST', `/tenders/${tender.id}/replications`, { consortiumId: group.id })).status,
      ).toBe(404);
      expect((await problem(tobias, 'POST', `/tenders/${tender.id}/replications`, { consortiumId })).status).toBe(403);
      // Exactly one of consortiumId and ownOrganisation.
      const path = `/tenders/${tender.id}/replications`;
      const neither = await problem(eva, 'POST', path, {});
      expect(neither.status).toBe(400);
      expect(fields(neither)).toEqual(['consortiumId']);
      const both = await problem(eva, 'POST', path, { consortiumId: group.id, ownOrganisation: true });
      expect(both.status).toBe(400);
      expect(both.body.errors).toEqual([
        { field: 'ownOrganisation', message: 'ownOrganisation: give either consortiumId or ownOrganisation, not both' },
      ]);
      expect(fields(await problem(eva, 'POST', path, { ownOrganisation: 'yes' }))).toEqual(['ownOrganisation']);
      // A supplier buys nothing on its own through the platform.
      expect((await problem(supplier, 'POST', path, { ownOrganisation: true })).status).toBe(403);
    });

    it('shows the lineage with consortium, region and stage to anyone who may read the origin', async () => {
      const lineage = await ok<TenderLineageView>(anna, 'GET', `/tenders/${tender.id}/lineage`);
      expect(lineage).toMatchObject({ tenderId: tender.id, size: 2 });
      expect(lineage.origin).toMatchObject({
        tenderId: tender.id,
        title: 'Electric vans and depot lighting',
        consortiumName: 'Outcomes black-box group',
        region: { code: 'DE217', name: 'Dachau' },
        stage: 'closed',
        replicatedFromId: null,
      });
      expect(lineage.origin.replicas).toEqual([
        {
          tenderId: replica.id,
          // Not published, and Musterstadt is no member of the new group.
          title: null,
          consortiumId: group.id,
          consortiumName: 'Replication group Upper Austria',
          region: { code: 'AT312', name: 'Linz-Wels' },
          stage: 'approval',
          replicatedFromId: tender.id,
          createdAt: replica.createdAt,
          replicas: [],
        },
      ]);
      // From the replica, the same tree; its own group sees its title.
      const fromReplica = await ok<TenderLineageView>(eva, 'GET', `/tenders/${replica.id}/lineage`);
      expect(fromReplica.tenderId).toBe(replica.id);
      expect(fromReplica.origin.tenderId).toBe(tender.id);
      expect(fromReplica.origin.replicas[0].title).toBe('Electric vans and depot lighting');
      // A published origin is public information.
      expect((await ok<TenderLineageView>(supplier, 'GET', `/tenders/${tender.id}/lineage`)).size).toBe(2);
      expect((await problem(anna, 'GET', '/tenders/00000000-0000-4000-8000-000000000000/lineage')).status).toBe(404);
    });
  });

  describe('replication by a municipality on its own', () => {
    let platformAdmin: SignedIn;
    let mayor: SignedIn; // administrator of a newly registered municipality in no consortium
    let municipality: { id: string; name: string };
    let own: TenderView;

    beforeAll(async () => {
      platformAdmin = await signIn(api.url, 'admin@consortio.test');
      const suffix = Math.random().toString(36).slice(2, 8);
      const admin = {
        email: `mayor-${suffix}@kopierdorf.test`,
        password: 'a-long-enough-password',
        displayName: 'Mia Kopf',
      };
      const registered = await ok<{ organisation: { id: string; name: string } }>(
        null,
        'POST',
        '/organisations',
        {
          organisation: {
            kind: 'municipality',
            name: `Gemeinde Kopierdorf ${suffix}`,
            nutsCode: 'DE217',
            population: 2100,
          },
          admin,
        },
        201,
      );
      municipality = registered.organisation;
      mayor = await signIn(api.url, admin.email, admin.password);
    });

    it('refuses an organisation not yet verified, as founding a consortium would', async () => {
      const refused = await problem(mayor, 'POST', `/tenders/${tender.id}/replications`, { ownOrganisation: true });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe('Your organisation must be verified by a platform administrator first.');
      expect((await ok<Page<unknown>>(mayor, 'GET', '/consortia/mine')).total).toBe(0);
    });

    it('copies the tender into a new consortium of one, shown in the lineage', async () => {
      await ok(platformAdmin, 'POST', `/organisations/${municipality.id}/verification`, {
        decision: 'verified',
        note: 'Checked against the municipal register',
      });
      mayor = await signIn(api.url, mayor.user.email, 'a-long-enough-password');
      // Two requests at once (a double click) make one copy: the second waits for the first and is refused.
      const path = `/tenders/${tender.id}/replications`;
      const answers = await Promise.all([
        call<TenderView & ProblemDetails>(mayor, 'POST', path, { ownOrganisation: true }),
        call<TenderView & ProblemDetails>(mayor, 'POST', path, { ownOrganisation: true }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      const answer = answers.find((each) => each.status === 201) ?? answers[0];
      own = answer.body;
      expect(answers.find((each) => each.status === 409)?.body.detail).toBe(
        `Your organisation already runs its own copy of this tender: "Electric vans and depot lighting" in ${municipality.name}: Electric vans and depot lighting, at needs-assessment. Continue there; a new copy can be made once that one is closed.`,
      );
      expect((await ok<Page<unknown>>(mayor, 'GET', '/consortia/mine')).total).toBe(1);
      expect(own).toMatchObject({
        consortiumName: `${municipality.name}: Electric vans and depot lighting`,
        title: 'Electric vans and depot lighting',
        stage: 'needs-assessment',
        replicatedFromId: tender.id,
        criteria: CRITERIA,
        mayEdit: true,
      });
      expect(own.lots.map((lot) => lot.memberOrganisationIds)).toEqual([[municipality.id], [municipality.id]]);
      // A consortium of one, led by the municipality, not listed in the directory.
      const consortium = await ok<ConsortiumView>(mayor, 'GET', `/consortia/${own.consortiumId}`);
      expect(consortium).toMatchObject({
        name: `${municipality.name}: Electric vans and depot lighting`,
        domain: 'mobility',
        status: 'forming',
        listedPublicly: false,
        memberCount: 1,
        lead: { id: municipality.id },
      });
      const lineage = await ok<TenderLineageView>(mayor, 'GET', `/tenders/${own.id}/lineage`);
      expect(lineage).toMatchObject({ tenderId: own.id, size: 3, origin: { tenderId: tender.id } });
      expect(lineage.origin.replicas.find((node) => node.tenderId === own.id)).toMatchObject({
        title: 'Electric vans and depot lighting',
        consortiumId: own.consortiumId,
        consortiumName: `${municipality.name}: Electric vans and depot lighting`,
        region: { code: 'DE217', name: 'Dachau' },
        stage: 'needs-assessment',
        replicatedFromId: tender.id,
      });
    });

    it('reaches publication on its own approval, without a joint-procurement agreement', async () => {
      const specificationId = own.specificationId ?? '';
      const copy = await ok<SpecificationView>(mayor, 'GET', `/specifications/${specificationId}`);
      for (const section of copy.sections)
        await ok(mayor, 'PUT', `/specifications/${specificationId}/sections/${section.id}/approval`);
      const moveOwn = (to: string) => ok<TenderView>(mayor, 'POST', `/tenders/${own.id}/transitions`, { to });
      await moveOwn('market-consultation');
      await moveOwn('specification');
      const atApproval = await moveOwn('approval');
      expect(atApproval.specificationVersionApproved).toBe(true);
      expect(atApproval.nextStages.find((next) => next.stage === 'published')?.refusal).toBeNull();
      expect((await moveOwn('published')).stage).toBe('published');
    });
  });
});
