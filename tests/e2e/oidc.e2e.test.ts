import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { MemberView, Page } from '@consortio/shared/contracts';
import { launchChromium } from '../support/browser';
import { type ApiProcess, eventually, freePort, PlatformProcess, ROOT, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, signIn } from '../support/sessions';

describe('sign-in through the organisation’s own OpenID Connect provider', () => {
  let api: ApiProcess;
  let provider: PlatformProcess;
  let browser: Browser;
  let issuer: string;
  const secret = 'oidc-client-secret-for-tests';

  beforeAll(async () => {
    api = await startApi(
      platformEnv({ WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser'), AUTH_COOKIE_SECURE: 'false' }),
    );
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    provider = new PlatformProcess(
      'oidc',
      spawn(
        process.execPath,
        ['tests/support/oidc-provider.mjs', String(port), `${api.url}/api/v1/auth/oidc/callback`, secret],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    await eventually(
      async () => (provider.output.some((line) => line.startsWith('ready')) ? true : undefined),
      15_000,
      'the OIDC provider',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${provider.log()}`);
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([api?.stop(), provider?.stop()]);
  });

  it('lets an organisation admin connect its provider, and a colleague then signs in with it and joins', async () => {
    const admin = await signIn(api.url, 'admin@musterstadt.test');
    const organisationId = admin.user.memberships[0].organisationId;
    const configured = await as(admin, api.url, `/api/v1/organisations/${organisationId}/identity-provider`, {
      method: 'PUT',
      json: {
        issuer,
        clientId: 'consortio',
        clientSecret: secret,
        emailDomains: ['rathaus-musterstadt.test'],
        defaultRole: 'procurement-officer',
      },
    });
    expect(configured.status).toBe(200);
    expect(JSON.stringify(await configured.json())).not.toContain(secret);

    const officer = await signIn(api.url, 'officer@musterstadt.test');
    expect((await as(officer, api.url, `/api/v1/organisations/${organisationId}/identity-provider`)).status).toBe(403);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(
      `${api.url}/api/v1/auth/oidc/start?email=${encodeURIComponent('kai.weber@rathaus-musterstadt.test')}&returnUrl=/`,
    );
    // The provider's own sign-in and consent pages.
    await page.locator('input[name="login"]').fill('kai.weber@rathaus-musterstadt.test');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${api.url}/`, { timeout: 15_000 });

    // Back on the platform with the session cookie, which the web app turns into a session.
    await page.getByTestId('user-menu').getByText('Signed In kai.weber').waitFor({ timeout: 15_000 });
    await page.goto(`${api.url}/profile`);
    await page.getByText('Gemeinde Musterstadt').first().waitFor({ timeout: 15_000 });

    const admin2 = await signIn(api.url, 'admin@musterstadt.test');
    const members = (await (
      await as(admin2, api.url, `/api/v1/organisations/${organisationId}/members?pageSize=100`)
    ).json()) as Page<MemberView>;
    expect(members.items).toContainEqual(
      expect.objectContaining({
        email: 'kai.weber@rathaus-musterstadt.test',
        displayName: 'Signed In kai.weber',
        role: 'procurement-officer',
      }),
    );
    await context.close();
  });

  it('refuses an e-mail domain that no organisation connected, and a replayed callback', async () => {
    const response = await fetch(`${api.url}/api/v1/auth/oidc/start?email=someone@elsewhere.test`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(404);
    const replay = await fetch(`${api.url}/api/v1/auth/oidc/callback?code=abc&state=not-a-state`, {
      redirect: 'manual',
    });
    expect(replay.status).toBe(400);
  });
});
