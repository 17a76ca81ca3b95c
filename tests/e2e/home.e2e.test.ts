import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { type ApiProcess, type PlatformProcess, ROOT, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';

describe('web app in Chromium', () => {
  let api: ApiProcess;
  let worker: PlatformProcess;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const env = platformEnv({ WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser') });
    worker = startWorker(env);
    api = await startApi(env);
    browser = await launchChromium();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterEach(() => page.context().close());

  afterAll(async () => {
    await browser?.close();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('opens the home page served by the api and sees the platform operational', async () => {
    await page.goto(api.url);
    await page.getByTestId('platform-status').getByText('Operational').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('dependency-database').getAttribute('data-status')).toBe('up');
    expect(await page.getByTestId('dependency-redis').getAttribute('data-status')).toBe('up');
    expect(await page.title()).toContain('Consortio');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
  });

  it('runs a round-trip check and sees it complete live', async () => {
    await page.goto(api.url);
    await page
      .getByTestId('live-connection')
      .and(page.locator('[data-connection="live"]'))
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('probe-note').fill('from the browser');
    await page.getByTestId('run-probe').click();
    await page.getByTestId('probe-latest-status').getByText('Completed').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="probe-row"][data-status="completed"]').first().waitFor();
  });

  it('switches to German at runtime, with the keyboard, and keeps the choice after a reload', async () => {
    await page.goto(api.url);
    await page.getByTestId('platform-status').getByText('Operational').waitFor({ timeout: 15_000 });
    await page.getByTestId('language-switch').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('language-de').waitFor();
    await page.getByTestId('language-de').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('platform-status').getByText('Betriebsbereit').waitFor({ timeout: 5_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.reload();
    await page.getByTestId('platform-status').getByText('Betriebsbereit').waitFor({ timeout: 15_000 });
  });

  it('offers a skip link as the first stop of the keyboard that moves focus to the content', async () => {
    await page.goto(api.url);
    await page.getByTestId('platform-status').waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toBe('#main-content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('serves deep links through the web app and shows its not-found page', async () => {
    const response = await page.goto(`${api.url}/no/such/page`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/not found/i);
  });
});
