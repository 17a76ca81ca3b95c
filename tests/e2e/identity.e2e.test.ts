import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, signInThroughForm } from '../support/browser';
import { Mailbox } from '../support/mailbox';
import { type ApiProcess, type PlatformProcess, ROOT, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';

/** People's journeys through the identity pages, in Chromium, with mail through a real SMTP server. */
describe('identity in the browser', () => {
  let mailbox: Mailbox;
  let api: ApiProcess;
  let worker: PlatformProcess;
  let browser: Browser;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await startApi(platformEnv({ WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser') }));
    worker = startWorker(platformEnv({ SMTP_URL: mailbox.url, PUBLIC_URL: api.url }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([api?.stop(), worker?.stop()]);
    await mailbox?.close();
  });

  it('an organisation admin invites a colleague, who accepts from the e-mail, creates an account and signs in', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInThroughForm(page, api.url, 'admin@musterstadt.test', 'consortio-demo');
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${api.url}/organisation`);
    await page.getByTestId('invite-email').fill('e2e.colleague@musterstadt.test');
    await page.getByTestId('invite-role').selectOption('procurement-officer');
    await page.getByTestId('invite-submit').click();
    await page.locator('[data-testid="invitation-row"][data-status="open"]').first().waitFor();
    await context.close();

    const mail = await mailbox.waitFor('e2e.colleague@musterstadt.test');
    const link = /http\S+accept-invitation\?token=[\w-]{43}/.exec(mail.text)?.[0] ?? '';
    expect(link.startsWith(api.url)).toBe(true);

    const invited = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await invited.goto(link);
    await invited.getByTestId('accept-organisation').getByText('Gemeinde Musterstadt').waitFor();
    expect(invited.url()).not.toContain('token=');
    await invited.getByTestId('accept-display-name').fill('Erika Muster');
    await invited.getByTestId('accept-password').fill('erikas-own-password');
    await invited.getByTestId('accept-password-confirm').fill('erikas-own-password');
    await invited.getByTestId('accept-submit').click();
    await invited.getByTestId('accept-result').waitFor();

    await signInThroughForm(invited, api.url, 'e2e.colleague@musterstadt.test', 'erikas-own-password');
    await invited.getByTestId('user-menu').getByText('Erika Muster').waitFor();
    await invited.context().close();
  });

  it('a person who forgot the password gets a link, sets a new one and signs in with it', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${api.url}/forgot-password`);
    await page.getByTestId('forgot-email').fill('admin@probstadt.test');
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-result').waitFor();

    const mail = await mailbox.waitFor('admin@probstadt.test', /Reset your Consortio password/);
    const link = /http\S+reset-password\?token=[\w-]{43}/.exec(mail.text)?.[0] ?? '';
    await page.goto(link);
    await page.getByTestId('reset-password').fill('pauls-new-password-1');
    await page.getByTestId('reset-password-confirm').fill('pauls-new-password-1');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-result').waitFor();

    await signInThroughForm(page, api.url, 'admin@probstadt.test', 'pauls-new-password-1');
    await page.getByTestId('user-menu').getByText('Paul Steiner').waitFor();
    await page.context().close();

    // Back to the demo password, which other test files sign in with (they share the database).
    const post = (path: string, body: unknown) =>
      fetch(`${api.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/auth/password-reset', { email: 'admin@probstadt.test' })).status).toBe(202);
    const again = await mailbox.waitFor('admin@probstadt.test', /Reset your Consortio password/, 15_000, 1);
    const token = /reset-password\?token=([\w-]{43})/.exec(again.text)?.[1] ?? '';
    expect((await post('/auth/password-reset/confirm', { token, password: 'consortio-demo' })).status).toBe(204);
  });
});
