import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { type ApiProcess, type PlatformProcess, ROOT, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';

const DEMO_CASE = /LED street lighting with remote dimming/;

/** Moves focus to `target` and presses a key, as someone tabbing through the page would. */
async function press(page: Page, testId: string, key: string): Promise<void> {
  await page.getByTestId(testId).focus();
  await page.keyboard.press(key);
}

/**
 * Someone without an account (a councillor from another town, say) uses the good-practice
 * library in Chromium, by keyboard: opens it from the navigation, searches a German word, narrows
 * the results to one country, and opens the demo case (Demoing's LED street lighting, from the
 * demo seed) to read its KPI table with baseline, target and latest actual.
 */
describe('the good-practice library in the browser', () => {
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

  it('searches, filters by country and opens a case with its KPIs, without signing in', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[browser anonymous] ${error.stack ?? error.message}\n`));
    await page.goto(`${api.url}/`);

    // The entry is in the main navigation for everyone, signed in or not.
    const entry = page.getByRole('navigation').getByRole('link', { name: 'Good practice' });
    await entry.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Good practice' }).waitFor();
    await page
      .getByTestId('library-status')
      .getByText(/\d+ cases? found/)
      .waitFor();

    // A German word, typed and sent with Enter; the match is marked in the passage shown.
    await page.getByTestId('library-q').focus();
    await page.keyboard.type('Straßenbeleuchtung');
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]q=Stra%C3%9Fenbeleuchtung/);
    const hit = page.getByTestId('case').filter({ has: page.getByTestId('case-link').filter({ hasText: DEMO_CASE }) });
    await hit.locator('mark', { hasText: 'Straßenbeleuchtung' }).waitFor();
    expect(await page.getByTestId('library-status').textContent()).toMatch(/\d+ cases? found/);

    // The country select lists the countries of the results with their numbers; the arrow key picks one.
    const country = page.getByTestId('library-country');
    await country.locator('option', { hasText: /^Austria \(\d+\)$/ }).waitFor({ state: 'attached' });
    await country.focus();
    for (let presses = 0; presses < 10 && (await country.inputValue()) !== 'AT'; presses += 1)
      await page.keyboard.press('ArrowDown');
    expect(await country.inputValue()).toBe('AT');
    await page.waitForURL(/[?&]country=AT/);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid="case"] .meta')).every((meta) =>
        meta.textContent?.includes('Austria'),
      ),
    );
    await hit.waitFor();
    expect(page.url()).toMatch(/q=Stra%C3%9Fenbeleuchtung/);

    // Opening the case with Enter: the facts, what was bought, and the KPI table.
    await hit.getByTestId('case-link').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('case-title').filter({ hasText: DEMO_CASE }).waitFor();
    expect(await page.getByTestId('case-summary').textContent()).toContain('420 old sodium-vapour street lights');
    const kpis = page.getByTestId('case-kpis');
    expect(await kpis.locator('caption').textContent()).toContain('baseline, target');
    expect(await kpis.locator('thead th').allTextContents()).toEqual([
      'Indicator',
      'Baseline',
      'Target',
      'Latest actual',
      'Period',
    ]);
    const electricity = kpis.getByTestId('case-kpi').filter({ hasText: 'Electricity saved per quarter' });
    expect((await electricity.locator('td').allTextContents()).slice(0, 3)).toEqual([
      '0 kWh',
      '40,000 kWh',
      '42,750 kWh',
    ]);
    expect(await kpis.getByTestId('case-kpi').count()).toBe(3);
    expect(await page.getByTestId('case-savings').locator('tfoot').textContent()).toContain('€45,750.00');
    // Not a member of the consortium: no way into the tender itself.
    expect(await page.getByTestId('case-tender').count()).toBe(0);

    // And back to the library.
    await press(page, 'case-back', 'Enter');
    await page.getByRole('heading', { level: 1, name: 'Good practice' }).waitFor();
    await context.close();
  });
});
