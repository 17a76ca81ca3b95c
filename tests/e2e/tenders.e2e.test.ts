import type { TenderView } from '@consortio/shared/contracts';
import { signedInPage } from '../support/browser';
import { useWebPlatform } from '../support/web-platform';
import { demoConsortiumId } from '../support/collab';
import { as, signIn } from '../support/sessions';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * A procurement officer follows the demo tender in Chromium: the stage bar and what keeps the
 * tender from its next stage, award criteria whose total and example outcome change as the weights
 * are typed, criteria of its own for one lot, a milestone that is overdue, and the roadmap of the
 * next calendar year.
 */
describe('a tender in the browser', () => {
  const platform = useWebPlatform();

  it('shows the stages and their guards, previews the weights, flags delays and plans the year', async () => {
    const anna = await signIn(platform.api.url, 'officer@musterstadt.test');
    const consortiumId = await demoConsortiumId(platform.api.url, anna);
    // A tender of its own (the demo tender stays as other files expect it), with the demo's weights.
    const call = (method: string, path: string, json: unknown) =>
      as(anna, platform.api.url, `/api/v1${path}`, { method, json }).then((response) => response.json());
    const tender = (await call('POST', `/consortia/${consortiumId}/tenders`, {
      title: 'Depot chargers for the e-vans',
      procedureType: 'open',
    })) as TenderView;
    await call('PATCH', `/tenders/${tender.id}`, {
      criteria: [
        { kind: 'life-cycle-cost', name: 'Total cost of ownership over eight years', weight: 40 },
        { kind: 'quality', name: 'Charging power and uptime', weight: 30 },
        { kind: 'sustainability', name: 'Green electricity', weight: 20 },
        { kind: 'innovation', name: 'Smart charging', weight: 10 },
      ],
    });
    await call('POST', `/tenders/${tender.id}/transitions`, { to: 'market-consultation' });
    const { page } = await signedInPage(platform.browser, platform.api.url, 'officer@musterstadt.test');
    await page.goto(`${platform.api.url}/consortia/${consortiumId}/tenders`);
    await page.getByTestId('tenders').getByRole('link', { name: 'Depot chargers for the e-vans' }).click();
    await page.getByTestId('tender-title').waitFor();

    // The lots came from the pooled demand with the members whose needs they hold, by name.
    await page.getByTestId('lot-members-1').getByText('Gemeinde Musterstadt', { exact: false }).waitFor();

    // Where it stands: the current stage is marked as the current step.
    const current = page.getByTestId('stage-bar').locator('[aria-current="step"]');
    expect(await current.textContent()).toContain('Market consultation');

    // On to the specification; from there the next stage explains why it is not open yet.
    await page.getByTestId('next-specification').getByRole('button').click();
    await page.getByTestId('stage-bar').locator('[aria-current="step"]').getByText('Specification').waitFor();
    const approval = page.getByTestId('next-approval');
    expect(await approval.getByRole('button').isDisabled()).toBe(true);
    expect(await approval.getByTestId('guard').textContent()).toContain(
      'Link a named version of the specification first',
    );

    // The demo weights let the innovative example win; typed weights change total and outcome.
    const preview = page.getByTestId('weights-preview');
    await preview.getByText('the innovative tender wins').waitFor();
    await page.getByTestId('criterion-weight-0').fill('60');
    await page.getByTestId('criteria-total').getByText('Total: 120 %').waitFor();
    await page.getByTestId('criteria-problem').getByText('120').waitFor();
    await page.getByTestId('criterion-weight-0').fill('70');
    await page.getByTestId('criterion-weight-1').fill('10');
    await page.getByTestId('criterion-weight-2').fill('10');
    await page.getByTestId('criteria-total').getByText('Total: 100 %').waitFor();
    expect(await page.getByTestId('criteria-problem').count()).toBe(0);
    await preview.getByText('the cheap tender wins').waitFor();
    await page.getByTestId('criteria-save').click();
    await page.reload();
    await page.getByTestId('tender-title').waitFor();
    expect(await page.getByTestId('criterion-weight-0').inputValue()).toBe('70');
    await preview.getByText('the cheap tender wins').waitFor();

    // A milestone ten days overdue is flagged as late.
    await page.getByTestId('milestone-name').fill('Legal review of the lots');
    await page.getByTestId('milestone-planned').fill(isoDay(-10));
    await page.getByTestId('milestone-add').click();
    const late = page.getByTestId('milestones').locator('tr').filter({ hasText: 'Legal review of the lots' });
    await late.getByText('late by 10 days').waitFor();
    expect(await late.getAttribute('class')).toContain('late');
    // Its planned date moved in place: now three days late.
    await late.getByLabel('Planned date of Legal review of the lots').fill(isoDay(-3));
    await late.getByText('late by 3 days').waitFor();

    // A lot is changed in the lot form, reached from its row with the keyboard.
    await page.getByTestId('lot-edit-1').focus();
    await page.keyboard.press('Enter');
    const lotTitle = page.getByTestId('lot-title');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'lot-title');
    await lotTitle.fill('Depot chargers, 22 kW');
    await page.getByTestId('lot-value').fill('123456.00');
    await page.getByTestId('lot-save').click();
    const firstLot = page.getByTestId('lots').locator('tbody tr').first();
    await firstLot.getByText('Depot chargers, 22 kW').waitFor();
    await firstLot.getByText('123456.00').waitFor();

    // The lot gets award criteria of its own (Art. 46), starting from the tender's; then the
    // tender's apply to it again.
    await page.getByTestId('lot-edit-1').click();
    const lotCriteria = page.getByTestId('lot-criteria-section');
    await lotCriteria.getByText("The tender's award criteria apply to this lot.").waitFor();
    // With the keyboard: the first criterion's name has the focus once the rows are there.
    await page.getByTestId('lot-criteria-own').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'lot-criterion-name-0');
    expect(await page.getByTestId('lot-criterion-weight-0').inputValue()).toBe('70');
    await page.getByTestId('lot-criterion-weight-0').fill('50');
    await page.getByTestId('lot-criteria-total').getByText('Total: 80 %').waitFor();
    await page.getByTestId('lot-criteria-problem').waitFor();
    await page.getByTestId('lot-criterion-weight-1').fill('30');
    await page.getByTestId('lot-criteria-total').getByText('Total: 100 %').waitFor();
    await page.getByTestId('lot-criteria-save').click();
    await page.getByTestId('lot-own-criteria-1').waitFor();
    const lotOne = async () =>
      ((await call('GET', `/tenders/${tender.id}`, undefined)) as TenderView).lots.find((lot) => lot.number === 1);
    expect((await lotOne())?.criteria?.map((criterion) => criterion.weight)).toEqual([50, 30, 10, 10]);
    // The tender's own criteria are untouched.
    expect(await page.getByTestId('criterion-weight-0').inputValue()).toBe('70');
    await page.getByTestId('lot-criteria-inherit').click();
    await page.getByTestId('lot-own-criteria-1').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'lot-criteria-own');
    await lotCriteria.getByText("The tender's award criteria apply to this lot.").waitFor();
    expect((await lotOne())?.criteria).toBeNull();
    // Own criteria not stored yet are never dropped without asking. Leaving the lot form asks;
    // Enter keeps them (the dialog's first button), discarding leaves the lot as stored; saving
    // the lot stores them with it.
    await page.getByTestId('lot-criteria-own').click();
    await page.getByTestId('lot-criterion-weight-0').fill('60');
    await page.getByTestId('lot-criterion-weight-1').fill('20');
    await page.getByTestId('lot-cancel').click();
    const discard = page.getByRole('dialog');
    await discard.getByText('Discard the criteria of lot 1?').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'confirm-cancel');
    await page.keyboard.press('Enter');
    await discard.waitFor({ state: 'detached' });
    expect(await page.getByTestId('lot-criterion-weight-0').inputValue()).toBe('60');
    await page.getByTestId('lot-cancel').click();
    await discard.getByTestId('confirm-ok').getByText('Discard criteria').click();
    await lotCriteria.waitFor({ state: 'detached' });
    expect((await lotOne())?.criteria).toBeNull();
    await page.getByTestId('lot-edit-1').click();
    await page.getByTestId('lot-criteria-own').click();
    await page.getByTestId('lot-criterion-weight-0').fill('60');
    await page.getByTestId('lot-criterion-weight-1').fill('20');
    await page.getByTestId('lot-save').click();
    await page.getByTestId('lot-own-criteria-1').waitFor();
    expect((await lotOne())?.criteria?.map((criterion) => criterion.weight)).toEqual([60, 20, 10, 10]);

    // The roadmap of next year lists the tender's planned milestones, month by month.
    await page.getByRole('link', { name: 'Roadmap' }).first().click();
    const roadmap = page.getByTestId('roadmap').first();
    await roadmap.getByText('Contract notice published').waitFor();
    expect(await roadmap.getByRole('link', { name: /Electric utility vehicles/ }).count()).toBeGreaterThan(0);

    // Every tender of my consortia, narrowed to one stage with the keyboard, leads back to this one.
    await page.getByRole('link', { name: 'Tenders', exact: true }).first().click();
    const list = page.getByTestId('my-tenders');
    await list.getByRole('link', { name: 'Depot chargers for the e-vans' }).waitFor();
    const stage = page.getByTestId('my-tenders-stage');
    await stage.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.type('Spec');
    await page.locator('mat-option.mat-mdc-option-active', { hasText: 'Specification' }).waitFor();
    await page.keyboard.press('Enter');
    // The demo tender, in market consultation, leaves the list; this one stays.
    await list.getByRole('link', { name: /Electric utility vehicles/ }).waitFor({ state: 'detached' });
    await list.getByRole('link', { name: 'Depot chargers for the e-vans' }).waitFor();
    for (const row of await list.locator('tbody tr').all()) expect(await row.textContent()).toContain('Specification');
    await list.getByRole('link', { name: 'Depot chargers for the e-vans' }).click();
    await page.getByTestId('tender-title').waitFor();
  });
});
