import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PooledDemandView } from '@consortio/shared/contracts';
import { launchChromium, signedInPage } from '../support/browser';
import { type ApiProcess, type PlatformProcess, ROOT, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, signIn } from '../support/sessions';

/**
 * Two municipalities form a consortium in Chromium: Musterstadt starts it and invites
 * Beispielheim, both enter and submit needs, the lead arranges the lots, both sign the
 * agreement, a vote closes at its deadline, and the pooled demand and cost shares on screen are
 * the api's.
 */
describe('forming a consortium in the browser', () => {
  let api: ApiProcess;
  let worker: PlatformProcess;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi(platformEnv({ WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser') }));
    worker = startWorker(platformEnv({ PUBLIC_URL: api.url }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const signedIn = async (email: string): Promise<Page> => (await signedInPage(browser, api.url, email)).page;

  async function addNeed(
    page: Page,
    need: { search: string; code: string; title: string; quantity: string; unit: string; budget: string },
  ): Promise<void> {
    await page.getByTestId('cpv-input').fill(need.search);
    await page.getByTestId('cpv-option').filter({ hasText: need.code }).click();
    await page.getByTestId('need-title').fill(need.title);
    await page.getByTestId('need-quantity').fill(need.quantity);
    await page.getByTestId('need-unit').fill(need.unit);
    await page.getByTestId('need-budget').fill(need.budget);
    await page.getByTestId('need-save').click();
    const row = page.locator(`[data-testid="my-need-row"][data-title="${need.title}"]`);
    await row.and(page.locator('[data-status="draft"]')).waitFor();
    await row.getByTestId('need-submit').click();
    await row.and(page.locator('[data-status="submitted"]')).waitFor();
  }

  it('forms, pools, signs and votes, and shows what the api computes', async () => {
    const name = `Street lighting E2E ${Date.now()}`;
    const anna = await signedIn('officer@musterstadt.test');
    await anna.goto(`${api.url}/consortia`);
    await anna.getByTestId('create-name').fill(name);
    await anna.getByTestId('create-domain').selectOption('energy');
    await anna.getByTestId('create-submit').click();
    await anna.getByTestId('consortium-name').getByText(name).waitFor();
    const id = /consortia\/([0-9a-f-]{36})/.exec(anna.url())?.[1] ?? '';
    expect(id).toHaveLength(36);

    // The lead invites Beispielheim by name.
    await anna.getByTestId('invite-query').fill('Beispielheim');
    await anna.getByTestId('invite-find').click();
    await anna.locator('[data-testid="invite-candidate"][data-name="Markt Beispielheim"]').click();
    await anna.getByTestId('overview-result').getByText('Markt Beispielheim is invited.').waitFor();

    // Beispielheim accepts from its list of invitations.
    const lukas = await signedIn('officer@beispielheim.test');
    await lukas.goto(`${api.url}/consortia`);
    await lukas
      .locator(`[data-testid="application"][data-consortium="${name}"]`)
      .getByTestId('application-accept')
      .click();
    await lukas.getByTestId('consortia-result').waitFor();
    await lukas.goto(`${api.url}/consortia/${id}/needs`);
    await lukas.getByTestId('my-role').getByText('Member').waitFor();

    // Both enter needs with the CPV type-ahead and submit them.
    await addNeed(lukas, {
      search: 'solar pan',
      code: '09331000-8',
      title: 'Solar panels on the town hall',
      quantity: '40',
      unit: 'panels',
      budget: '36000',
    });
    await anna.getByTestId('tab-needs').click();
    await addNeed(anna, {
      search: 'lighting equip',
      code: '31500000-1',
      title: 'LED street lights',
      quantity: '120',
      unit: 'luminaires',
      budget: '144000.50',
    });
    await anna.locator('[data-testid="need-row"][data-title="Solar panels on the town hall"]').waitFor();

    // The lead has lots suggested by CPV group, then moves the solar panels into the lighting lot.
    await anna.getByTestId('tab-pooled-demand').click();
    await anna.getByTestId('suggest-lots').click();
    await anna.getByTestId('pooled-result').getByText('2 lots made, 2 needs placed.').waitFor();
    await anna.locator('[data-testid="lot"]').nth(1).waitFor();
    const lightingLot = anna.locator('[data-testid="lot"]', { hasText: 'Lighting equipment' });
    const lotNumber = await lightingLot.getAttribute('data-number');
    await anna
      .locator('[data-testid="placement-row"][data-title="Solar panels on the town hall"]')
      .getByTestId('move-need')
      .selectOption({ label: `${lotNumber}. Lighting equipment and electric lamps` });
    await anna.getByTestId('pooled-result').getByText('Solar panels on the town hall moved to').waitFor();
    await anna.locator(`[data-testid="lot"][data-number="${lotNumber}"][data-value="180000.50"]`).waitFor();

    // Both sign the agreement, citing their council decisions.
    for (const [page, reference] of [
      [anna, 'GR Musterstadt 2026/088'],
      [lukas, 'MGR Beispielheim 2026/31'],
    ] as const) {
      await page.goto(`${api.url}/consortia/${id}/agreement`);
      await page.getByTestId('council-ref').fill(reference);
      await page.getByTestId('sign').click();
      await page.getByTestId('agreement-result').waitFor();
    }
    await lukas.locator('[data-testid="agreement-state"][data-fully-signed="true"]').waitFor();

    // A vote that closes by itself at its deadline, seen live by both.
    await anna.goto(`${api.url}/consortia/${id}/decisions`);
    const deadline = new Date(Date.now() + 45_000).toISOString().slice(0, 19);
    await anna.getByTestId('decision-kind').selectOption('tender-purpose');
    await anna.getByTestId('decision-title').fill('Approve the purpose of the joint tender');
    await anna.getByTestId('decision-quorum').fill('100');
    await anna.getByTestId('decision-deadline').fill(deadline);
    await anna.getByTestId('propose').click();
    await anna.getByTestId('decisions-result').waitFor();
    await lukas.goto(`${api.url}/consortia/${id}/decisions`);
    for (const page of [anna, lukas]) {
      await page
        .locator('[data-testid="decision"][data-status="open"] [data-testid="vote"][data-option="Yes"]')
        .click();
      await page.getByTestId('decisions-result').getByText('Your organisation voted for Yes.').waitFor();
    }
    for (const page of [anna, lukas]) {
      await page
        .locator(
          '[data-testid="decision"][data-status="closed"] [data-testid="decision-outcome"][data-outcome="adopted"]',
        )
        .waitFor({ timeout: 75_000 });
    }

    // What the screen shows is what the api computes.
    const session = await signIn(api.url, 'officer@musterstadt.test');
    const demand = (await (
      await as(session, api.url, `/api/v1/consortia/${id}/pooled-demand`)
    ).json()) as PooledDemandView;
    await anna.goto(`${api.url}/consortia/${id}/pooled-demand`);
    await anna
      .getByTestId('pooled-total')
      .and(anna.locator(`[data-amount="${demand.total}"]`))
      .waitFor();
    expect(demand.total).toBe('180000.50');
    const shown = await anna
      .getByTestId('share-amount')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount')));
    expect(shown).toEqual(demand.costShares.map((share) => share.amount));
    expect(demand.costShares.map((share) => share.amount)).toEqual(['90000.25', '90000.25']);
    await anna.getByTestId('threshold-verdict').getByText('Below the EU threshold').waitFor();
    await anna.context().close();
    await lukas.context().close();
  }, 240_000);
});
