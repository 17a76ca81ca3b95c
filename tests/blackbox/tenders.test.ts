import { io, type Socket } from 'socket.io-client';
import type {
  Page,
  ProblemDetails,
  SpecificationVersionView,
  SpecificationView,
  SubscribeAck,
  TenderChangeEvent,
  TenderLotView,
  TenderMilestoneView,
  TenderRoadmapItemView,
  TenderSummary,
  TenderView,
  TenderWeightsPreviewView,
} from '@consortio/shared/contracts';
import { SOCKET_PARSER } from '@consortio/shared/contracts';
import { collabClient, createSpecification, demoConsortiumId, typeInto } from '../support/collab';
import { type ApiProcess, eventually, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { type SignedIn, signIn } from '../support/sessions';
import { apiClient, consortiumWith, submitNeed as submitNeedTo } from '../support/api-client';

/**
 * Tenders end to end through the built api on the real database: started from a consortium's
 * pooled demand, lots with CPV codes from the list, award criteria and lot rules judged by the
 * shared domain rules, the stage guards fed with real facts (signed agreement, an approved
 * specification version, lots, criteria, the tender deadline), milestones and the roadmap across
 * consortia, paging, and who may read and change what.
 */
describe('tenders', () => {
  let api: ApiProcess;
  let anna: SignedIn; // procurement officer, Gemeinde Musterstadt (lead of the test group)
  let lukas: SignedIn; // procurement officer, Markt Beispielheim (member)
  let tobias: SignedIn; // viewer, Gemeinde Musterstadt
  let legal: SignedIn; // legal reviewer, Gemeinde Musterstadt
  let buyer: SignedIn; // procurement officer of a central purchasing body, observer of the test group
  let sophie: SignedIn; // ministry analyst, observer of the demo consortium
  let eva: SignedIn; // procurement officer, Marktgemeinde Demoing (outsider)
  let consortiumId: string;
  let tender: TenderView;
  const org = (who: SignedIn) => who.user.memberships[0].organisationId;
  const sockets: Socket[] = [];

  const { call, ok } = apiClient(() => api.url);

  const submitNeed = (who: SignedIn, cpvCode: string, budget: string) =>
    submitNeedTo(ok, who, consortiumId, cpvCode, budget);

  const move = (who: SignedIn, id: string, to: string, reason?: string) =>
    call<TenderView & ProblemDetails>(who, 'POST', `/tenders/${id}/transitions`, reason ? { to, reason } : { to });

  const CRITERIA = [
    { kind: 'price', name: 'Price', weight: 40 },
    { kind: 'quality', name: 'Range and payload', weight: 30 },
    { kind: 'sustainability', name: 'Battery recycling', weight: 20 },
    { kind: 'innovation', name: 'Smart charging', weight: 10 },
  ];

  beforeAll(async () => {
    api = await startApi(platformEnv());
    [anna, lukas, tobias, legal, buyer, sophie, eva] = await Promise.all(
      [
        'officer@musterstadt.test',
        'officer@beispielheim.test',
        'viewer@musterstadt.test',
        'legal@musterstadt.test',
        'buyer@cpb.test',
        'analyst@ministry.test',
        'officer@demoing.test',
      ].map((email) => signIn(api.url, email)),
    );
    // A listed group of Musterstadt (lead) and Beispielheim (member), with a central purchasing
    // body observing, and needs in two CPV groups.
    consortiumId = await consortiumWith(ok, anna, 'Tender black-box group', [
      [lukas, 'member'],
      [buyer, 'observer'],
    ]);
    await submitNeed(anna, '34144900-7', '120000.00');
    await submitNeed(lukas, '34144900-7', '80000.50');
    await submitNeed(anna, '31500000-1', '14400.00');
    await ok(anna, 'POST', `/consortia/${consortiumId}/lots/suggest`, {});
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await api?.stop();
  });

  describe('starting a tender', () => {
    it('starts from the pooled demand: its lots, and their total as the estimated value', async () => {
      const created = await call<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
        title: 'Electric vehicles and depot lighting',
        procedureType: 'open',
      });
      expect(created.status).toBe(201);
      tender = created.body;
      expect(tender).toMatchObject({
        consortiumId,
        consortiumName: 'Tender black-box group',
        stage: 'needs-assessment',
        estimatedValue: '214400.50',
        criteria: [],
        lotRules: { bidsOn: 'several', maxLotsPerTenderer: null },
        specificationVersionId: null,
        specificationVersionApproved: null,
        milestones: [],
        mayEdit: true,
      });
      // Lots in the order the consortium numbered them (the suggestion goes by CPV group).
      expect(
        tender.lots.map((lot) => [lot.number, lot.cpvCodes, lot.value, [...lot.memberOrganisationIds].sort()]),
      ).toEqual([
        [1, ['31500000-1'], '14400.00', [org(anna)]],
        [2, ['34144900-7'], '200000.50', [org(anna), org(lukas)].sort()],
      ]);
      expect(tender.nextStages).toEqual([
        { stage: 'market-consultation', refusal: null, reasonRequired: false },
        { stage: 'closed', refusal: null, reasonRequired: true },
      ]);
    });

    it('takes an estimated value when given, and refuses bad input naming the field', async () => {
      const given = await call<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
        title: 'Given value',
        procedureType: 'restricted',
        estimatedValue: '99000.5',
      });
      expect(given.status).toBe(201);
      expect(given.body.estimatedValue).toBe('99000.50');
      const bad = await call<ProblemDetails>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
        title: 'x',
        procedureType: 'auction',
        estimatedValue: '1,5',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((error) => error.field).sort()).toEqual(['estimatedValue', 'procedureType', 'title']);
      // Judged as stored, without surrounding spaces.
      const blank = await call<ProblemDetails>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
        title: '   ab   ',
        procedureType: 'open',
      });
      expect(blank.status).toBe(400);
      expect(blank.body.errors?.map((error) => error.field)).toEqual(['title']);
    });

    it('lets only the lead and members start one, through people who write for them', async () => {
      const body = { title: 'Not allowed', procedureType: 'open' };
      expect((await call(tobias, 'POST', `/consortia/${consortiumId}/tenders`, body)).status).toBe(403);
      const observer = await call<ProblemDetails>(buyer, 'POST', `/consortia/${consortiumId}/tenders`, body);
      expect(observer.status).toBe(403);
      expect(observer.body.detail).toMatch(/Observers follow the tenders/);
      expect((await call(eva, 'POST', `/consortia/${consortiumId}/tenders`, body)).status).toBe(403);
      expect((await call(null, 'POST', `/consortia/${consortiumId}/tenders`, body)).status).toBe(401);
    });
  });

  describe('award criteria and lot rules', () => {
    it('refuses weights that do not total 100, naming criteria and the total', async () => {
      const answer = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, {
        criteria: [
          { kind: 'price', name: 'Price', weight: 45 },
          { kind: 'quality', name: 'Quality', weight: 50 },
        ],
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'criteria', message: 'Weights add up to 95; they must total 100' }]);
      expect(answer.body.detail).toContain('criteria');
      expect(answer.body.detail).toContain('95');
    });

    it('refuses criteria without a cost criterion, and lot rules that do not fit the lots', async () => {
      const noCost = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, {
        criteria: [{ kind: 'quality', name: 'Quality', weight: 100 }],
      });
      expect(noCost.status).toBe(400);
      expect(noCost.body.errors?.[0]).toMatchObject({
        field: 'criteria',
        message: expect.stringMatching(/price or a life-cycle cost/),
      });
      const rules = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, {
        lotRules: { bidsOn: 'several', maxLotsPerTenderer: 5 },
      });
      expect(rules.status).toBe(400);
      expect(rules.body.errors).toEqual([
        { field: 'lotRules', message: 'A tenderer may bid for between 1 and 2 lots; 5 is outside that' },
      ]);
      const unknown = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, { stage: 'published' });
      expect(unknown.status).toBe(400);
    });

    it('saves valid criteria and previews how they weigh a cheap bid against a better one', async () => {
      const saved = await ok<TenderView>(anna, 'PATCH', `/tenders/${tender.id}`, {
        criteria: CRITERIA,
        lotRules: { bidsOn: 'several', maxLotsPerTenderer: 2 },
      });
      expect(saved.criteria).toEqual(CRITERIA);
      expect(saved.lotRules).toEqual({ bidsOn: 'several', maxLotsPerTenderer: 2 });
      const preview = await ok<TenderWeightsPreviewView>(lukas, 'GET', `/tenders/${tender.id}/weights-preview`);
      expect(preview).toEqual({ lotId: null, criteria: CRITERIA, cheap: 64, innovative: 85, winner: 'innovative' });
    });
  });

  describe('lots', () => {
    let extra: TenderLotView;

    it('checks CPV codes against the CPV list and members against the consortium', async () => {
      const base = {
        title: 'Solar carports',
        cpvCodes: ['09331000-8'],
        value: '5000',
        memberOrganisationIds: [org(anna)],
      };
      const checkDigit = await call<ProblemDetails>(anna, 'POST', `/tenders/${tender.id}/lots`, {
        ...base,
        cpvCodes: ['34144900-7', '34144900-8'],
      });
      expect(checkDigit.status).toBe(400);
      expect(checkDigit.body.errors).toEqual([
        { field: 'cpvCodes.1', message: '34144900-8 is not in the CPV list (check the digits and the check digit)' },
      ]);
      const malformed = await call<ProblemDetails>(anna, 'POST', `/tenders/${tender.id}/lots`, {
        ...base,
        cpvCodes: ['3414'],
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors?.[0].field).toBe('cpvCodes');
      const stranger = await call<ProblemDetails>(anna, 'POST', `/tenders/${tender.id}/lots`, {
        ...base,
        memberOrganisationIds: [org(anna), org(eva)],
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.errors?.[0]).toMatchObject({
        field: 'memberOrganisationIds',
        message: expect.stringContaining(org(eva)),
      });
      const observer = await call<ProblemDetails>(anna, 'POST', `/tenders/${tender.id}/lots`, {
        ...base,
        memberOrganisationIds: [org(buyer)],
      });
      expect(observer.status).toBe(400);
      const badCriteria = await call<ProblemDetails>(anna, 'POST', `/tenders/${tender.id}/lots`, {
        ...base,
        criteria: [{ kind: 'price', name: 'Price', weight: 101 }],
      });
      expect(badCriteria.status).toBe(400);
      expect(badCriteria.body.errors?.[0]).toMatchObject({ field: 'criteria', message: expect.stringMatching(/101/) });
    });

    it('adds, changes and removes lots; the others keep their numbers', async () => {
      const created = await call<TenderLotView>(anna, 'POST', `/tenders/${tender.id}/lots`, {
        title: 'Solar carports',
        cpvCodes: ['09331000-8'],
        value: '5000',
        memberOrganisationIds: [org(lukas)],
      });
      expect(created.status).toBe(201);
      extra = created.body;
      expect(extra).toMatchObject({
        number: 3,
        value: '5000.00',
        criteria: null,
        evaluationRecorded: false,
        award: null,
      });
      const own = [
        { kind: 'life-cycle-cost', name: 'Life-cycle cost', weight: 70 },
        { kind: 'quality', name: 'Charging speed', weight: 30 },
      ];
      const changed = await ok<TenderLotView>(legal, 'PATCH', `/tenders/${tender.id}/lots/${extra.id}`, {
        value: '7500.25',
        criteria: own,
        memberOrganisationIds: [org(anna), org(lukas)],
      });
      expect(changed).toMatchObject({ value: '7500.25', criteria: own });
      expect([...changed.memberOrganisationIds].sort()).toEqual([org(anna), org(lukas)].sort());
      const preview = await ok<TenderWeightsPreviewView>(
        anna,
        'GET',
        `/tenders/${tender.id}/weights-preview?lotId=${extra.id}`,
      );
      expect(preview).toMatchObject({ lotId: extra.id, criteria: own, winner: 'cheap' });
      expect((await call(tobias, 'DELETE', `/tenders/${tender.id}/lots/${extra.id}`)).status).toBe(403);
      expect((await call(anna, 'DELETE', `/tenders/${tender.id}/lots/${extra.id}`)).status).toBe(204);
      expect((await call(anna, 'DELETE', `/tenders/${tender.id}/lots/${extra.id}`)).status).toBe(404);
      const view = await ok<TenderView>(anna, 'GET', `/tenders/${tender.id}`);
      expect(view.lots.map((lot) => lot.number)).toEqual([1, 2]);
    });
  });

  describe('stages', () => {
    let spec: SpecificationView;
    let version: SpecificationVersionView;
    const events: TenderChangeEvent[] = [];

    const approveAll = async (who: SignedIn, sections = spec.sections) => {
      for (const section of sections)
        await ok(who, 'PUT', `/specifications/${spec.id}/sections/${section.id}/approval`);
    };
    const refusalOf = async (stage: string) =>
      (await ok<TenderView>(anna, 'GET', `/tenders/${tender.id}`)).nextStages.find((next) => next.stage === stage)
        ?.refusal;

    beforeAll(async () => {
      const socket: Socket = io(`${api.url}/events`, {
        parser: SOCKET_PARSER,
        transports: ['websocket'],
        auth: { token: lukas.token },
        reconnection: false,
      });
      sockets.push(socket);
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      const ack = await new Promise<SubscribeAck>((done) =>
        socket.emit('subscribe', { channel: `consortium.${consortiumId}` }, done),
      );
      expect(ack.ok).toBe(true);
      socket.on('tender.changed', (change: TenderChangeEvent) => events.push(change));
    });

    it('moves one stage at a time and tells the consortium channel', async () => {
      const skip = await move(anna, tender.id, 'published');
      expect(skip.status).toBe(409);
      expect(skip.body.detail).toBe('From needs-assessment a tender can only move to market-consultation or closed.');
      expect((await move(anna, tender.id, 'market-consultation')).status).toBe(200);
      const moved = await move(lukas, tender.id, 'specification');
      expect(moved.status).toBe(200);
      expect(moved.body.stage).toBe('specification');
      await eventually(
        async () =>
          events.some((event) => event.what === 'stage' && event.stage === 'specification') ? true : undefined,
        5_000,
        'the stage change on the consortium channel',
      );
      expect(events.find((event) => event.stage === 'specification')).toEqual({
        consortiumId,
        tenderId: tender.id,
        what: 'stage',
        stage: 'specification',
        previousStage: 'market-consultation',
      });
    });

    it('asks for a linked specification version before approval', async () => {
      const refused = await move(anna, tender.id, 'approval');
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/^Link a named version of the specification first/);
      spec = await createSpecification(api.url, anna, consortiumId, 'Tender black-box specification');
      version = await ok<SpecificationVersionView>(
        anna,
        'POST',
        `/specifications/${spec.id}/versions`,
        { label: 'v1' },
        201,
      );
      const foreign = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, {
        specificationVersionId: '00000000-0000-4000-8000-000000000000',
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors?.[0].field).toBe('specificationVersionId');
      const linked = await ok<TenderView>(anna, 'PATCH', `/tenders/${tender.id}`, {
        specificationVersionId: version.id,
      });
      expect(linked).toMatchObject({
        specificationId: spec.id,
        specificationVersionId: version.id,
        specificationVersionApproved: false,
      });
      expect((await move(anna, tender.id, 'approval')).status).toBe(200);
    });

    it('refuses to publish without a signed agreement, then without an approved version (409 with the reason)', async () => {
      const unsigned = await move(anna, tender.id, 'published');
      expect(unsigned.status).toBe(409);
      expect(unsigned.body.detail).toBe(
        'Every participant must sign the joint-procurement agreement before the lead publishes on their behalf (Art. 38 of Directive 2014/24/EU).',
      );
      expect(await refusalOf('published')).toBe(unsigned.body.detail);
      for (const who of [anna, lukas])
        await ok(
          who,
          'POST',
          `/consortia/${consortiumId}/agreement/signatures`,
          { councilDecisionRef: 'Council 2026/1' },
          201,
        );
      const unapproved = await move(anna, tender.id, 'published');
      expect(unapproved.status).toBe(409);
      expect(unapproved.body.detail).toBe(
        'Publish an approved version of the specification: link a named version and have it approved first.',
      );
      // Approved means every section by every participant (observers do not approve).
      await approveAll(anna);
      expect((await ok<TenderView>(anna, 'GET', `/tenders/${tender.id}`)).specificationVersionApproved).toBe(false);
      await approveAll(lukas);
      expect((await ok<TenderView>(anna, 'GET', `/tenders/${tender.id}`)).specificationVersionApproved).toBe(true);
    });

    it('counts only approvals of the text the version holds', async () => {
      const first = spec.sections[0];
      const { client } = collabClient(api.url, anna);
      try {
        const document = await client.open(spec.id);
        typeInto(document, first.id, ' Amended after the version was named.');
        await document.flushed();
      } finally {
        client.disconnect();
      }
      await approveAll(anna, [first]);
      expect((await ok<TenderView>(anna, 'GET', `/tenders/${tender.id}`)).specificationVersionApproved).toBe(false);
      const second = await ok<SpecificationVersionView>(
        anna,
        'POST',
        `/specifications/${spec.id}/versions`,
        { label: 'v2' },
        201,
      );
      const relinked = await ok<TenderView>(anna, 'PATCH', `/tenders/${tender.id}`, {
        specificationVersionId: second.id,
      });
      expect(relinked.specificationVersionApproved).toBe(false);
      await approveAll(lukas, [first]);
      expect((await ok<TenderView>(anna, 'GET', `/tenders/${tender.id}`)).specificationVersionApproved).toBe(true);
    });

    it('checks lot rules and criteria last, then publishes and fixes what the notice states', async () => {
      const [, second] = (await ok<TenderView>(anna, 'GET', `/tenders/${tender.id}`)).lots;
      await ok(anna, 'DELETE', `/tenders/${tender.id}/lots/${second.id}`, undefined, 204);
      const rules = await move(anna, tender.id, 'published');
      expect(rules.status).toBe(409);
      expect(rules.body.detail).toMatch(/^Fix the lot rules/);
      await ok(anna, 'PATCH', `/tenders/${tender.id}`, { lotRules: { bidsOn: 'one', maxLotsPerTenderer: null } });
      expect(await refusalOf('published')).toBeNull();
      const published = await move(anna, tender.id, 'published');
      expect(published.status).toBe(200);
      expect(published.body.stage).toBe('published');

      const criteria = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, { criteria: CRITERIA });
      expect(criteria.status).toBe(409);
      expect(criteria.body.detail).toMatch(/^The tender is published: its lots, award criteria/);
      const lot = await call<ProblemDetails>(anna, 'POST', `/tenders/${tender.id}/lots`, {
        title: 'Late lot',
        cpvCodes: ['09331000-8'],
        value: '1',
        memberOrganisationIds: [org(anna)],
      });
      expect(lot.status).toBe(409);
      expect((await call(anna, 'PATCH', `/tenders/${tender.id}`, { title: 'Electric vehicles 2027' })).status).toBe(
        200,
      );
    });

    it('withdraws a publication only with a reason, and publishes again', async () => {
      const silent = await move(anna, tender.id, 'specification');
      expect(silent.status).toBe(409);
      expect(silent.body.detail).toMatch(/^Say why the published procedure is withdrawn/);
      expect((await move(anna, tender.id, 'specification', 'Correct the lot description')).status).toBe(200);
      await ok(anna, 'PATCH', `/tenders/${tender.id}`, {
        criteria: CRITERIA.map((criterion) =>
          criterion.kind === 'price' ? { ...criterion, name: 'Tendered price' } : criterion,
        ),
      });
      expect((await move(anna, tender.id, 'approval')).status).toBe(200);
      expect((await move(anna, tender.id, 'published')).status).toBe(200);
    });

    it('opens tenders only after the deadline, and goes no further than the data it keeps', async () => {
      const early = await move(anna, tender.id, 'evaluation');
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/^Tenders may be opened only after the time limit/);
      const deadline = new Date(Date.now() - 60_000).toISOString();
      const set = await ok<TenderView>(anna, 'PATCH', `/tenders/${tender.id}`, { tenderDeadline: deadline });
      expect(set.tenderDeadline).toBe(deadline);
      expect((await move(anna, tender.id, 'evaluation')).status).toBe(200);
      const moved = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, { tenderDeadline: null });
      expect(moved.status).toBe(409);
      const award = await move(anna, tender.id, 'awarded');
      expect(award.status).toBe(409);
      expect(award.body.detail).toMatch(/^Record the evaluation of every lot first/);
    });

    it('closes only with a reason, and a closed tender stays as it is', async () => {
      expect((await move(anna, tender.id, 'closed')).status).toBe(409);
      const closed = await move(anna, tender.id, 'closed', 'No suitable tenders');
      expect(closed.status).toBe(200);
      expect(closed.body.nextStages).toEqual([]);
      const again = await move(anna, tender.id, 'published');
      expect(again.body.detail).toBe('A closed tender stays closed.');
      const edit = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${tender.id}`, { title: 'Too late' });
      expect(edit.status).toBe(409);
      expect(edit.body.detail).toBe('A closed tender cannot be changed.');
    });
  });

  describe('milestones and the roadmap', () => {
    let first: TenderView;
    let second: TenderView;

    beforeAll(async () => {
      const start = (title: string) =>
        ok<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, { title, procedureType: 'open' }, 201);
      first = await start('Roadmap tender A');
      second = await start('Roadmap tender B');
    });

    it('plans, moves and marks milestones as reached (never ahead of today)', async () => {
      const plan = (id: string, name: string, plannedOn: string) =>
        ok<TenderMilestoneView>(anna, 'POST', `/tenders/${id}/milestones`, { name, plannedOn }, 201);
      const notice = await plan(first.id, 'Contract notice', '2031-03-01');
      expect(notice).toMatchObject({ name: 'Contract notice', plannedOn: '2031-03-01', actualOn: null });
      await plan(first.id, 'Award', '2031-05-01');
      await plan(second.id, 'Contract notice', '2031-04-01');
      const ahead = await call<ProblemDetails>(anna, 'PATCH', `/tenders/${first.id}/milestones/${notice.id}`, {
        actualOn: '2031-03-02',
      });
      expect(ahead.status).toBe(400);
      expect(ahead.body.errors?.[0].field).toBe('actualOn');
      const bad = await call<ProblemDetails>(anna, 'POST', `/tenders/${first.id}/milestones`, {
        name: '',
        plannedOn: '2031-02-30',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((error) => error.field).sort()).toEqual(['name', 'plannedOn']);
      expect(
        (await call(tobias, 'POST', `/tenders/${first.id}/milestones`, { name: 'x', plannedOn: '2031-01-01' })).status,
      ).toBe(403);
      const list = await ok<TenderMilestoneView[]>(lukas, 'GET', `/tenders/${first.id}/milestones`);
      expect(list.map((milestone) => [milestone.name, milestone.plannedOn])).toEqual([
        ['Contract notice', '2031-03-01'],
        ['Award', '2031-05-01'],
      ]);
    });

    it("shows each tender's next planned milestone in the window, across the caller's consortia, paged", async () => {
      const roadmap = (who: SignedIn, query: string) =>
        ok<Page<TenderRoadmapItemView>>(who, 'GET', `/tenders/roadmap?${query}`);
      const year = await roadmap(anna, 'from=2031-01-01&to=2031-12-31');
      expect(year.items.map((item) => [item.tender.title, item.milestone.name, item.milestone.plannedOn])).toEqual([
        ['Roadmap tender A', 'Contract notice', '2031-03-01'],
        ['Roadmap tender B', 'Contract notice', '2031-04-01'],
      ]);
      expect(year.items[0].tender.consortiumName).toBe('Tender black-box group');
      const later = await roadmap(anna, 'from=2031-03-02&to=2031-12-31');
      expect(later.items.map((item) => [item.tender.title, item.milestone.plannedOn])).toEqual([
        ['Roadmap tender B', '2031-04-01'],
        ['Roadmap tender A', '2031-05-01'],
      ]);
      const paged = await roadmap(anna, 'from=2031-01-01&to=2031-12-31&pageSize=1&page=2');
      expect(paged).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(paged.items.map((item) => item.tender.title)).toEqual(['Roadmap tender B']);
      // The observer's organisation belongs to the consortium too; an outsider's does not.
      expect((await roadmap(buyer, 'from=2031-01-01&to=2031-12-31')).total).toBe(2);
      expect((await roadmap(eva, 'from=2031-01-01&to=2031-12-31')).total).toBe(0);
      // One end given: a year from it.
      expect((await roadmap(anna, 'from=2031-03-02')).items.map((item) => item.milestone.plannedOn)).toEqual([
        '2031-04-01',
        '2031-05-01',
      ]);
      expect((await roadmap(anna, 'to=2031-03-01')).items.map((item) => item.milestone.plannedOn)).toEqual([
        '2031-03-01',
      ]);
      expect((await call(anna, 'GET', '/tenders/roadmap?from=0000-01-01')).status).toBe(400);
      const reversed = await call<ProblemDetails>(anna, 'GET', '/tenders/roadmap?from=2031-12-31&to=2031-01-01');
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors?.[0].field).toBe('to');

      const [notice] = await ok<TenderMilestoneView[]>(anna, 'GET', `/tenders/${second.id}/milestones`);
      await ok(anna, 'PATCH', `/tenders/${second.id}/milestones/${notice.id}`, { actualOn: '2025-01-05' });
      expect((await roadmap(anna, 'from=2031-01-01&to=2031-12-31')).items.map((item) => item.tender.title)).toEqual([
        'Roadmap tender A',
      ]);
      // A milestone is found only under its own tender.
      expect((await call(anna, 'DELETE', `/tenders/${first.id}/milestones/${notice.id}`)).status).toBe(404);
      expect((await call(anna, 'DELETE', `/tenders/${second.id}/milestones/${notice.id}`)).status).toBe(204);
      expect(await ok(anna, 'GET', `/tenders/${second.id}/milestones`)).toEqual([]);
    });

    it('defaults to the next calendar year, where the demo tender has its milestones', async () => {
      const next = new Date().getUTCFullYear() + 1;
      const roadmap = await ok<Page<TenderRoadmapItemView>>(lukas, 'GET', '/tenders/roadmap?pageSize=100');
      const demo = roadmap.items.find(
        (item) => item.tender.title === 'Electric utility vehicles and depot lighting 2027',
      );
      expect(demo?.milestone).toMatchObject({ name: 'Contract notice published', plannedOn: `${next}-02-15` });
      expect(roadmap.items.every((item) => item.milestone.plannedOn.startsWith(String(next)))).toBe(true);
    });

    it('pages the tenders of a consortium, newest first, and filters by stage', async () => {
      const all = await ok<Page<TenderSummary>>(lukas, 'GET', `/consortia/${consortiumId}/tenders?pageSize=2`);
      expect(all.total).toBe(4);
      expect(all.items.map((item) => item.title)).toEqual(['Roadmap tender B', 'Roadmap tender A']);
      const last = await ok<Page<TenderSummary>>(lukas, 'GET', `/consortia/${consortiumId}/tenders?pageSize=2&page=2`);
      expect(last.items.map((item) => item.title)).toEqual(['Given value', 'Electric vehicles 2027']);
      const beyond = await ok<Page<TenderSummary>>(
        lukas,
        'GET',
        `/consortia/${consortiumId}/tenders?pageSize=2&page=3`,
      );
      expect(beyond).toMatchObject({ items: [], total: 4 });
      const closed = await ok<Page<TenderSummary>>(buyer, 'GET', `/consortia/${consortiumId}/tenders?stage=closed`);
      expect(closed.items.map((item) => item.title)).toEqual(['Electric vehicles 2027']);
      expect((await call(anna, 'GET', `/consortia/${consortiumId}/tenders?pageSize=500`)).status).toBe(400);
    });

    it("lists the tenders of every consortium of the caller's organisation, newest first, at one stage if asked", async () => {
      // Every tender of every consortium Musterstadt belongs to (other files add theirs to the shared database).
      const mine = await ok<Page<TenderSummary>>(anna, 'GET', '/tenders?pageSize=100');
      const consortia = await ok<Page<{ id: string }>>(anna, 'GET', '/consortia/mine?pageSize=100');
      expect(consortia.total).toBeLessThanOrEqual(100);
      let expected = 0;
      for (const consortium of consortia.items)
        expected += (await ok<Page<TenderSummary>>(anna, 'GET', `/consortia/${consortium.id}/tenders?pageSize=1`))
          .total;
      expect(mine.total).toBe(expected);
      expect(mine.total).toBeLessThanOrEqual(100);
      const ids = new Set(consortia.items.map((consortium) => consortium.id));
      expect(mine.items.every((item) => ids.has(item.consortiumId))).toBe(true);
      const group = await ok<Page<TenderSummary>>(anna, 'GET', `/consortia/${consortiumId}/tenders?pageSize=100`);
      const demoId = await demoConsortiumId(api.url, anna);
      for (const tender of group.items) expect(mine.items.map((item) => item.id)).toContain(tender.id);
      const created = mine.items.map((item) => item.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      const page = await ok<Page<TenderSummary>>(anna, 'GET', '/tenders?pageSize=2&page=2');
      expect(page.items.map((item) => item.id)).toEqual(mine.items.slice(2, 4).map((item) => item.id));

      const closed = await ok<Page<TenderSummary>>(anna, 'GET', '/tenders?stage=closed&pageSize=100');
      expect(closed.items.every((item) => item.stage === 'closed')).toBe(true);
      expect(closed.total).toBe(mine.items.filter((item) => item.stage === 'closed').length);
      expect(closed.items.map((item) => item.title)).toContain('Electric vehicles 2027');
      // The observing purchasing body sees the group's tenders; an outsider sees none of them.
      const observed = await ok<Page<TenderSummary>>(buyer, 'GET', '/tenders?pageSize=100');
      expect(observed.items.filter((item) => item.consortiumId === consortiumId)).toHaveLength(group.total);
      const outside = await ok<Page<TenderSummary>>(eva, 'GET', '/tenders?pageSize=100');
      expect(outside.items.some((item) => item.consortiumId === consortiumId || item.consortiumId === demoId)).toBe(
        false,
      );

      const bad = await call<ProblemDetails>(anna, 'GET', '/tenders?stage=finished');
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0].field).toBe('stage');
      expect((await call(null, 'GET', '/tenders')).status).toBe(401);
    });
  });

  describe('access', () => {
    it('lets members and observers read, writers of the lead and members change, and refuses anyone else', async () => {
      const open = await ok<TenderView>(
        anna,
        'POST',
        `/consortia/${consortiumId}/tenders`,
        { title: 'Access tender', procedureType: 'open' },
        201,
      );
      expect((await ok<TenderView>(tobias, 'GET', `/tenders/${open.id}`)).mayEdit).toBe(false);
      expect((await call(tobias, 'PATCH', `/tenders/${open.id}`, { title: 'Viewer edit' })).status).toBe(403);
      expect((await ok<TenderView>(legal, 'PATCH', `/tenders/${open.id}`, { title: 'Legal edit' })).title).toBe(
        'Legal edit',
      );
      expect((await ok<TenderView>(buyer, 'GET', `/tenders/${open.id}`)).mayEdit).toBe(false);
      const observer = await call<ProblemDetails>(buyer, 'PATCH', `/tenders/${open.id}`, { title: 'Observer edit' });
      expect(observer.status).toBe(403);
      expect(observer.body.detail).toBe('Observers follow the tenders of a consortium; they do not change them.');
      expect((await move(buyer, open.id, 'market-consultation')).status).toBe(403);

      const outsider = await call<ProblemDetails>(eva, 'GET', `/tenders/${open.id}`);
      expect(outsider.status).toBe(403);
      expect(outsider.body.detail).toBe('Only members of Tender black-box group can open its tenders.');
      for (const path of [
        `/tenders/${open.id}/milestones`,
        `/tenders/${open.id}/weights-preview`,
        `/consortia/${consortiumId}/tenders`,
      ])
        expect((await call(eva, 'GET', path)).status).toBe(403);
      expect((await move(eva, open.id, 'market-consultation')).status).toBe(403);
      expect((await call(null, 'GET', `/tenders/${open.id}`)).status).toBe(401);

      const unknown = await call<ProblemDetails>(anna, 'GET', '/tenders/00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
      expect((await call(anna, 'GET', '/tenders/not-an-id')).status).toBe(400);
      expect(
        (await call(anna, 'GET', `/tenders/${open.id}/weights-preview?lotId=00000000-0000-4000-8000-000000000000`))
          .status,
      ).toBe(404);
    });

    it('shows the demo tender to the ministry observing the demo consortium, read-only', async () => {
      const demoId = await demoConsortiumId(api.url, anna);
      const list = await ok<Page<TenderSummary>>(sophie, 'GET', `/consortia/${demoId}/tenders`);
      const summary = list.items.find((item) => item.title === 'Electric utility vehicles and depot lighting 2027');
      expect(summary).toMatchObject({ stage: 'market-consultation', estimatedValue: '289400.00' });
      const demo = await ok<TenderView>(sophie, 'GET', `/tenders/${summary?.id}`);
      expect(demo.mayEdit).toBe(false);
      expect(demo.lots.map((lot) => [lot.number, lot.cpvCodes])).toEqual([
        [1, ['34144900-7']],
        [2, ['31500000-1']],
      ]);
      expect(demo.nextStages.find((next) => next.stage === 'specification')?.refusal).toBeNull();
      expect(await ok(sophie, 'GET', `/tenders/${demo.id}/weights-preview`)).toMatchObject({
        cheap: 64,
        innovative: 85,
        winner: 'innovative',
      });
      expect((await call(sophie, 'PATCH', `/tenders/${demo.id}`, { title: 'Ministry edit' })).status).toBe(403);
    });
  });
});
