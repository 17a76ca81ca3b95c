import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import type {
  MonitoringDashboard,
  MonitoringTenderPage,
  ObserverNoteView,
  OrganisationView,
  Page as ListPage,
  SpecificationVersionView,
  TenderView,
} from '@consortio/shared/contracts';
import { apiClient, consortiumWith, submitNeed } from '../support/api-client';
import { signedInPage } from '../support/browser';
import { createSpecification } from '../support/collab';
import { ROOT } from '../support/processes';
import { DEMO_PASSWORD, type SignedIn, signIn } from '../support/sessions';
import { useWebPlatform } from '../support/web-platform';

/** Freising: a Bavarian NUTS 3 region no other test file uses, so its figures are this file's alone. */
const REGION = { code: 'DE21B', parent: 'DE21', name: 'Freising' };

/**
 * The ministry's monitoring in Chromium. Two towns of a region no other test uses form a
 * consortium and publish a tender (through the api: other journeys drive these steps in the UI);
 * the demo ministry (jurisdiction DE2) filters its dashboard down to that region by typing a NUTS
 * code and drilling into the regions table, sees the figures change to exactly this tender, reads
 * a chart as a table, downloads a table as CSV, drills down to the tender (read-only) and downloads
 * its lots as CSV with the keyboard, leaves a note that the consortium reads on its own tender
 * page, downloads the tender's OCDS record, and runs a bulk OCDS export of the region to completion
 * and downloads it. NUTS 1 and 2 regions, which have no names, show their code once.
 */
