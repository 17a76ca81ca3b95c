import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type {
  ConsortiumApplicationView,
  ConsortiumView,
  GoodPracticePage,
  GoodPracticeView,
  NeedView,
  ProblemDetails,
  TenderGoodPracticeView,
  TenderView,
} from '@consortio/shared/contracts';
import { type ApiProcess, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { type SignedIn, signIn } from '../support/sessions';
import { apiClient } from '../support/api-client';

/**
 * The good-practice library through the built api: a finished tender published as a case by its
 * consortium (refused before it is closed, or when it closed without a contract), its KPIs and
 * savings kept as they stood, the public search (German and English words, CPV prefix, domain,
 * procedure, country, paging, facets, highlighted passages), changes and withdrawal by the lead.
 *
 * The tenders are started through the api, but taken to `closed` after a signed contract in SQL:
 * the api path there (evaluation, award, contract, pilot, city and regional rollout, each with its
 * guard) is covered end to end by tender-outcomes.test.ts and would only repeat it here.
 */
describe('good-practice library', () => {
  let api: ApiProcess;
  let db: Client;
  let anna: SignedIn; // procurement officer, Gemeinde Musterstadt (DE): lead of the energy group
  let lukas: SignedIn; // procurement officer, Markt Beispielheim (DE): member of the energy group
  let tobias: SignedIn; // viewer, Gemeinde Musterstadt: reads, never writes
  let eva: SignedIn; // procurement officer, Marktgemeinde Demoing (AT): outsider, then leads a mobility group
  let lighting: TenderView; // the energy group's tender, closed after a contract
  let cancelled: TenderView; // the energy group's second tender, closed before any contract
  let vehicles: TenderView; // the mobility group's tender, closed after a contract
  let energyGroup: ConsortiumView;
  // A word no other test writes, so that searches and facet counts see only this file's cases.
  const tag = `gp${Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
  const org = (who: SignedIn) => who.user.memberships[0].organisationId;

  const { call, ok } = apiClient(() => api.url);

  const problem = (who: SignedIn | null, method: string, path: string, json?: unknown) =>
    call<ProblemDetails>(who, method, path, json);
  const fields = (answer: { body: ProblemDetails }) => answer.body.errors?.map((error) => error.field).sort();
  const search = (query: string) => ok<GoodPracticePage>(null, 'GET', `/good-practice?${query}`);
  const titles = (page: GoodPracticePage) => page.items.map((item) => item.title);

  async function startTender(
    lead: SignedIn,
    consortiumId: string,
    title: string,
    procedureType: string,
    needs: [SignedIn, string, string][],
  ): Promise<TenderView> {
    for (const [who, cpvCode, budget] of needs) {
      const need = await ok<NeedView>(
        who,
        'POST',
        `/consortia/${consortiumId}/needs`,
        { cpvCode, title: `Need ${cpvCode}`, quantity: '1', unit: 'pcs', budget, priority: 'must' },
        201,
      );
      await ok(who, 'POST', `/consortia/${consortiumId}/needs/${need.id}/status`, { status: 'submitted' });
    }
    await ok(lead, 'POST', `/consortia/${consortiumId}/lots/suggest`, {});
    return ok<TenderView>(lead, 'POST', `/consortia/${consortiumId}/tenders`, { title, procedureType }, 201);
  }

  /** Closed after a signed contract, each lot awarded below its estimate, with KPIs reported by each participant. */
  async function closeAfterContract(tender: TenderView, participants: SignedIn[]): Promise<void> {
    const stages = [
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
    await db.query(
      `INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, organisation_id, changed_at)
       SELECT $1, previous, stage, $2, now() - (20 - n) * interval '1 day'
         FROM (SELECT stage, n, lag(stage) OVER (ORDER BY n) AS previous
                 FROM unnest($3::text[]) WITH ORDINALITY AS s (stage, n)) AS history
        WHERE n > 1`,
      [tender.id, org(participants[0]), stages],
    );
    await db.query(
      `UPDATE tenders SET stage = 'closed', stage_changed_at = now(), contract_signed_on = current_date - 15
        WHERE id = $1`,
      [tender.id],
    );
    // Each lot awarded at 90 % of its estimated value: 10 % saved against the members' budgets.
    await db.query(
      `INSERT INTO tender_lot_awards (lot_id, tender_id, supplier_name, value, awarded_on)
       SELECT id, tender_id, 'Winning Supplier GmbH', round(value * 0.9, 2), current_date - 16
         FROM tender_lots WHERE tender_id = $1`,
      [tender.id],
    );
    const [{ id: kwh }] = (
      await db.query<{ id: string }>(
        `INSERT INTO tender_kpis (tender_id, name, unit, baseline, target) VALUES ($1, 'Electricity saved', 'kWh', 0, 50000)
         RETURNING id`,
        [tender.id],
      )
    ).rows;
    const [{ id: share }] = (
      await db.query<{ id: string }>(
        `INSERT INTO tender_kpis (tender_id, name, unit, baseline, target) VALUES ($1, 'Share dimmed', '%', 0, 100)
         RETURNING id`,
        [tender.id],
      )
    ).rows;
    for (const [index, who] of participants.entries()) {
      await db.query(
        `INSERT INTO tender_kpi_values (kpi_id, period, period_start, organisation_id, value) VALUES
           ($1, '2025-Q3', '2025-07-01', $3, 10000), ($1, '2025-Q4', '2025-10-01', $3, $4),
           ($2, '2025-Q4', '2025-10-01', $3, $5)`,
        [kwh, share, org(who), 20000 + index * 5000, 100 - index * 20],
      );
    }
  }

  beforeAll(async () => {
    api = await startApi(platformEnv());
    db = new Client({ connectionString: process.env['DATABASE_URL'] });
    await db.connect();
    [anna, lukas, tobias, eva] = await Promise.all(
      ['officer@musterstadt.test', 'officer@beispielheim.test', 'viewer@musterstadt.test', 'officer@demoing.test'].map(
        (email) => signIn(api.url, email),
      ),
    );
    energyGroup = await ok<ConsortiumView>(
      anna,
      'POST',
      '/consortia',
      { name: 'Good-practice black-box group', domain: 'energy', listedPublicly: false },
      201,
    );
    const invitation = await ok<ConsortiumApplicationView>(
      anna,
      'POST',
      `/consortia/${energyGroup.id}/invitations`,
      { organisationId: org(lukas), role: 'member' },
      201,
    );
    await ok(lukas, 'POST', `/consortia/${energyGroup.id}/applications/${invitation.id}`, { decision: 'accept' });
    lighting = await startTender(anna, energyGroup.id, 'LED road lights', 'open', [
      [anna, '31500000-1', '100000.00'],
      [lukas, '31500000-1', '60000.00'],
    ]);
    cancelled = await ok<TenderView>(
      anna,
      'POST',
      `/consortia/${energyGroup.id}/tenders`,
      { title: 'Cancelled lighting round', procedureType: 'open' },
      201,
    );
    const mobility = await ok<ConsortiumView>(
      eva,
      'POST',
      '/consortia',
      { name: 'Good-practice mobility group', domain: 'mobility', listedPublicly: false },
      201,
    );
    vehicles = await startTender(eva, mobility.id, 'Electric vans', 'restricted', [[eva, '34144900-7', '90000.00']]);
  });

  afterAll(async () => {
    await db?.end();
    await api?.stop();
  });

  const lightingCase = () => ({
    title: `Retrofit of road lights with LED ${tag}`,
    summary: `Musterstadt and Beispielheim bought 300 LED luminaires with remote dimming for their roads. Die alten Straßenleuchten verbrauchten dreimal so viel Strom. ${tag}`,
    lessons: 'Ask for the life-cycle cost, and pilot one street first.',
  });

  describe('publishing', () => {
    it('refuses a tender that is not closed yet, with the reason (409), and says so on the tender', async () => {
      const early = await problem(anna, 'POST', `/tenders/${lighting.id}/good-practice`, lightingCase());
      expect(early.status).toBe(409);
      expect(early.body.detail).toBe(
        'A tender is shared as good practice once it is closed, so that the case shows what the solution achieved; this one is at needs-assessment.',
      );
      const status = await ok<TenderGoodPracticeView>(anna, 'GET', `/tenders/${lighting.id}/good-practice`);
      expect(status).toEqual({
        tenderId: lighting.id,
        case: null,
        publishRefusal: early.body.detail,
        publishRefusalReason: 'not-closed',
        mayEdit: true,
        mayWithdraw: true,
      });
      expect(
        (await ok<TenderGoodPracticeView>(lukas, 'GET', `/tenders/${lighting.id}/good-practice`)).mayWithdraw,
      ).toBe(false);
    });

    it('refuses a tender closed before any contract: it has no outcome to show', async () => {
      await ok(anna, 'POST', `/tenders/${cancelled.id}/transitions`, {
        to: 'closed',
        reason: 'Cancelled: the council withdrew the budget.',
      });
      const refused = await problem(anna, 'POST', `/tenders/${cancelled.id}/good-practice`, lightingCase());
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toBe(
        'This tender was closed without a signed contract, so there is no outcome to share as good practice.',
      );
    });

    it('refuses bad input naming each field, outsiders (403) and people who only read (403)', async () => {
      await closeAfterContract(lighting, [anna, lukas]);
      const bad = await problem(anna, 'POST', `/tenders/${lighting.id}/good-practice`, {
        title: 'x',
        summary: '   ',
        lessons: 'Bad\u0002mark',
        outcome: 'great',
      });
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(['lessons', 'outcome', 'summary', 'title']);
      expect(bad.body.errors?.find((error) => error.field === 'lessons')?.message).toBe(
        'lessons must not contain control characters',
      );
      const outsider = await problem(eva, 'POST', `/tenders/${lighting.id}/good-practice`, lightingCase());
      expect(outsider.status).toBe(403);
      expect(outsider.body.detail).toBe('Only members of Good-practice black-box group can open its tenders.');
      const viewer = await problem(tobias, 'POST', `/tenders/${lighting.id}/good-practice`, lightingCase());
      expect(viewer.status).toBe(403);
      expect((await problem(eva, 'GET', `/tenders/${lighting.id}/good-practice`)).status).toBe(403);
      expect((await problem(null, 'POST', `/tenders/${lighting.id}/good-practice`, lightingCase())).status).toBe(401);
    });

    it('publishes a closed, contracted tender (a member may), keeping its KPIs, savings and facts as they stand', async () => {
      const published = await ok<GoodPracticeView>(
        lukas,
        'POST',
        `/tenders/${lighting.id}/good-practice`,
        lightingCase(),
        201,
      );
      expect(published).toMatchObject({
        title: lightingCase().title,
        consortiumName: 'Good-practice black-box group',
        domain: 'energy',
        procedureType: 'open',
        cpvCodes: ['31500000-1'],
        countries: ['DE'],
        participants: [
          { name: 'Gemeinde Musterstadt', country: 'DE' },
          { name: 'Markt Beispielheim', country: 'DE' },
        ],
        publishedBy: 'Markt Beispielheim',
        tenderId: lighting.id,
      });
      expect(published.contractSignedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // kWh add up over the participants of the last period; a share in % is their mean.
      expect(published.kpis).toEqual([
        {
          name: 'Electricity saved',
          unit: 'kWh',
          baseline: 0,
          target: 50000,
          actual: { period: '2025-Q4', value: 45000, reports: 2 },
        },
        {
          name: 'Share dimmed',
          unit: '%',
          baseline: 0,
          target: 100,
          actual: { period: '2025-Q4', value: 90, reports: 2 },
        },
      ]);
      expect(published.savings.total).toEqual({
        awardedLots: 1,
        estimated: '160000.00',
        awarded: '144000.00',
        saved: '16000.00',
        percent: 10,
      });
      // Later figures do not change the published case.
      await db.query(
        `UPDATE tender_kpi_values SET value = 1 WHERE kpi_id IN (SELECT id FROM tender_kpis WHERE tender_id = $1)`,
        [lighting.id],
      );
      const again = await problem(anna, 'POST', `/tenders/${lighting.id}/good-practice`, lightingCase());
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe(
        'This tender is already in the good-practice library: change that case, or withdraw it first.',
      );
      const status = await ok<TenderGoodPracticeView>(anna, 'GET', `/tenders/${lighting.id}/good-practice`);
      expect(status.case?.id).toBe(published.id);
      expect(status.case?.kpis[0].actual?.value).toBe(45000);
      expect(status.publishRefusal).toBe(again.body.detail);
      expect(status.publishRefusalReason).toBe('published');

      await closeAfterContract(vehicles, [eva]);
      await ok<GoodPracticeView>(
        eva,
        'POST',
        `/tenders/${vehicles.id}/good-practice`,
        {
          title: `Electric vans for the building yard ${tag}`,
          summary: `Demoing bought electric vans for its building yard and charges them with its own solar power. ${tag}`,
          lessons: 'Retrofit the depot wiring before the vans arrive; ask for battery warranties of eight years.',
        },
        201,
      );
    });
  });

  describe('the public library', () => {
    it('is read without signing in, and shows the tender only to members of its consortium', async () => {
      const page = await search(`q=${tag}`);
      expect(page.total).toBe(2);
      const id = page.items.find((item) => item.domain === 'energy')?.id ?? '';
      const anonymous = await ok<GoodPracticeView>(null, 'GET', `/good-practice/${id}`);
      expect(anonymous).toMatchObject({ title: lightingCase().title, tenderId: null, lessons: lightingCase().lessons });
      expect(anonymous.kpis.map((kpi) => [kpi.baseline, kpi.target, kpi.actual?.value])).toEqual([
        [0, 50000, 45000],
        [0, 100, 90],
      ]);
      expect((await ok<GoodPracticeView>(eva, 'GET', `/good-practice/${id}`)).tenderId).toBeNull();
      expect((await ok<GoodPracticeView>(tobias, 'GET', `/good-practice/${id}`)).tenderId).toBe(lighting.id);
      expect((await problem(null, 'GET', '/good-practice/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const malformed = await problem(null, 'GET', '/good-practice/not-an-id');
      expect(malformed.status).toBe(400);
    });

    it('finds English and German words in their other forms, marks them, and honours phrases and exclusions', async () => {
      // "luminaire" finds "luminaires" (English stem); "Straßenleuchte" finds "Straßenleuchten" (German stem).
      const english = await search(`q=${encodeURIComponent(`${tag} luminaire`)}`);
      expect(titles(english)).toEqual([lightingCase().title]);
      expect(english.items[0].highlight).toContainEqual({ text: 'luminaires', match: true });
      const german = await search(`q=${encodeURIComponent(`${tag} Straßenleuchte`)}`);
      expect(titles(german)).toEqual([lightingCase().title]);
      expect(german.items[0].highlight).toContainEqual({ text: 'Straßenleuchten', match: true });
      // The highlights are text, never markup: the passage reads as the summary does.
      expect(german.items[0].highlight.map((segment) => segment.text).join('')).toContain('Die alten Straßenleuchten');
      expect((await search(`q=${encodeURIComponent(`${tag} "solar power"`)}`)).total).toBe(1);
      expect((await search(`q=${encodeURIComponent(`${tag} "power solar"`)}`)).total).toBe(0);
      expect(titles(await search(`q=${encodeURIComponent(`${tag} -vans`)}`))).toEqual([lightingCase().title]);
    });

    it('ranks by relevance with a search (title before lessons), newest first without one', async () => {
      const ranked = await search(`q=${encodeURIComponent(`${tag} retrofit`)}`);
      expect(titles(ranked)).toEqual([lightingCase().title, `Electric vans for the building yard ${tag}`]);
      const newest = await search('pageSize=100');
      const mine = newest.items.filter((item) => item.title.endsWith(tag));
      expect(mine.map((item) => item.domain)).toEqual(['mobility', 'energy']);
      // Without a search, each item shows the beginning of its summary, unmarked.
      expect(mine[0].highlight).toEqual([
        {
          text: `Demoing bought electric vans for its building yard and charges them with its own solar power. ${tag}`,
          match: false,
        },
      ]);
    });

    it('filters by CPV prefix, domain, procedure and country', async () => {
      const only = async (query: string) => titles(await search(`q=${tag}&${query}`));
      const light = [lightingCase().title];
      const vans = [`Electric vans for the building yard ${tag}`];
      expect(await only('cpv=315')).toEqual(light);
      expect(await only('cpv=31500000-1')).toEqual(light);
      expect(await only('cpv=3414')).toEqual(vans);
      expect(await only('cpv=34100000')).toEqual(vans);
      expect(await only('cpv=45')).toEqual([]);
      expect(await only('domain=energy')).toEqual(light);
      expect(await only('domain=mobility')).toEqual(vans);
      expect(await only('procedure=restricted')).toEqual(vans);
      expect(await only('country=DE')).toEqual(light);
      expect(await only('country=at')).toEqual(vans);
      expect(await only('country=DE&domain=mobility')).toEqual([]);
    });

    it('counts each facet under the other filters, so the other choices keep their numbers', async () => {
      const all = await search(`q=${tag}`);
      expect(all.facets).toEqual({
        domains: [
          { value: 'energy', count: 1 },
          { value: 'mobility', count: 1 },
        ],
        procedures: [
          { value: 'open', count: 1 },
          { value: 'restricted', count: 1 },
        ],
        countries: [
          { value: 'AT', count: 1 },
          { value: 'DE', count: 1 },
        ],
      });
      const austria = await search(`q=${tag}&country=AT`);
      expect(austria.total).toBe(1);
      expect(austria.facets.countries).toEqual(all.facets.countries);
      expect(austria.facets.domains).toEqual([{ value: 'mobility', count: 1 }]);
      expect(austria.facets.procedures).toEqual([{ value: 'restricted', count: 1 }]);
    });

    it('pages', async () => {
      const first = await search(`q=${tag}&pageSize=1`);
      const second = await search(`q=${tag}&pageSize=1&page=2`);
      expect([first.total, first.items.length, second.total, second.items.length]).toEqual([2, 1, 2, 1]);
      expect(first.items[0].id).not.toBe(second.items[0].id);
      expect((await search(`q=${tag}&pageSize=1&page=3`)).items).toEqual([]);
    });

    it('answers bad filters with 400 naming each field', async () => {
      const bad = await problem(
        null,
        'GET',
        `/good-practice?q=${encodeURIComponent('--- !!')}&domain=space&cpv=34x&procedure=auction&country=Deutschland&pageSize=500`,
      );
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(['country', 'cpv', 'domain', 'pageSize', 'procedure', 'q']);
      expect(bad.body.errors?.find((error) => error.field === 'country')?.message).toBe(
        'country must be a two-letter country code such as DE or AT',
      );
      // Filters left empty are no filters.
      const empty = await search('q=%20&domain=&cpv=&procedure=&country=');
      expect(empty.total).toBe((await search('')).total);
      const unknown = await problem(null, 'GET', '/good-practice?sort=title');
      expect(unknown.status).toBe(400);
      expect(fields(unknown)).toEqual(['sort']);
    });
  });

  describe('changing and withdrawing', () => {
    it('changes the text (lead and members), searchable at once', async () => {
      const bad = await problem(lukas, 'PATCH', `/tenders/${lighting.id}/good-practice`, { title: 'x', lessons: null });
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(['lessons', 'title']);
      const changed = await ok<GoodPracticeView>(lukas, 'PATCH', `/tenders/${lighting.id}/good-practice`, {
        lessons: 'Ask for the life-cycle cost; the Gemeinderat decided within a week once the pilot figures were in.',
      });
      expect(changed.lessons).toMatch(/^Ask for the life-cycle cost; the Gemeinderat/);
      expect(changed.updatedAt > changed.publishedAt).toBe(true);
      expect(titles(await search(`q=${encodeURIComponent(`${tag} Gemeinderat`)}`))).toEqual([lightingCase().title]);
      expect(
        (await problem(eva, 'PATCH', `/tenders/${lighting.id}/good-practice`, { title: 'Taken over' })).status,
      ).toBe(403);
    });

    it('is withdrawn by the lead only, and is gone from the library', async () => {
      const member = await problem(lukas, 'DELETE', `/tenders/${lighting.id}/good-practice`);
      expect(member.status).toBe(403);
      expect(member.body.detail).toBe(
        'Only the lead organisation of Good-practice black-box group withdraws its case from the good-practice library.',
      );
      const [published] = (await search(`q=${tag}&domain=energy`)).items;
      expect((await call(anna, 'DELETE', `/tenders/${lighting.id}/good-practice`)).status).toBe(204);
      expect((await problem(null, 'GET', `/good-practice/${published.id}`)).status).toBe(404);
      expect(titles(await search(`q=${tag}`))).toEqual([`Electric vans for the building yard ${tag}`]);
      expect((await problem(anna, 'DELETE', `/tenders/${lighting.id}/good-practice`)).status).toBe(404);
      // Withdrawn, the tender may be published again.
      const status = await ok<TenderGoodPracticeView>(anna, 'GET', `/tenders/${lighting.id}/good-practice`);
      expect(status).toMatchObject({ case: null, publishRefusal: null, publishRefusalReason: null });
    });
  });
});
