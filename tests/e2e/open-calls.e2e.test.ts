import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { OpenCallView, Page as ListPage, TenderSummary } from '@consortio/shared/contracts';
import { launchChromium, signedInPage } from '../support/browser';
import { demoConsortiumId } from '../support/collab';
import { type ApiProcess, ROOT, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, signIn } from '../support/sessions';

/**
 * An open call in Chromium from draft to responses: the lead publishes a drafted market
 * consultation on its management page; an anonymous visitor finds it in the public register with
 * its countdown; a supplier signs its company up and asks a question with the keyboard; the lead
 * sees the question arrive live and answers it to every supplier; a second supplier reads the
 * answer without learning who asked; and the first supplier sends a response with a PDF, after the
 * page refused a file type responses do not take, naming the file.
 */
describe('an open call in the browser', () => {
  let api: ApiProcess;
  let browser: Browser;
  // The title carries a tag of this run, so the register can be searched for this call alone.
  const tag = randomBytes(4).toString('hex');
  const title = `Market consultation: electric utility vehicles ${tag}`;
  const question = 'Is a type 2 charging cable part of each vehicle?';
  const answer = 'Yes: one 7 m type 2 cable per vehicle.';

  beforeAll(async () => {
    // No worker: nothing here waits for a job (the call closes days after the test).
    api = await startApi(platformEnv({ WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser') }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

  it('publishes, lists, registers, asks, answers to all and takes a response with a PDF', async () => {
    // The lead drafts the call through the api: in three days and two hours it closes.
    const anna = await signIn(api.url, 'officer@musterstadt.test');
    const consortiumId = await demoConsortiumId(api.url, anna);
    const tenders = (await (
      await as(anna, api.url, `/api/v1/consortia/${consortiumId}/tenders?pageSize=100`)
    ).json()) as ListPage<TenderSummary>;
    const tender = tenders.items.find((item) => item.title === 'Electric utility vehicles and depot lighting 2027');
    if (!tender) throw new Error('The demo tender is missing');
    const drafted = await as(anna, api.url, `/api/v1/tenders/${tender.id}/open-calls`, {
      method: 'POST',
      json: {
        kind: 'market-consultation',
        title,
        summary: 'We ask suppliers about delivery times and charging equipment.',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + (3 * 24 + 2) * 3_600_000).toISOString(),
      },
    });
    expect(drafted.status).toBe(201);
    const call = (await drafted.json()) as OpenCallView;

    // The lead publishes it on the management page.
    const lead = (await signedInPage(browser, api.url, 'officer@musterstadt.test')).page;
    await lead.goto(`${api.url}/open-calls/${call.id}/manage`);
    await lead.getByTestId('manage-title').getByText(title).waitFor();
    await lead.getByTestId('manage-status').getByText('Draft').waitFor();
    await lead.getByTestId('publish').click();
    await lead.getByTestId('manage-status').getByText('Open').waitFor();
    await lead.getByTestId('manage-done').getByText('The call is published').waitFor();
    expect(await lead.getByTestId('countdown').textContent()).toContain('closes in 3 days');

    // Anyone finds it in the public register, with the deadline in their own time zone.
    const visitorContext = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${api.url}/open-calls`);
    await visitor.getByRole('navigation').getByRole('link', { name: 'Open calls' }).waitFor();
    await visitor.getByTestId('register-q').fill(tag);
    await visitor.getByTestId('register-q').press('Enter');
    // The search narrows the register to this call alone (other tests' calls are listed before it answers).
    await visitor.getByTestId('register-total').getByText('Calls found: 1', { exact: true }).waitFor();
    const row = visitor.getByTestId('register-row').filter({ hasText: tag });
    expect(await visitor.getByTestId('register-row').count()).toBe(1);
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('E-Mobilität Oberbayern');
    expect(rowText).toContain('Market consultation');
    expect(rowText).toContain('closes in 3 days');
    expect(rowText).toMatch(/CES?T/);
    await visitor.getByTestId('register-status').selectOption('closed');
    await visitor.getByTestId('register-total').getByText('Calls found: 0').waitFor();
    await visitor.getByTestId('register-status').selectOption('open');
    await row.getByRole('link', { name: title }).click();
    await visitor.getByTestId('call-title').getByText(title).waitFor();
    expect(await visitor.getByTestId('buyer-members').innerText()).toContain('Gemeinde Musterstadt (lead authority)');
    expect(await visitor.getByTestId('lots').textContent()).toContain('34144900-7');
    await visitor.getByTestId('sign-in-to-take-part').waitFor();
    await visitorContext.close();

    // The first supplier signs its company up and asks a question with the keyboard alone.
    const nora = (await signedInPage(browser, api.url, 'sales@smartgrid.test')).page;
    await nora.goto(`${api.url}/open-calls/${call.id}`);
    await nora.getByTestId('register-call').focus();
    await nora.keyboard.press('Enter');
    await nora.getByTestId('registered').getByText('Smart Grid Werke GmbH').waitFor();
    // Focus moves on to the question form, so the keyboard continues there.
    await nora.waitForFunction(() => document.activeElement?.id === 'ask-heading');
    await nora.keyboard.press('Tab');
    expect(await activeTestId(nora)).toBe('question-text');
    await nora.keyboard.type(question);
    await nora.keyboard.press('Tab');
    expect(await activeTestId(nora)).toBe('question-submit');
    await nora.keyboard.press('Enter');
    await nora.getByTestId('question-sent').waitFor();
    const own = nora.getByTestId('supplier-question').filter({ hasText: question });
    await own.getByText('not answered yet').waitFor();
    await own.getByText('Your question').waitFor();

    // The lead sees the question arrive live, with who asked, and answers it to every supplier.
    const asked = lead.getByTestId('manage-question').filter({ hasText: question });
    await asked.waitFor();
    expect(await asked.getByTestId('asked-by').textContent()).toContain('Smart Grid Werke GmbH');
    expect(await asked.getByTestId('answer-publish').locator('input').isChecked()).toBe(true);
    await asked.getByTestId('answer-text').fill(answer);
    await asked.getByTestId('answer-submit').click();
    await lead.getByTestId('manage-done').getByText('published to every supplier').waitFor();
    await asked.getByText('Published to every supplier').waitFor();

    // The second supplier reads question and answer, and nothing says who asked.
    const jakob = (await signedInPage(browser, api.url, 'bids@alpen-efahrzeuge.test')).page;
    await jakob.goto(`${api.url}/open-calls/${call.id}`);
    const published = jakob.getByTestId('published-answer').filter({ hasText: question });
    await published.getByText(answer).waitFor();
    await jakob.getByTestId('register-call').waitFor();
    expect(await jakob.locator('body').textContent()).not.toContain('Smart Grid');

    // The first supplier responds: a file type responses do not take is refused by name, a PDF goes.
    await nora.reload();
    await nora.getByTestId('response-form').waitFor();
    await nora.getByTestId('response-text').fill('Delivery within 12 weeks; one cable per vehicle.');
    await nora.getByTestId('response-files').setInputFiles([
      { name: 'installer.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00') },
      {
        name: 'Angebot Smart Grid.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n% offer\n%%EOF\n'),
      },
    ]);
    await nora.getByTestId('file-refusals').getByText('“installer.exe” is not a type a response takes').waitFor();
    expect(await nora.getByTestId('chosen-files').textContent()).toContain('Angebot Smart Grid.pdf');
    await nora.getByTestId('response-submit').click();
    await nora.getByTestId('response-sent').getByText('files: 1').waitFor();
    const response = nora.getByTestId('my-response').filter({ hasText: 'Delivery within 12 weeks' });
    await response.getByTestId('attachment').getByText('Angebot Smart Grid.pdf').waitFor();
    const download = nora.waitForEvent('download');
    await response.getByTestId('attachment').click();
    expect((await download).suggestedFilename()).toBe('Angebot Smart Grid.pdf');

    // On the register, the supplier's own area lists the call with its response, and leads back to it.
    await nora.getByRole('navigation').getByRole('link', { name: 'Open calls' }).click();
    const signedUp = nora.getByTestId('supplier-call').filter({ hasText: tag });
    await signedUp.getByTestId('supplier-call-responses').getByText('1', { exact: true }).waitFor();
    await signedUp.getByRole('link').focus();
    await nora.keyboard.press('Enter');
    await nora.getByTestId('response-form').waitFor();

    // The lead sees the response arrive live, with its file.
    await lead
      .getByTestId('manage-response')
      .filter({ hasText: 'Smart Grid Werke GmbH' })
      .getByTestId('attachment')
      .getByText('Angebot Smart Grid.pdf')
      .waitFor();
  });
});