describe('monitoring a region as a ministry, in the browser', () => {
  const platform = useWebPlatform();
  const { ok } = apiClient(() => platform.api.url);
  const tag = randomBytes(4).toString('hex');
  const tenderTitle = `Smart parking sensors ${tag}`;
  let ministry: SignedIn;
  let lead: SignedIn;
  let tender: TenderView;
  const leadEmail = `kaemmerei-${tag}@freiham.test`;

  /** Adds the region to the NUTS table with the api's own command (an upsert: harmless to other files). */
  function knowRegion(): void {
    const dir = mkdtempSync(join(tmpdir(), 'consortio-nuts-'));
    try {
      const file = join(dir, 'nuts.csv');
      writeFileSync(file, `code,country_iso3,name_en\n${REGION.code},DEU,${REGION.name}\n`);
      execFileSync(process.execPath, ['dist/apps/api/main.js', 'import-nuts', file], {
        cwd: ROOT,
        env: process.env,
        stdio: 'pipe',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** A municipality of the region, registered and verified, with its administrator signed in. */
  async function municipality(name: string, email: string, population: number): Promise<SignedIn> {
    const registered = await ok<{ organisation: OrganisationView }>(
      null,
      'POST',
      '/organisations',
      {
        organisation: { kind: 'municipality', name, nutsCode: REGION.code, population },
        admin: { email, password: DEMO_PASSWORD, displayName: `Officer of ${name}` },
      },
      201,
    );
    const admin = await signIn(platform.api.url, 'admin@consortio.test');
    await ok(admin, 'POST', `/organisations/${registered.organisation.id}/verification`, {
      decision: 'verified',
      note: 'Checked against the municipal register',
    });
    return signIn(platform.api.url, email);
  }

  async function dashboardOf(region?: string): Promise<MonitoringDashboard> {
    return ok<MonitoringDashboard>(ministry, 'GET', `/monitoring/dashboard${region ? `?region=${region}` : ''}`);
  }

  /** The read models are refreshed by the worker shortly after a stage change: wait for figures that include it. */
  async function freshDashboard(region: string, changedAt: number): Promise<MonitoringDashboard> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const dashboard = await dashboardOf(region);
      if (Date.parse(dashboard.refreshedAt) > changedAt && dashboard.totals.publishedTenders > 0) return dashboard;
      if (Date.now() > deadline)
        throw new Error(`The dashboard of ${region} was not refreshed: ${JSON.stringify(dashboard.totals)}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = await download.path();
    return { download, text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
  }

  beforeAll(async () => {
    knowRegion();
    ministry = await signIn(platform.api.url, 'analyst@ministry.test');
    lead = await municipality(`Gemeinde Freiham ${tag}`, leadEmail, 7_400);
    const member = await municipality(`Markt Moosburg-Nord ${tag}`, `rathaus-${tag}@moosburg-nord.test`, 5_100);
    const consortiumId = await consortiumWith(ok, lead, `Parking group ${tag}`, [[member, 'member']]);
    await submitNeed(ok, lead, consortiumId, '34144900-7', '120000.00');
    await submitNeed(ok, member, consortiumId, '34144900-7', '80000.00');
    await ok(lead, 'POST', `/consortia/${consortiumId}/lots/suggest`, {});
    tender = await ok<TenderView>(
      lead,
      'POST',
      `/consortia/${consortiumId}/tenders`,
      { title: tenderTitle, procedureType: 'open' },
      201,
    );
    await ok(lead, 'PATCH', `/tenders/${tender.id}`, {
      criteria: [
        { kind: 'price', name: 'Price', weight: 60 },
        { kind: 'quality', name: 'Detection accuracy', weight: 40 },
      ],
      lotRules: { bidsOn: 'all', maxLotsPerTenderer: null },
    });
    const move = (to: string) => ok<TenderView>(lead, 'POST', `/tenders/${tender.id}/transitions`, { to });
    await move('market-consultation');
    await move('specification');
    const spec = await createSpecification(platform.api.url, lead, consortiumId, `Parking specification ${tag}`);
    const version = await ok<SpecificationVersionView>(
      lead,
      'POST',
      `/specifications/${spec.id}/versions`,
      { label: 'v1' },
      201,
    );
    await ok(lead, 'PATCH', `/tenders/${tender.id}`, { specificationVersionId: version.id });
    await move('approval');
    for (const who of [lead, member]) {
      await ok(
        who,
        'POST',
        `/consortia/${consortiumId}/agreement/signatures`,
        { councilDecisionRef: 'Council 2026/4' },
        201,
      );
      for (const section of spec.sections)
        await ok(who, 'PUT', `/specifications/${spec.id}/sections/${section.id}/approval`);
    }
    const publishedAt = Date.now();
    tender = await move('published');
    expect(tender.stage).toBe('published');
    await freshDashboard(REGION.code, publishedAt);
  }, 180_000);

  it('filters by region, reads charts as tables, drills down, notes and exports open data', async () => {
    // What the api says for the region: exactly what this file created there.
    const regional = await dashboardOf(REGION.code);
    expect(regional.totals).toMatchObject({
      municipalities: 2,
      participatingMunicipalities: 2,
      consortia: 1,
      tenders: 1,
      publishedTenders: 1,
    });
    const whole = await dashboardOf();
    expect(whole.totals.tenders).toBeGreaterThan(regional.totals.tenders);
    const euro = (value: number) =>
      new Intl.NumberFormat('en-GB', {
        style: 'currency',
        currency: 'EUR',
        minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
        maximumFractionDigits: 2,
      }).format(value);

    const { page } = await signedInPage(platform.browser, platform.api.url, 'analyst@ministry.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).click();
    await page.waitForURL(/\/monitoring$/);
    await page.getByTestId('refreshed-at').waitFor();
    const totalTenders = page.getByTestId('total-tenders');
    await totalTenders.waitFor();
    // The whole jurisdiction holds other files' tenders too (and may grow meanwhile): more than the region's.
    expect(Number((await totalTenders.textContent())?.replace(/\D/g, ''))).toBeGreaterThan(regional.totals.tenders);

    // The jurisdiction (NUTS 1) and its NUTS 2 regions have no names, so each shows its code once.
    expect((await page.getByTestId('jurisdiction').textContent())?.trim()).toBe('DE2');
    const parentRow = page.getByTestId('regions').locator(`[data-region="${REGION.parent}"] th`);
    expect((await parentRow.textContent())?.trim()).toBe(REGION.parent);
    expect(await page.getByTestId(`drill-${REGION.parent}`).getAttribute('aria-label')).toBe(
      `Show the figures of ${REGION.parent}`,
    );

    // A NUTS 2 code typed in (lower case is fine), then the region drilled into from the table.
    await page.getByTestId('filter-region').fill(REGION.parent.toLowerCase());
    await page.getByTestId('filter-region').press('Enter');
    await page.waitForURL(new RegExp(`[?&]region=${REGION.parent}(&|$)`));
    await page.getByTestId('regions').locator(`[data-region="${REGION.code}"]`).waitFor();
    await page.getByTestId(`drill-${REGION.code}`).click();
    await page.waitForURL(new RegExp(`[?&]region=${REGION.code}(&|$)`));
    await totalTenders.getByText('1', { exact: true }).waitFor();
    expect(await page.getByTestId('total-consortia').textContent()).toBe('1');
    expect(await page.getByTestId('total-participating').textContent()).toBe('2');
    expect(await page.getByTestId('total-pooled').textContent()).toBe(euro(regional.totals.pooledValue));
    expect(regional.totals.pooledValue).toBe(200_000);
    expect(await page.getByTestId('filter-region').inputValue()).toBe(REGION.code);

    // The filtered view is an address: reloading it shows the same figures.
    await page.reload();
    await totalTenders.getByText('1', { exact: true }).waitFor();

    // The stages chart as a table: the one published tender, every other stage empty.
    const stages = page.getByTestId('chart-stages');
    await stages.getByTestId('chart-toggle-stages').click();
    await stages.locator('[data-testid="chart-toggle-stages"][aria-pressed="true"]').waitFor();
    expect(await stages.locator('figure').isHidden()).toBe(true);
    const published = stages.getByTestId('chart-table-stages').locator('tbody tr').filter({ hasText: 'Published' });
    expect((await published.locator('td').textContent())?.trim()).toBe('1');
    const stageFigures = await stages.getByTestId('chart-table-stages').locator('tbody td').allTextContents();
    expect(stageFigures.map((figure) => Number(figure.trim())).reduce((sum, n) => sum + n, 0)).toBe(1);

    // The same table as CSV, with the filters applied.
    const csv = await downloaded(page, () => stages.getByTestId('csv-stages').click());
    expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
    const [header, ...rows] = csv.text.trim().split(/\r?\n/);
    expect(header.split(',')).toEqual(['stage', 'tenders']);
    const counts = Object.fromEntries(rows.map((row) => row.split(',')).map(([stage, n]) => [stage, Number(n)]));
    expect(counts['published']).toBe(1);
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(1);

    // Drill down: the tenders behind the figures, then the tender itself, read-only.
    await page.getByTestId('link-tenders').click();
    await page.waitForURL(new RegExp(`/monitoring/tenders\\?.*region=${REGION.code}`));
    await page.getByTestId('tenders-total').getByText('Tenders: 1').waitFor();
    await page.getByTestId('monitoring-tenders').getByRole('link', { name: tenderTitle }).click();
    await page.waitForURL(new RegExp(`/monitoring/tenders/${tender.id}$`));
    await page.getByTestId('monitoring-tender-title').getByText(tenderTitle).waitFor();
    expect(await page.getByTestId('tender-stage').textContent()).toContain('Published');
    expect(await page.getByTestId('tender-members').textContent()).toContain(`Gemeinde Freiham ${tag}`);
    // Nothing to change but the note: one text area, one button, no other field.
    const main = page.locator('main');
    expect(await main.locator('input, select').count()).toBe(0);
    expect(await main.locator('textarea').count()).toBe(1);
    expect(await main.locator('button:not([data-testid^="csv-"])').count()).toBe(1);

    // Its lots as CSV, downloaded with the keyboard: every lot, from the api.
    await page.getByTestId('csv-tender-lots').focus();
    const lots = await downloaded(page, () => page.keyboard.press('Enter'));
    const [lotHeader, ...lotRows] = lots.text.trim().split(/\r?\n/);
    expect(lotHeader).toBe('lot,title,cpv_codes,estimated_value_eur,awarded_supplier,awarded_value_eur');
    expect(lotRows).toHaveLength(tender.lots.length);

    // A note, added with the keyboard, shows on the page and reaches the consortium.
    const note = `Please report the pilot sites by the end of the quarter (${tag}).`;
    await page.getByTestId('note-body').fill(note);
    await page.getByTestId('note-body').press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-note').filter({ hasText: note }).waitFor();
    expect(await page.getByTestId('note-body').inputValue()).toBe('');
    const notes = await ok<ListPage<ObserverNoteView>>(lead, 'GET', `/tenders/${tender.id}/observer-notes`);
    expect(notes.items.map((item) => item.body)).toContain(note);

    // The tender's OCDS record, downloaded from the page.
    const record = await downloaded(page, () => page.getByTestId('ocds-record').click());
    const recordPackage = JSON.parse(record.text) as { records: { ocid: string }[] };
    expect(recordPackage.records).toHaveLength(1);
    expect(recordPackage.records[0].ocid).toMatch(new RegExp(`-${tender.id}$`));

    // A bulk export of the region, followed until it is done, then downloaded.
    await page.goto(`${platform.api.url}/monitoring?region=${REGION.code}`);
    await totalTenders.getByText('1', { exact: true }).waitFor();
    await page.getByTestId('export-format-record-package').locator('input').check();
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-state').getByText('Done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('export-progress').getAttribute('value')).toBe('100');
    expect(await page.getByTestId('export-status').getAttribute('aria-live')).toBe('polite');
    const bulk = await downloaded(page, () => page.getByTestId('export-download').click());
    const bulkPackage = JSON.parse(bulk.text) as { records: { ocid: string }[] };
    expect(bulkPackage.records.map((item) => item.ocid)).toEqual([recordPackage.records[0].ocid]);

    // The consortium reads the note on its own tender page.
    const town = (await signedInPage(platform.browser, platform.api.url, leadEmail)).page;
    await town.goto(`${platform.api.url}/tenders/${tender.id}`);
    await town.getByTestId('observer-notes').getByText(note).waitFor();
    expect(await town.getByTestId('observer-note').first().textContent()).toContain('Staatsministerium');

    // The list of tenders of the region, as the api pages it, agrees with the page.
    const list = await ok<MonitoringTenderPage>(
      ministry,
      'GET',
      `/monitoring/tenders?region=${REGION.code}&page=1&pageSize=20`,
    );
    expect(list.items.map((item) => item.id)).toEqual([tender.id]);
  }, 240_000);
});
