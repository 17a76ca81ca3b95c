import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './sessions';

/** Debian's Chromium, driven by playwright-core; the flags keep it off the network it cannot reach. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run "apt-get install -y chromium" or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs in through the form, as a person would. */
export async function signInThroughForm(
  page: Page,
  apiUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${apiUrl}/sign-in`);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/**
 * A fresh browser context (British English, UTC) signed in as a demo account; `prepare` runs on
 * the context before the first page loads (say, to route requests).
 */
export async function signedInPage(
  browser: Browser,
  apiUrl: string,
  email: string,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
  await prepare?.(context);
  const page = await context.newPage();
  // What goes wrong inside the page shows in the test's output.
  page.on('pageerror', (error) => process.stderr.write(`[browser ${email}] ${error.stack ?? error.message}\n`));
  page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`[browser ${email}] ${message.text()}\n`);
  });
  await signInThroughForm(page, apiUrl, email);
  await page.getByTestId('user-menu').waitFor();
  return { context, page };
}
