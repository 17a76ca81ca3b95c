import { io, type Socket } from 'socket.io-client';
import type {
  AgreementView,
  ConsortiumApplicationView,
  ConsortiumSummary,
  ConsortiumView,
  DecisionView,
  MunicipalityMatchView,
  NeedView,
  Page,
  PooledDemandView,
  ProblemDetails,
  SubscribeAck,
  ThresholdPeriodView,
} from '@consortio/shared/contracts';
import { SOCKET_PARSER } from '@consortio/shared/contracts';
import { Mailbox } from '../support/mailbox';
import { type ApiProcess, eventually, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, type SignedIn, signIn } from '../support/sessions';

/**
 * Consortia end to end through the built api and worker on the real database: lifecycle and
 * membership, the agreement and its signatures, needs and CSV import, lots and the pooled demand
 * against the EU thresholds, decisions closed by a delayed job, and discovery.
 */
describe('consortia, agreements, decisions and pooled demand', () => {
  let mailbox: Mailbox;
  let api: ApiProcess;
  let worker: PlatformProcess;
  let anna: SignedIn; // procurement officer, Gemeinde Musterstadt (DE217)
  let lukas: SignedIn; // procurement officer, Markt Beispielheim (DE216)
  let paul: SignedIn; // administrator, Stadtgemeinde Probstadt (AT315), not yet verified
  let eva: SignedIn; // procurement officer, Marktgemeinde Demoing (AT312)
  let tobias: SignedIn; // viewer, Gemeinde Musterstadt
  let nora: SignedIn; // supplier
  let admin: SignedIn; // platform administrator
  const org = (who: SignedIn) => who.user.memberships[0].organisationId;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await startApi(platformEnv());
    worker = startWorker(platformEnv({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://consortio.example' }));
    [anna, lukas, paul, eva, tobias, nora, admin] = await Promise.all(
      [
        'officer@musterstadt.test',
        'officer@beispielheim.test',
        'admin@probstadt.test',
        'officer@demoing.test',
        'viewer@musterstadt.test',
        'sales@smartgrid.test',
        'admin@consortio.test',
      ].map((email) => signIn(api.url, email)),
    );
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await mailbox?.close();
  });

  async function call<T>(
    who: SignedIn | null,
    method: string,
    path: string,
    json?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await as(who, api.url, `/api/v1${path}`, { method, json });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async function createConsortium(
    who: SignedIn,
    name: string,
    extra: Record<string, unknown> = {},
  ): Promise<ConsortiumView> {
    const created = await call<ConsortiumView>(who, 'POST', '/consortia', { name, domain: 'mobility', ...extra });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** A consortium of Musterstadt (lead) and Beispielheim (member), joined by invitation. */
  async function pair(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const consortium = await createConsortium(anna, name, extra);
    const invitation = await call<ConsortiumApplicationView>(anna, 'POST', `/consortia/${consortium.id}/invitations`, {
      organisationId: org(lukas),
    });
    expect(invitation.status).toBe(201);
    const accepted = await call(lukas, 'POST', `/consortia/${consortium.id}/applications/${invitation.body.id}`, {
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    return consortium.id;
  }

  const need = (cpvCode: string, budget: string, extra: Record<string, unknown> = {}) => ({
    cpvCode,
    title: `Need ${cpvCode}`,
    quantity: '1',
    unit: 'pcs',
    budget,
    priority: 'must',
    ...extra,
  });

  async function submitNeed(who: SignedIn, consortiumId: string, body: Record<string, unknown>): Promise<NeedView> {
    const created = await call<NeedView>(who, 'POST', `/consortia/${consortiumId}/needs`, body);
    expect(created.status).toBe(201);
    const submitted = await call<NeedView>(who, 'POST', `/consortia/${consortiumId}/needs/${created.body.id}/status`, {
      status: 'submitted',
    });
    expect(submitted.status).toBe(200);
    return submitted.body;
  }

  describe('lifecycle and membership', () => {
    it('lets a verified public body start a consortium as its lead, and no one else', async () => {
      const consortium = await createConsortium(anna, 'Lifecycle test group', { interestCpvCodes: ['34144900-7'] });
      expect(consortium).toMatchObject({
        status: 'forming',
        myRole: 'lead',
        lead: { id: org(anna) },
        memberCount: 1,
        population: 14_200,
        regions: ['DE217'],
        cpvCodes: ['34144900-7'],
        leaveBlockedReason: expect.stringContaining('hand the lead'),
      });
      expect((await call(nora, 'POST', '/consortia', { name: 'Supplier group', domain: 'ict' })).status).toBe(403);
      expect((await call(tobias, 'POST', '/consortia', { name: 'Viewer group', domain: 'ict' })).status).toBe(403);
      expect((await call(null, 'POST', '/consortia', { name: 'Anonymous', domain: 'ict' })).status).toBe(401);
    });

    it('answers bad input with the field and the reason, and saves nothing', async () => {
      const short = await call<ProblemDetails>(anna, 'POST', '/consortia', { name: 'x', domain: 'space' });
      expect(short.status).toBe(400);
      expect(short.body.errors?.map((error) => error.field).sort()).toEqual(['domain', 'name']);
      const unknownCode = await call<ProblemDetails>(anna, 'POST', '/consortia', {
        name: 'Wrong check digit',
        domain: 'energy',
        interestCpvCodes: ['34144900-6'],
      });
      expect(unknownCode.status).toBe(422);
      expect(unknownCode.body.detail).toContain('34144900-6 is not in the CPV list');
      const mine = await call<Page<ConsortiumSummary>>(anna, 'GET', '/consortia/mine?pageSize=100');
      expect(mine.body.items.some((item) => item.name === 'Wrong check digit')).toBe(false);
    });

    it('keeps an unlisted consortium hidden from others and lists a public one in the directory', async () => {
      const hidden = await createConsortium(anna, 'Hidden group');
      expect((await call(eva, 'GET', `/consortia/${hidden.id}`)).status).toBe(404);
      expect((await call(eva, 'GET', `/consortia/${hidden.id}/members`)).status).toBe(404);
      const listed = await createConsortium(anna, 'Listed e-bus group', {
        listedPublicly: true,
        interestCpvCodes: ['34144900-7'],
      });
      const seen = await call<ConsortiumView>(eva, 'GET', `/consortia/${listed.id}`);
      expect(seen.body).toMatchObject({ name: 'Listed e-bus group', myRole: null });
      // Its inside is for members only.
      expect((await call(eva, 'GET', `/consortia/${listed.id}/needs`)).status).toBe(403);

      const directory = await call<Page<ConsortiumSummary>>(null, 'GET', '/consortia?cpv=3414&nuts=DE2&pageSize=100');
      expect(directory.status).toBe(200);
      const names = directory.body.items.map((item) => item.name);
      expect(names).toContain('Listed e-bus group');
      expect(names).not.toContain('Hidden group');
      const elsewhere = await call<Page<ConsortiumSummary>>(null, 'GET', '/consortia?nuts=AT&pageSize=100');
      expect(elsewhere.body.items.map((item) => item.name)).not.toContain('Listed e-bus group');
      const tooBig = await call<Page<ConsortiumSummary>>(null, 'GET', '/consortia?minPopulation=20000&pageSize=100');
      expect(tooBig.body.items.map((item) => item.name)).not.toContain('Listed e-bus group');
      expect((await call<ProblemDetails>(null, 'GET', '/consortia?cpv=abc')).status).toBe(400);
    });

    it('admits by invitation or by request, once, and never a supplier', async () => {
      const consortium = await createConsortium(anna, 'Membership group', { listedPublicly: true });
      const invited = await call<ConsortiumApplicationView>(anna, 'POST', `/consortia/${consortium.id}/invitations`, {
        organisationId: org(lukas),
        message: 'Join us',
      });
      expect(invited.body).toMatchObject({ direction: 'invitation', status: 'pending', role: 'member' });
      const again = await call<ProblemDetails>(anna, 'POST', `/consortia/${consortium.id}/invitations`, {
        organisationId: org(lukas),
      });
      expect(again.status).toBe(409);
      expect(
        (await call(anna, 'POST', `/consortia/${consortium.id}/invitations`, { organisationId: org(nora) })).status,
      ).toBe(422);
      // The lead cannot accept its own invitation; the invited organisation does.
      expect(
        (
          await call(anna, 'POST', `/consortia/${consortium.id}/applications/${invited.body.id}`, {
            decision: 'accept',
          })
        ).status,
      ).toBe(403);
      const incoming = await call<Page<ConsortiumApplicationView>>(
        lukas,
        'GET',
        '/consortium-applications?status=pending',
      );
      expect(incoming.body.items.map((item) => item.id)).toContain(invited.body.id);
      expect(
        (
          await call(lukas, 'POST', `/consortia/${consortium.id}/applications/${invited.body.id}`, {
            decision: 'accept',
          })
        ).status,
      ).toBe(200);

      const request = await call<ConsortiumApplicationView>(
        eva,
        'POST',
        `/consortia/${consortium.id}/join-requests`,
        {},
      );
      expect(request.body).toMatchObject({ direction: 'request', status: 'pending' });
      expect(
        (
          await call(eva, 'POST', `/consortia/${consortium.id}/applications/${request.body.id}`, {
            decision: 'accept',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(lukas, 'POST', `/consortia/${consortium.id}/applications/${request.body.id}`, {
            decision: 'accept',
          })
        ).status,
      ).toBe(403);
      const declined = await call<ConsortiumApplicationView>(
        anna,
        'POST',
        `/consortia/${consortium.id}/applications/${request.body.id}`,
        {
          decision: 'decline',
        },
      );
      expect(declined.body.status).toBe('declined');
      expect((await call(nora, 'POST', `/consortia/${consortium.id}/join-requests`, {})).status).toBe(403);
      // Probstadt awaits verification: it may look, not join.
      expect((await call(paul, 'POST', `/consortia/${consortium.id}/join-requests`, {})).status).toBe(403);
      const members = await call<Page<{ organisationId: string; role: string }>>(
        lukas,
        'GET',
        `/consortia/${consortium.id}/members`,
      );
      expect(members.body.items.map((member) => member.role)).toEqual(['lead', 'member']);
    });

    it('moves through its statuses with reasons, and binds members while tendering', async () => {
      const id = await pair('Status group');
      const early = await call<ProblemDetails>(anna, 'POST', `/consortia/${id}/status`, { status: 'active' });
      expect(early.status).toBe(409);
      expect(early.body.detail).toBe(
        'Every participant must sign the current agreement before the consortium becomes active.',
      );
      for (const who of [anna, lukas]) {
        expect(
          (await call(who, 'POST', `/consortia/${id}/agreement/signatures`, { councilDecisionRef: 'GR 1/2026' }))
            .status,
        ).toBe(201);
      }
      expect(
        (await call<ConsortiumView>(anna, 'POST', `/consortia/${id}/status`, { status: 'active' })).body.status,
      ).toBe('active');
      expect((await call(lukas, 'POST', `/consortia/${id}/status`, { status: 'tendering' })).status).toBe(403);
      expect((await call(anna, 'POST', `/consortia/${id}/status`, { status: 'tendering' })).status).toBe(200);
      const bound = await call<ProblemDetails>(lukas, 'DELETE', `/consortia/${id}/members/${org(lukas)}`);
      expect(bound.status).toBe(409);
      expect(bound.body.detail).toContain('bound by the published tender');
      const view = await call<ConsortiumView>(lukas, 'GET', `/consortia/${id}`);
      expect(view.body.leaveBlockedReason).toContain('bound by the published tender');
      expect((await call(anna, 'POST', `/consortia/${id}/status`, { status: 'closed' })).status).toBe(409);
      expect((await call(anna, 'POST', `/consortia/${id}/status`, { status: 'active' })).status).toBe(200);
      expect((await call(lukas, 'DELETE', `/consortia/${id}/members/${org(lukas)}`)).status).toBe(204);
      expect((await call(lukas, 'GET', `/consortia/${id}/members`)).status).toBe(404);
    });

    it('hands the lead over, after which the old lead may leave', async () => {
      const id = await pair('Handover group');
      expect((await call(anna, 'DELETE', `/consortia/${id}/members/${org(anna)}`)).status).toBe(409);
      expect((await call(anna, 'PATCH', `/consortia/${id}/members/${org(lukas)}`, { role: 'lead' })).status).toBe(204);
      const view = await call<ConsortiumView>(lukas, 'GET', `/consortia/${id}`);
      expect(view.body).toMatchObject({ myRole: 'lead', lead: { id: org(lukas) } });
      expect((await call(anna, 'DELETE', `/consortia/${id}/members/${org(anna)}`)).status).toBe(204);
    });
  });

  describe('the joint-procurement agreement', () => {
    it('records who signed for whom under which council decision, and asks everyone again after a change', async () => {
      const id = await pair('Agreement group');
      const initial = await call<AgreementView>(lukas, 'GET', `/consortia/${id}/agreement`);
      expect(initial.body).toMatchObject({
        legalBasis: 'art-38-occasional-joint-procurement',
        article: expect.stringContaining('Art. 38'),
        mandateHolder: { id: org(anna) },
        costKey: 'equal',
        version: 1,
        fullySigned: false,
      });
      expect(initial.body.awaiting).toHaveLength(2);
      expect(
        (await call(lukas, 'POST', `/consortia/${id}/agreement/signatures`, { councilDecisionRef: '' })).status,
      ).toBe(400);
      await call(lukas, 'POST', `/consortia/${id}/agreement/signatures`, {
        councilDecisionRef: 'MGR Beispielheim 2026/17',
      });
      expect(
        (await call(lukas, 'POST', `/consortia/${id}/agreement/signatures`, { councilDecisionRef: 'again' })).status,
      ).toBe(409);
      const signed = await call<AgreementView>(anna, 'POST', `/consortia/${id}/agreement/signatures`, {
        councilDecisionRef: 'GR Musterstadt 2026/041',
      });
      expect(signed.body.fullySigned).toBe(true);
      expect(signed.body.signatures.find((signature) => signature.organisationId === org(lukas))).toMatchObject({
        signedBy: 'Lukas Maier',
        councilDecisionRef: 'MGR Beispielheim 2026/17',
      });

      expect((await call(lukas, 'PATCH', `/consortia/${id}/agreement`, { costKey: 'population' })).status).toBe(403);
      const art37 = await call<ProblemDetails>(anna, 'PATCH', `/consortia/${id}/agreement`, {
        legalBasis: 'art-37-central-purchasing-body',
      });
      expect(art37.status).toBe(422);
      expect(art37.body.detail).toContain('central purchasing body');
      const missingWeight = await call<ProblemDetails>(anna, 'PATCH', `/consortia/${id}/agreement`, {
        costKey: 'custom',
        customWeights: { [org(anna)]: 2 },
      });
      expect(missingWeight.status).toBe(422);
      expect(missingWeight.body.detail).toContain('Markt Beispielheim');

      const changed = await call<AgreementView>(anna, 'PATCH', `/consortia/${id}/agreement`, { costKey: 'population' });
      expect(changed.body).toMatchObject({ costKey: 'population', version: 2, fullySigned: false, signatures: [] });
      expect(changed.body.awaiting.map((party) => party.organisationId).sort()).toEqual([org(anna), org(lukas)].sort());
      // The same terms again start no new version.
      expect(
        (await call<AgreementView>(anna, 'PATCH', `/consortia/${id}/agreement`, { costKey: 'population' })).body
          .version,
      ).toBe(2);
    });
  });

  describe('needs', () => {
    it('keeps drafts to their organisation, shares submitted needs, and lets only the owner change them', async () => {
      const id = await pair('Needs group');
      const draft = await call<NeedView>(
        lukas,
        'POST',
        `/consortia/${id}/needs`,
        need('34144900-7', '95000', {
          title: 'Electric pick-up',
          quantity: '2',
          unit: 'vehicles',
          desiredStart: '2027-04-01',
          priority: 'should',
          functionalRequirements: 'Range of 200 km in winter',
          personalData: false,
          sustainability: true,
        }),
      );
      expect(draft.body).toMatchObject({
        status: 'draft',
        cpvLabel: 'Electric vehicles',
        budget: '95000.00',
        quantity: '2',
      });
      const annaSees = async () =>
        (await call<Page<NeedView>>(anna, 'GET', `/consortia/${id}/needs`)).body.items.map((item) => item.id);
      expect(await annaSees()).not.toContain(draft.body.id);
      expect((await call(anna, 'PUT', `/consortia/${id}/needs/${draft.body.id}`, need('34144900-7', '1'))).status).toBe(
        404,
      );
      await call(lukas, 'POST', `/consortia/${id}/needs/${draft.body.id}/status`, { status: 'submitted' });
      expect(await annaSees()).toContain(draft.body.id);
      expect((await call(anna, 'PUT', `/consortia/${id}/needs/${draft.body.id}`, need('34144900-7', '1'))).status).toBe(
        403,
      );
      expect((await call(anna, 'DELETE', `/consortia/${id}/needs/${draft.body.id}`)).status).toBe(403);
      expect((await call(tobias, 'POST', `/consortia/${id}/needs`, need('34144900-7', '1'))).status).toBe(403);
    });

    it('validates the CPV code against the list, check digit included, and every field', async () => {
      const id = await pair('Validation group');
      const wrongDigit = await call<ProblemDetails>(anna, 'POST', `/consortia/${id}/needs`, need('34144900-6', '100'));
      expect(wrongDigit.status).toBe(400);
      expect(wrongDigit.body.errors).toEqual([
        { field: 'cpvCode', message: '34144900-6 is not in the CPV list (check the digits and the check digit)' },
      ]);
      const bad = await call<ProblemDetails>(anna, 'POST', `/consortia/${id}/needs`, {
        ...need('3414490', '-5'),
        quantity: '0',
        priority: 'nice',
        desiredStart: '2027-13-45',
      });
      expect(bad.body.errors?.map((error) => error.field).sort()).toEqual(
        ['budget', 'cpvCode', 'desiredStart', 'priority', 'quantity'].sort(),
      );
      const mine = await call<Page<NeedView>>(anna, 'GET', `/consortia/${id}/needs?scope=mine`);
      expect(mine.body.total).toBe(0);
    });

    it('imports a CSV all or nothing, with every error by row and column', async () => {
      const id = await pair('Import group');
      const header =
        'cpv_code,title,quantity,unit,budget_eur,desired_start,priority,functional_requirements,personal_data,sustainability';
      const broken = [
        header,
        '34144900-7,Vans,4,vehicles,180000,2027-03-01,must,,false,true',
        '34144900-6,Wrong digit,1,pcs,10,,could,,,',
        '31500000-1,"Lights, LED",0,pcs,abc,,always,,maybe,',
      ].join('\n');
      const refused = await as(anna, api.url, `/api/v1/consortia/${id}/needs/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: broken,
      });
      expect(refused.status).toBe(400);
      const problem = (await refused.json()) as ProblemDetails;
      expect(problem.errors?.map((error) => error.field).sort()).toEqual(
        ['row 3: cpv_code', 'row 4: budget_eur', 'row 4: personal_data', 'row 4: priority', 'row 4: quantity'].sort(),
      );
      expect((await call<Page<NeedView>>(anna, 'GET', `/consortia/${id}/needs?scope=mine`)).body.total).toBe(0);

      const good = [
        header,
        '34144900-7,Vans,4,vehicles,180000,2027-03-01,must,,false,true',
        '31500000-1,"Lights, LED",12,pcs,"14400,50",,could,,ja,',
      ].join('\r\n');
      const imported = await as(anna, api.url, `/api/v1/consortia/${id}/needs/import?submit=true`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: good,
      });
      expect(imported.status).toBe(201);
      expect(await imported.json()).toEqual({ imported: 2 });
      const list = await call<Page<NeedView>>(lukas, 'GET', `/consortia/${id}/needs`);
      expect(list.body.items.map((item) => [item.title, item.budget, item.status, item.personalData])).toEqual([
        ['Lights, LED', '14400.50', 'submitted', true],
        ['Vans', '180000.00', 'submitted', false],
      ]);
      const json = await call(anna, 'POST', `/consortia/${id}/needs/import`, { csv: header });
      expect(json.status).toBe(415);
    });
  });

  describe('pooled demand', () => {
    async function withLots(values: string[], on = '2026-06-01'): Promise<PooledDemandView> {
      const id = await pair(`Threshold group ${values.join('+')} ${on}`);
      // One need per lot, each in a CPV group of its own so that the suggestion makes one lot each.
      const codes = ['34144900-7', '31500000-1', '09331000-8', '48000000-8'];
      for (const [index, value] of values.entries()) await submitNeed(anna, id, need(codes[index], value));
      expect((await call(anna, 'POST', `/consortia/${id}/lots/suggest`, {})).body).toEqual({
        lots: values.length,
        placed: values.length,
      });
      return (await call<PooledDemandView>(lukas, 'GET', `/consortia/${id}/pooled-demand?on=${on}`)).body;
    }

    it('is below EUR 216,000 by one cent and above from EUR 216,000 (from 1 January 2026)', async () => {
      const below = await withLots(['215999.99']);
      expect(below.threshold).toMatchObject({
        total: '215999.99',
        threshold: '216000.00',
        above: false,
        publication: 'national',
      });
      const at = await withLots(['216000']);
      expect(at.threshold).toMatchObject({ above: true, publication: 'eu' });
      expect(at.threshold.articles).toContain('Art. 49 (contract notice in the Official Journal)');
    });

    it('adds all lots together (Art. 5(9)) and uses the figures in force on the date', async () => {
      const split = await withLots(['150000', '70000']);
      // 220,000 is above; 70,000 is under 80,000 but more than 20 % of the total, so no lot is exempt.
      expect(split.threshold).toMatchObject({ total: '220000.00', above: true, smallLotIds: [] });
      const before = await withLots(['150000', '70000'], '2025-06-01');
      expect(before.threshold).toMatchObject({
        threshold: '221000.00',
        above: false,
        source: 'Delegated Regulation (EU) 2023/2495',
      });
    });

    it('exempts small lots under EUR 80,000 that together stay within 20 % (Art. 5(10))', async () => {
      const demand = await withLots(['200000', '40000']);
      expect(demand.threshold.above).toBe(true);
      const small = demand.lots.find((lot) => lot.estimatedValue === '40000.00');
      expect(demand.threshold.smallLotIds).toEqual([small?.id]);
      expect(small?.smallLot).toBe(true);
      expect(demand.threshold.articles).toContain('Art. 5(10)');
    });

    it('groups needs into lots the lead can rearrange, with totals, members, population and cost shares', async () => {
      const id = await pair('Pooling group');
      const vans = await submitNeed(anna, id, need('34144900-7', '180000', { quantity: '4', unit: 'vehicles' }));
      await submitNeed(lukas, id, need('34144900-7', '95000.50', { quantity: '2.5', unit: 'vehicles' }));
      const lights = await submitNeed(lukas, id, need('31500000-1', '14400', { quantity: '12', unit: 'luminaires' }));
      const draft = await call<NeedView>(lukas, 'POST', `/consortia/${id}/needs`, need('09331000-8', '999999'));
      expect((await call(lukas, 'POST', `/consortia/${id}/lots/suggest`, {})).status).toBe(403);
      expect((await call(anna, 'POST', `/consortia/${id}/lots/suggest`, {})).body).toEqual({ lots: 2, placed: 3 });

      let demand = (await call<PooledDemandView>(anna, 'GET', `/consortia/${id}/pooled-demand?on=2026-12-01`)).body;
      const vehicles = demand.lots.find((lot) => lot.cpvCodes.includes('34144900-7'));
      expect(vehicles).toMatchObject({
        // Suggested lots follow the CPV groups in code order: lighting (315) before vehicles (341).
        number: 2,
        needCount: 2,
        quantities: [{ unit: 'vehicles', quantity: '6.5' }],
        estimatedValue: '275000.50',
        population: 14_200 + 8_900,
      });
      expect(vehicles?.members.map((member) => [member.name, member.budget])).toEqual([
        ['Gemeinde Musterstadt', '180000.00'],
        ['Markt Beispielheim', '95000.50'],
      ]);
      // The draft counts nowhere; the total is what was submitted.
      expect(demand.total).toBe('289400.50');
      expect(demand.unassigned).toEqual({ needCount: 0, estimatedValue: '0.00' });
      expect(draft.status).toBe(201);
      // Equal key: whole cents that add up to the total.
      expect(demand.costShares.map((share) => share.amount)).toEqual(['144700.25', '144700.25']);

      await call(anna, 'PATCH', `/consortia/${id}/agreement`, { costKey: 'population' });
      demand = (await call<PooledDemandView>(anna, 'GET', `/consortia/${id}/pooled-demand`)).body;
      const shares = demand.costShares.map((share) => Math.round(Number(share.amount) * 100));
      expect(shares.reduce((sum, cents) => sum + cents, 0)).toBe(28_940_050);
      expect(demand.costShares.map((share) => [share.name, share.basis])).toEqual([
        ['Gemeinde Musterstadt', 14_200],
        ['Markt Beispielheim', 8_900],
      ]);
      expect(shares[0]).toBe(Math.round((28_940_050 * 14_200) / 23_100));

      // Move the lights into the vehicles lot, then out of every lot.
      const lightsLot = demand.lots.find((lot) => lot.cpvCodes.includes('31500000-1'));
      expect(
        (await call(lukas, 'PUT', `/consortia/${id}/needs/${lights.id}/lot`, { lotId: vehicles?.id })).status,
      ).toBe(403);
      expect((await call(anna, 'PUT', `/consortia/${id}/needs/${lights.id}/lot`, { lotId: vehicles?.id })).status).toBe(
        204,
      );
      expect(
        (await call(anna, 'PUT', `/consortia/${id}/needs/${draft.body.id}/lot`, { lotId: vehicles?.id })).status,
      ).toBe(404);
      demand = (await call<PooledDemandView>(anna, 'GET', `/consortia/${id}/pooled-demand`)).body;
      expect(demand.lots.find((lot) => lot.id === vehicles?.id)?.needCount).toBe(3);
      expect(demand.lots.find((lot) => lot.id === lightsLot?.id)?.needCount).toBe(0);
      await call(anna, 'PUT', `/consortia/${id}/needs/${vans.id}/lot`, { lotId: null });
      demand = (await call<PooledDemandView>(anna, 'GET', `/consortia/${id}/pooled-demand`)).body;
      expect(demand.unassigned).toEqual({ needCount: 1, estimatedValue: '180000.00' });
      expect(demand.total).toBe('289400.50');
      expect((await call(anna, 'DELETE', `/consortia/${id}/lots/${lightsLot?.id}`)).status).toBe(204);
      expect(
        (await call(anna, 'PATCH', `/consortia/${id}/lots/${vehicles?.id}`, { title: 'E-vehicles and lights' })).body,
      ).toMatchObject({
        title: 'E-vehicles and lights',
      });
    });
  });

  describe('decisions', () => {
    it('counts one vote per organisation, refuses late votes, closes at the deadline by itself and tells members', async () => {
      const id = await pair('Decision group');
      const socket: Socket = io(`${api.url}/events`, {
        parser: SOCKET_PARSER,
        transports: ['websocket'],
        auth: { token: lukas.token },
        reconnection: false,
      });
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      const ack = await new Promise<SubscribeAck>((done) =>
        socket.emit('subscribe', { channel: `consortium.${id}` }, done),
      );
      expect(ack).toEqual({ ok: true, channel: `consortium.${id}` });
      const updates: DecisionView[] = [];
      socket.on('decision.updated', (view: DecisionView) => updates.push(view));

      const tooSoon = await call<ProblemDetails>(anna, 'POST', `/consortia/${id}/decisions`, {
        kind: 'procedure',
        title: 'Choose the open procedure',
        deadline: new Date(Date.now() + 5_000).toISOString(),
      });
      expect(tooSoon.status).toBe(422);
      const deadline = new Date(Date.now() + 32_000).toISOString();
      const proposed = await call<DecisionView>(anna, 'POST', `/consortia/${id}/decisions`, {
        kind: 'procedure',
        title: 'Choose the open procedure',
        options: ['Open procedure', 'Competitive dialogue'],
        quorumPercent: 100,
        majority: 'simple',
        deadline,
      });
      expect(proposed.status).toBe(201);
      const decisionId = proposed.body.id;
      expect(proposed.body.tally).toMatchObject({ outcome: 'no-quorum', counts: [0, 0], eligible: 2 });

      expect((await call(anna, 'PUT', `/consortia/${id}/decisions/${decisionId}/vote`, { option: 2 })).status).toBe(
        422,
      );
      await call(anna, 'PUT', `/consortia/${id}/decisions/${decisionId}/vote`, { option: 1 });
      // Changing the vote replaces it: still one vote per organisation.
      const changed = await call<DecisionView>(anna, 'PUT', `/consortia/${id}/decisions/${decisionId}/vote`, {
        option: 0,
      });
      expect(changed.body).toMatchObject({ myVote: 0, tally: { counts: [1, 0], votesCast: 1 } });
      const both = await call<DecisionView>(lukas, 'PUT', `/consortia/${id}/decisions/${decisionId}/vote`, {
        option: 0,
      });
      expect(both.body.tally).toMatchObject({ outcome: 'adopted', winningOption: 0, counts: [2, 0] });
      expect(both.body.status).toBe('open');
      expect((await call(tobias, 'PUT', `/consortia/${id}/decisions/${decisionId}/vote`, { option: 0 })).status).toBe(
        403,
      );
      await eventually(
        async () => (updates.some((view) => view.tally.votesCast === 2) ? true : undefined),
        5_000,
        'live vote counts',
      );

      const closed = await eventually(
        async () => {
          const view = await call<DecisionView>(lukas, 'GET', `/consortia/${id}/decisions/${decisionId}`);
          return view.body.status === 'closed' ? view.body : undefined;
        },
        60_000,
        'the decision to close at its deadline',
      );
      expect(new Date(closed.closedAt ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(deadline).getTime());
      expect(closed.tally).toMatchObject({ outcome: 'adopted', winningOption: 0 });
      const late = await call<ProblemDetails>(lukas, 'PUT', `/consortia/${id}/decisions/${decisionId}/vote`, {
        option: 1,
      });
      expect(late.status).toBe(409);
      expect(late.body.detail).toContain('Voting closed');
      await eventually(
        async () => (updates.some((view) => view.status === 'closed') ? true : undefined),
        5_000,
        'the closed event',
      );
      socket.close();

      const mail = await mailbox.waitFor('officer@beispielheim.test', /Choose the open procedure/);
      expect(mail.text).toContain('Result: adopted, "Open procedure"');
      expect(mail.text).toContain(`https://consortio.example/consortia/${id}/decisions`);
    }, 90_000);

    it('keeps outsiders out of the live channel', async () => {
      const id = await pair('Private channel group');
      const socket: Socket = io(`${api.url}/events`, {
        parser: SOCKET_PARSER,
        transports: ['websocket'],
        auth: { token: eva.token },
        reconnection: false,
      });
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      const ack = await new Promise<SubscribeAck>((done) =>
        socket.emit('subscribe', { channel: `consortium.${id}` }, done),
      );
      socket.close();
      expect(ack).toEqual({ ok: false, error: `not allowed to subscribe to consortium.${id}` });
    });
  });

  describe('discovery and advice', () => {
    it('finds municipalities by need and ranks those near you with the same need first', async () => {
      const id = await pair('Discovery group');
      await submitNeed(lukas, id, need('34144900-7', '50000'));
      const lighting = await createConsortium(eva, 'Discovery lighting');
      await submitNeed(eva, lighting.id, need('34144900-7', '1000'));
      await submitNeed(anna, id, need('34144900-7', '1000'));

      const byNeed = await call<Page<MunicipalityMatchView>>(anna, 'GET', '/municipalities?cpv=34144&pageSize=100');
      const names = byNeed.body.items.map((item) => item.name);
      expect(names).toEqual(expect.arrayContaining(['Markt Beispielheim', 'Marktgemeinde Demoing']));
      expect(names).not.toContain('Gemeinde Musterstadt');
      expect(byNeed.body.items.find((item) => item.name === 'Markt Beispielheim')?.cpvCodes).toEqual(['34144900-7']);
      const bavarian = await call<Page<MunicipalityMatchView>>(
        anna,
        'GET',
        '/municipalities?cpv=34144&nuts=DE21&pageSize=100',
      );
      expect(bavarian.body.items.map((item) => item.name)).toEqual(['Markt Beispielheim']);

      const near = await call<Page<MunicipalityMatchView>>(anna, 'GET', '/municipalities/near-me');
      // Both share the electric vehicles; Beispielheim, in the next district, shares the NUTS 2 region too.
      expect(near.body.items[0]).toMatchObject({ name: 'Markt Beispielheim', score: { region: 3 } });
      const demoing = near.body.items.find((item) => item.name === 'Marktgemeinde Demoing');
      expect(demoing?.score?.region).toBe(0);
      expect(demoing?.score?.cpv).toBeGreaterThanOrEqual(5);
      expect((await call(nora, 'GET', '/municipalities?cpv=34')).status).toBe(403);
    });

    it('recommends a procedure with its article and keeps the dated thresholds editable by administrators', async () => {
      const advice = await call<{ procedure: string; article: string }>(null, 'POST', '/procedure-advice', {
        specifiable: true,
        onMarket: false,
        researchNeeded: true,
        complexOrRisky: true,
      });
      expect(advice.body).toMatchObject({ procedure: 'innovation-partnership', article: 'Art. 31' });
      expect((await call<ProblemDetails>(null, 'POST', '/procedure-advice', { specifiable: 'yes' })).status).toBe(400);

      const table = await call<ThresholdPeriodView[]>(null, 'GET', '/thresholds');
      expect(table.body.find((period) => period.from === '2026-01-01')).toMatchObject({
        suppliesServicesSubCentral: '216000.00',
        works: '5404000.00',
        suppliesServicesCentral: '140000.00',
        utilitiesSuppliesServices: '432000.00',
      });
      const figures = {
        source: 'Delegated Regulation (EU) 2027/0000 (test)',
        works: '5500000',
        suppliesServicesSubCentral: '220000',
        suppliesServicesCentral: '143000',
        socialServices: '750000',
        utilitiesSuppliesServices: '440000',
      };
      expect((await call(anna, 'PUT', '/thresholds/2030-01-01', figures)).status).toBe(403);
      expect((await call(admin, 'PUT', '/thresholds/2026-01-01', figures)).status).toBe(409);
      expect((await call(admin, 'PUT', '/thresholds/2030-13-01', figures)).status).toBe(400);
      const added = await call<ThresholdPeriodView[]>(admin, 'PUT', '/thresholds/2030-01-01', figures);
      expect(added.body.map((period) => period.from)).toEqual(['2024-01-01', '2026-01-01', '2030-01-01']);
    });
  });
});
