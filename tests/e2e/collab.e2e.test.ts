import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signedInPage } from '../support/browser';
import { demoConsortiumId } from '../support/collab';
import { type ApiProcess, type PlatformProcess, ROOT, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { signIn } from '../support/sessions';

/**
 * Two people of two municipalities write one specification in Chromium: they type into the same
 * section at the same moment and each sees the other's words within a second; then one loses
 * the connection, types, reloads the page while still cut off (the text comes back from
 * IndexedDB), reconnects, and the text reaches the other.
 */
describe('writing a specification together in the browser', () => {
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

  /** A signed-in browser whose socket connections can be cut while pages still load. */
  async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page; cut: (on: boolean) => void }> {
    let cut = false;
    const { context, page } = await signedInPage(browser, api.url, email, async (context) => {
      await context.routeWebSocket(/\/socket\.io\//, (socket) => {
        if (cut) void socket.close();
        else socket.connectToServer();
      });
      await context.route(/\/socket\.io\//, (route) => (cut ? route.abort() : route.continue()));
    });
    return { context, page, cut: (on) => (cut = on) };
  }

  const purpose = (page: Page) => page.getByTestId('section-editor-purpose').locator('.ProseMirror');
  /** The section's text without the other people's carets and name labels. */
  const textOf = (page: Page) =>
    purpose(page).evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return copy.textContent;
    });

  const focusedTestId = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  it('shows each other’s typing within a second and keeps offline text across a reload', async () => {
    const consortiumId = await demoConsortiumId(api.url, await signIn(api.url, 'officer@musterstadt.test'));
    const anna = await signedIn('officer@musterstadt.test');
    await anna.page.goto(`${api.url}/consortia/${consortiumId}/specifications`);
    await anna.page.getByTestId('spec-title').fill('Charging points: written together');
    await anna.page.getByTestId('spec-create').click();
    await anna.page.waitForURL(/\/specifications\/[0-9a-f-]{36}$/);
    const url = anna.page.url();
    await purpose(anna.page).waitFor();
    await anna.page.getByTestId('save-state').getByText('All changes saved').waitFor();

    const lukas = await signedIn('officer@beispielheim.test');
    await lukas.page.goto(url);
    await purpose(lukas.page).waitFor();
    await lukas.page.getByTestId('presence').getByText('Anna').waitFor();
    await anna.page.getByTestId('presence').getByText('Lukas').waitFor();

    // Both type into the same section at the same moment.
    await Promise.all([purpose(anna.page).click(), purpose(lukas.page).click()]);
    await Promise.all([anna.page.keyboard.press('Control+End'), lukas.page.keyboard.press('Control+End')]);
    await Promise.all([
      anna.page.keyboard.type(' Anna types here.', { delay: 20 }),
      lukas.page.keyboard.type(' Lukas types here.', { delay: 20 }),
    ]);
    const typedAt = Date.now();
    await Promise.all([
      purpose(anna.page).getByText('Lukas types here.', { exact: false }).waitFor({ timeout: 1_000 }),
      purpose(lukas.page).getByText('Anna types here.', { exact: false }).waitFor({ timeout: 1_000 }),
    ]);
    expect(Date.now() - typedAt).toBeLessThan(1_000);
    expect(await textOf(anna.page)).toBe(await textOf(lukas.page));

    // Lukas goes offline and types.
    lukas.cut(true);
    await lukas.context.setOffline(true);
    await lukas.page.getByTestId('save-state').getByText('Offline', { exact: false }).waitFor();
    await purpose(lukas.page).click();
    await lukas.page.keyboard.press('Control+End');
    await lukas.page.keyboard.type(' Written offline by Lukas.', { delay: 10 });
    await lukas.page.waitForTimeout(300); // IndexedDB writes are asynchronous

    // The page reloads while the socket is still cut: the text comes back from this browser.
    await lukas.context.setOffline(false);
    await lukas.page.reload();
    await purpose(lukas.page).getByText('Written offline by Lukas.', { exact: false }).waitFor();
    expect(await textOf(anna.page)).not.toContain('Written offline by Lukas.');

    // Reconnected, the text arrives at Anna's.
    lukas.cut(false);
    await purpose(anna.page).getByText('Written offline by Lukas.', { exact: false }).waitFor({ timeout: 15_000 });
    await lukas.page.getByTestId('save-state').getByText('All changes saved').waitFor();

    // A comment on a selected passage stays attached to it.
    await purpose(anna.page)
      .getByText('Anna types here.', { exact: false })
      .dblclick({ position: { x: 5, y: 5 } });
    const quote = (await anna.page.evaluate(() => window.getSelection()?.toString() ?? '')).trim();
    expect(quote.length).toBeGreaterThan(0);
    await anna.page.getByRole('tab', { name: 'Comments' }).click();
    await anna.page.getByTestId('comment-body').fill('Is this the wording we agreed?');
    // Lukas is mentioned with the keyboard: type part of his name, arrow down, Enter.
    await anna.page.getByTestId('mention-search').fill('luk');
    await anna.page.getByRole('option', { name: /Lukas/ }).waitFor();
    await anna.page.keyboard.press('ArrowDown');
    await anna.page.keyboard.press('Enter');
    await anna.page.locator('mat-chip-row').getByText('Lukas', { exact: false }).waitFor();
    await anna.page.getByTestId('comment-submit').click();
    const thread = anna.page.getByTestId('threads').locator('li').filter({ hasText: 'Is this the wording we agreed?' });
    await thread.locator('blockquote').getByText(quote).waitFor();
    await thread.getByTestId('thread-mentions').getByText('@Lukas', { exact: false }).waitFor();
    await anna.page.evaluate(() => window.getSelection()?.removeAllRanges());
    await thread.getByRole('button', { name: 'Show passage' }).click();
    // The editor sets the selection on its next view update.
    await anna.page.waitForFunction((expected) => window.getSelection()?.toString().trim() === expected, quote, {
      timeout: 5_000,
    });

    // A named version, then a change, then the comparison shows what was added.
    await anna.page.getByRole('tab', { name: 'Versions' }).click();
    await anna.page.getByLabel('Name of the version').fill('Before the review');
    await anna.page.getByRole('button', { name: 'Save version' }).click();
    await anna.page.getByText('1. Before the review', { exact: false }).waitFor();
    await purpose(anna.page).click();
    await anna.page.keyboard.press('Control+End');
    await anna.page.keyboard.type(' Added after the version.');
    await anna.page.getByTestId('save-state').getByText('All changes saved').waitFor();
    await anna.page.getByRole('button', { name: 'Compare with the current text' }).click();
    await anna.page
      .getByTestId('diff')
      .locator('ins')
      .getByText('Added after the version.', { exact: false })
      .waitFor();

    // Formatting: a subheading from the toolbar, then a table chosen with the keyboard alone.
    await purpose(anna.page).click();
    await anna.page.keyboard.press('Control+End');
    await anna.page.keyboard.press('Enter');
    await anna.page.keyboard.type('Interfaces');
    await anna.page.getByTestId('format-heading-purpose').click();
    await purpose(lukas.page).locator('h3').getByText('Interfaces').waitFor();
    await anna.page.keyboard.press('Shift+Tab');
    expect(await focusedTestId(anna.page)).toBe('format-heading-purpose');
    await anna.page.keyboard.press('Home');
    for (let step = 0; step < 7; step += 1) await anna.page.keyboard.press('ArrowRight');
    expect(await focusedTestId(anna.page)).toBe('format-table-purpose');
    await anna.page.keyboard.press('Enter');
    await purpose(lukas.page).locator('table th').first().waitFor();
    expect(await purpose(lukas.page).locator('table tr').count()).toBe(3);
  });
});
