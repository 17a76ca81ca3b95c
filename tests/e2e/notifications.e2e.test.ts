import { DEFAULT_NOTIFICATION_PREFERENCES, type TenderView } from '@consortio/shared/contracts';
import { signedInPage } from '../support/browser';
import { useWebPlatform } from '../support/web-platform';
import { demoConsortiumId } from '../support/collab';
import { as, signIn } from '../support/sessions';

/**
 * A member follows the consortium in Chromium: the count in the top bar rises live when a tender
 * of the consortium moves, the notification centre lists it and marks it read, and the settings
 * keep what the person chose.
 */
describe('notifications in the browser', () => {
  const platform = useWebPlatform();

  it('counts live, lists, marks read and keeps the settings', async () => {
    const anna = await signIn(platform.api.url, 'officer@musterstadt.test');
    const consortiumId = await demoConsortiumId(platform.api.url, anna);
    const { page } = await signedInPage(platform.browser, platform.api.url, 'officer@beispielheim.test');
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    // Whatever other files left unread is read first, so the count starts at none.
    const lukas = await signIn(platform.api.url, 'officer@beispielheim.test');
    await as(lukas, platform.api.url, '/api/v1/notifications/read', { method: 'POST', json: { all: true } });
    await as(lukas, platform.api.url, '/api/v1/notifications/preferences', {
      method: 'PUT',
      json: { preferences: DEFAULT_NOTIFICATION_PREFERENCES },
    });
    // The count is read once the events socket connects; wait for that answer before asserting none.
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/api/v1/notifications/unread-count')),
      page.reload(),
    ]);
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    const created = (await (
      await as(anna, platform.api.url, `/api/v1/consortia/${consortiumId}/tenders`, {
        method: 'POST',
        json: { title: 'Public Wi-Fi for market squares', procedureType: 'open' },
      })
    ).json()) as TenderView;
    await as(anna, platform.api.url, `/api/v1/tenders/${created.id}/transitions`, {
      method: 'POST',
      json: { to: 'market-consultation' },
    });
    await page.getByTestId('notification-count').getByText('1').waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');

    // The centre, reached with the keyboard from the bell.
    await bell.focus();
    await page.keyboard.press('Enter');
    const item = page.getByTestId('notifications').locator('li').filter({ hasText: 'Public Wi-Fi for market squares' });
    await item.getByText('new').waitFor();
    await page.getByTestId('notifications-read-all').click();
    await item.getByText('new').waitFor({ state: 'detached' });
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    // Stage changes by e-mail too: chosen, saved, and still so after a reload.
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await page.getByTestId('pref-email-stage-change').locator('input').check();
    await page.getByTestId('preferences-save').click();
    await page.reload();
    await page.getByTestId('notification-preferences').waitFor();
    expect(await page.getByTestId('pref-email-stage-change').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId('pref-email-kpi-reminder').locator('input').isChecked()).toBe(false);
  });
});
