import type { Page } from 'playwright-core';
import type { ConsortiumView, SpecificationVersionView } from '@consortio/shared/contracts';
import { apiClient, consortiumWith, submitNeed } from '../support/api-client';
import { signedInPage } from '../support/browser';
import { useWebPlatform } from '../support/web-platform';
import { createSpecification } from '../support/collab';
import { type SignedIn, signIn } from '../support/sessions';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The tender journey in Chromium: from a consortium's pooled demand to a published tender with
 * two lots, an open call with a supplier's question answered to all, evaluation and award per lot, a contract, a pilot with a KPI, and a replication by a
 * consortium in another region, found through the good-practice case, that shows in the lineage; from the lineage form a copy into
 * another consortium, asked once on a double click, and a second one there refused. What other journeys and black-box tests cover
 * through the UI (needs, agreement signatures, section approvals) is set up through the api here, and each such step says so.
 */
describe('a tender from pooled demand to a replicated pilot, in the browser', () => {
  const platform = useWebPlatform();
  let anna: SignedIn;
  let lukas: SignedIn;
  let eva: SignedIn;
  let consortiumId: string;

  const { ok } = apiClient(() => platform.api.url);

  beforeAll(async () => {
    [anna, lukas, eva] = await Promise.all(
      ['officer@musterstadt.test', 'officer@beispielheim.test', 'officer@demoing.test'].map((email) =>
        signIn(platform.api.url, email),
      ),
    );
    // A consortium of two towns with pooled needs in two CPV groups (the consortia journeys cover this in the UI).
    consortiumId = await consortiumWith(ok, anna, 'Journey towns', [[lukas, 'member']]);
    await submitNeed(ok, anna, consortiumId, '34144900-7', '120000.00');
    await submitNeed(ok, lukas, consortiumId, '34144900-7', '80000.00');
    await submitNeed(ok, anna, consortiumId, '31500000-1', '15000.00');
    await ok(anna, 'POST', `/consortia/${consortiumId}/lots/suggest`, {});
  });

  const current = (page: Page) => page.getByTestId('stage-bar').locator('[aria-current="step"]');
  async function moveTo(page: Page, stage: string, label: string): Promise<void> {
    await page.getByTestId(`next-${stage}`).getByRole('button').click();
    await current(page).getByText(label).waitFor();
  }
  async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option }).click();
  }

  it('runs the procedure lot by lot and follows the solution into another region', async () => {
    const { page } = await signedInPage(platform.browser, platform.api.url, 'officer@musterstadt.test');

    // From the pooled demand: the two lots with their needs become the tender's lots.
    await page.goto(`${platform.api.url}/consortia/${consortiumId}/tenders`);
    await page.getByTestId('tender-new-title').fill('E-vans and depot lighting for two towns');
    await page.getByTestId('tender-create').click();
    await page.waitForURL(/\/tenders\/[0-9a-f-]{36}$/);
    await page.getByTestId('tender-title').waitFor();
    expect(await page.getByTestId('lots').locator('tbody tr').count()).toBe(2);

    // Award criteria typed in: price, quality, sustainability, innovation; the innovative example wins.
    for (let row = 0; row < 4; row += 1) await page.getByTestId('criterion-add').click();
    const criteria = [
      ['Price', 'Price', '40'],
      ['Quality', 'Range and service', '30'],
      ['Sustainability', 'Battery recycling', '20'],
      ['Innovation', 'Smart charging', '10'],
    ];
    for (const [index, [kind, name, weight]] of criteria.entries()) {
      await page.getByTestId('criteria').locator('.criterion').nth(index).locator('mat-select').click();
      await page.getByRole('option', { name: kind, exact: true }).click();
      await page.getByTestId(`criterion-name-${index}`).fill(name);
      await page.getByTestId(`criterion-weight-${index}`).fill(weight);
    }
    await page.getByTestId('weights-preview').getByText('the innovative tender wins').waitFor();
    await page.getByTestId('criteria-save').click();
    await page.getByTestId('criteria-total').getByText('Total: 100 %').waitFor();

    await moveTo(page, 'market-consultation', 'Market consultation');
    await moveTo(page, 'specification', 'Specification');

    // The specification version both towns approved, section by section, and the signed agreement
    // (covered in the UI by the co-editing and consortia journeys).
    const spec = await createSpecification(platform.api.url, anna, consortiumId, 'Journey specification');
    await ok<SpecificationVersionView>(
      anna,
      'POST',
      `/specifications/${spec.id}/versions`,
      {
        label: 'For publication',
      },
      201,
    );
    for (const who of [anna, lukas]) {
      await ok(
        who,
        'POST',
        `/consortia/${consortiumId}/agreement/signatures`,
        {
          councilDecisionRef: 'Council 2026/11',
        },
        201,
      );
      for (const section of spec.sections)
        await ok(who, 'PUT', `/specifications/${spec.id}/sections/${section.id}/approval`);
    }
    await page.reload();
    await choose(page, 'tender-version', /For publication/);
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByTestId('version-approval').getByText('Approved by every participant').waitFor();
    await moveTo(page, 'approval', 'Approval');
    await moveTo(page, 'published', 'Published');

    // An open call for the published tender: a supplier asks, the towns answer to every supplier,
    // and another supplier reads the answer without learning who asked.
    await page.getByTestId('open-call-new').click();
    await page.getByTestId('open-call-title').fill('Call for tenders: e-vans and depot lighting');
    await page.getByTestId('open-call-summary').fill('Two lots: electric vans, and LED lighting for the depot.');
    await page.getByTestId('open-call-create-submit').click();
    const callRow = page.getByTestId('tender-open-call').first();
    await callRow.getByTestId('publish-call').click();
    await callRow.getByTestId('publish-call').waitFor({ state: 'detached' });
    const callId = (await callRow.getAttribute('data-call')) ?? '';
    const question = 'May the vans be delivered in two batches?';
    const nora = (await signedInPage(platform.browser, platform.api.url, 'sales@smartgrid.test')).page;
    await nora.goto(`${platform.api.url}/open-calls/${callId}`);
    await nora.getByTestId('register-call').click();
    await nora.getByTestId('question-text').fill(question);
    await nora.getByTestId('question-submit').click();
    await nora.getByTestId('question-sent').waitFor();
    const lead = (await signedInPage(platform.browser, platform.api.url, 'officer@musterstadt.test')).page;
    await lead.goto(`${platform.api.url}/open-calls/${callId}/manage`);
    const asked = lead.getByTestId('manage-question').filter({ hasText: question });
    await asked.getByTestId('answer-text').fill('Yes, in two batches at most eight weeks apart.');
    await asked.getByTestId('answer-submit').click();
    await asked.getByText('Published to every supplier').waitFor();
    const jakob = (await signedInPage(platform.browser, platform.api.url, 'bids@alpen-efahrzeuge.test')).page;
    await jakob.goto(`${platform.api.url}/open-calls/${callId}`);
    await jakob
      .getByTestId('published-answer')
      .filter({ hasText: question })
      .getByText('at most eight weeks apart')
      .waitFor();
    expect(await jakob.locator('body').textContent()).not.toContain('Smart Grid');

    // The time limit has passed: evaluation opens.
    const passed = new Date(Date.now() - 3_600_000);
    const local = new Date(passed.getTime() - passed.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Time limit for receipt of tenders').fill(local);
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByTestId('next-evaluation').getByRole('button').and(page.locator(':enabled')).waitFor();
    await moveTo(page, 'evaluation', 'Evaluation');

    // Each lot: two bidders scored, the ranking from the weights, the award to the winner.
    const bids = {
      1: [
        ['Lumen Basic GmbH', '12000', { quality: '50', sustainability: '50', innovation: '30' }],
        ['Smart Light AG', '13500', { quality: '90', sustainability: '85', innovation: '95' }],
      ],
      2: [
        ['Cheap Vans GmbH', '150000', { quality: '40', sustainability: '40', innovation: '40' }],
        ['Innovative Mobility AG', '190000', { quality: '95', sustainability: '90', innovation: '95' }],
      ],
    } as const;
    for (const lot of [1, 2] as const) {
      for (const [index, [name, price, scores]] of bids[lot].entries()) {
        await page.getByTestId(`bidder-${lot}-${index}`).fill(name);
        await page.getByTestId(`price-${lot}-${index}`).fill(price);
        for (const [kind, score] of Object.entries(scores))
          await page.getByTestId(`score-${lot}-${index}-${kind}`).fill(score);
      }
      await page.getByTestId(`evaluation-save-${lot}`).click();
      const ranking = page.getByTestId(`ranking-${lot}`);
      await ranking.waitFor();
      expect(await ranking.locator('tbody tr').first().textContent()).toContain(bids[lot][1][0]);
      await page.getByTestId(`award-value-${lot}`).fill(bids[lot][1][1]);
      await page.getByTestId(`award-submit-${lot}`).click();
      await page.getByTestId(`award-${lot}`).getByText(bids[lot][1][0]).waitFor();
    }
    // Savings against the towns' own budgets: 15,000 + 200,000 budgeted, 203,500 awarded.
    await page.getByTestId('savings').locator('tfoot').getByText('11500.00').waitFor();

    await moveTo(page, 'awarded', 'Awarded');
    await page.getByTestId('contract-signed-on').fill(day(-1));
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByTestId('next-contract-signed').getByRole('button').and(page.locator(':enabled')).waitFor();
    await moveTo(page, 'contract-signed', 'Contract signed');

    // The pilot: a site in Musterstadt, then a KPI with last month's value, charted and tabled.
    await page.getByTestId('site-name').fill('Depot Nord');
    await choose(page, 'site-organisation', 'Gemeinde Musterstadt');
    await page.getByTestId('site-live').fill(day(-1));
    await page.getByTestId('site-add').click();
    await page.getByTestId('sites').getByText('Depot Nord').waitFor();
    await moveTo(page, 'pilot', 'Pilot');
    await page.getByTestId('kpi-name').fill('Diesel saved');
    await page.getByTestId('kpi-unit').fill('l');
    await page.getByTestId('kpi-baseline').fill('0');
    await page.getByTestId('kpi-target').fill('12000');
    await page.getByTestId('kpi-add').click();
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    await page.getByTestId('kpi-period-Diesel saved').fill(lastMonth);
    await page.getByTestId('kpi-value-Diesel saved').fill('950');
    await page.getByTestId('kpi-enter-Diesel saved').click();
    const kpiRow = page.getByTestId('kpi-table-Diesel saved').locator('tbody tr').filter({ hasText: lastMonth });
    await kpiRow.getByText('950').waitFor();

    // The pilot's results, a city-wide site, then the region; the finished tender becomes a case.
    await page.getByTestId('pilot-summary').fill('Diesel use down by a third on the pilot routes.');
    await page.getByTestId('pilot-save').click();
    await page.getByTestId('pilot-evaluation').getByText('Successful').waitFor();
    await moveTo(page, 'city-rollout', 'City roll-out');
    await page.getByTestId('site-name').fill('Whole fleet of Musterstadt');
    await choose(page, 'site-organisation', 'Gemeinde Musterstadt');
    await choose(page, 'site-stage', 'Whole city');
    await page.getByTestId('site-live').fill(day(-1));
    await page.getByTestId('site-add').click();
    await page.getByTestId('sites').getByText('Whole fleet of Musterstadt').waitFor();
    await moveTo(page, 'regional-scaleup', 'Regional scale-up');
    await moveTo(page, 'closed', 'Closed');
    await page.getByTestId('good-practice-title').fill('Two towns electrify their vans and depot');
    await page.getByTestId('good-practice-summary').fill('Electric vans and LED depot lighting bought together.');
    await page.getByTestId('good-practice-lessons').fill('Score innovation: the better vans won on quality.');
    await page.getByTestId('good-practice-submit').click();
    await page.getByTestId('good-practice-published').waitFor();

    // A consortium in another region (Demoing, AT312; formed through the api, as the consortia
    // journeys show in the UI) finds the case in the library and copies the tender.
    const theirs = await ok<ConsortiumView>(
      eva,
      'POST',
      '/consortia',
      { name: 'Innviertel e-mobility', domain: 'mobility', listedPublicly: true },
      201,
    );
    const evaPage = (await signedInPage(platform.browser, platform.api.url, 'officer@demoing.test')).page;
    await evaPage.goto(`${platform.api.url}/good-practice`);
    await evaPage.getByTestId('library-q').fill('electrify');
    await evaPage.getByTestId('library-submit').click();
    await evaPage.getByRole('link', { name: 'Two towns electrify their vans and depot' }).click();
    await evaPage.getByTestId('case-title').waitFor();
    await choose(evaPage, 'copy-into', theirs.name);
    await evaPage.getByTestId('copy-tender').click();
    await evaPage.waitForURL(/\/tenders\/[0-9a-f-]{36}$/);
    await evaPage.getByTestId('tender-title').getByText('E-vans and depot lighting for two towns').waitFor();

    // The lineage, on the original, shows the copy and its region.
    await page.reload();
    const lineage = page.getByTestId('lineage');
    await lineage.getByText('Innviertel e-mobility', { exact: false }).waitFor();
    expect(await lineage.textContent()).toContain('AT312');

    // The lineage form on the original: Anna copies it into another of her consortia, asked once
    // however often the button is pressed; a second copy there, while the first runs, is refused
    // and the refusal names it.
    const original = page.url();
    const replications: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/replications')) replications.push(request.url());
    });
    await choose(page, 'replicate-into', 'E-Mobilität Oberbayern');
    await page.getByTestId('replicate').dblclick();
    await page.waitForURL((url) => url.href !== original && /\/tenders\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('tender-title').getByText('E-vans and depot lighting for two towns').waitFor();
    expect(replications).toHaveLength(1);
    await page.goto(original);
    await choose(page, 'replicate-into', 'E-Mobilität Oberbayern');
    await page.getByTestId('replicate').click();
    const refusal = page.getByRole('alert').filter({ hasText: 'already runs a copy of this tender' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('E-vans and depot lighting for two towns');
    expect(replications).toHaveLength(2);
    expect(await page.getByTestId('replicate').isEnabled()).toBe(true);
  });
});
