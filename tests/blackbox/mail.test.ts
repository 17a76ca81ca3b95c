import type { InvitationPreview, InvitationView, ProblemDetails } from '@consortio/shared/contracts';
import { Mailbox } from '../support/mailbox';
import { type ApiProcess, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, signIn } from '../support/sessions';

const tokenIn = (text: string, path: string) => new RegExp(`${path}\\?token=([\\w-]{43})`).exec(text)?.[1] ?? '';

describe('invitations, password reset and e-mail change, through a worker and a real SMTP server', () => {
  let mailbox: Mailbox;
  let api: ApiProcess;
  let worker: PlatformProcess;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await startApi(platformEnv());
    worker = startWorker(platformEnv({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://consortio.example' }));
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await mailbox?.close();
  });

  const post = (path: string, json: unknown) => as(null, api.url, path, { method: 'POST', json });

  it('invites a colleague by e-mail, who creates an account with the single-use link', async () => {
    const admin = await signIn(api.url, 'admin@musterstadt.test');
    const organisationId = admin.user.memberships[0].organisationId;
    const created = await as(admin, api.url, `/api/v1/organisations/${organisationId}/invitations`, {
      method: 'POST',
      json: { email: 'new.colleague@musterstadt.test', role: 'legal-reviewer', locale: 'de' },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as InvitationView).status).toBe('open');

    const mail = await mailbox.waitFor('new.colleague@musterstadt.test');
    expect(mail.subject).toBe('Einladung zu Gemeinde Musterstadt auf Consortio');
    expect(mail.text).toContain('Jonas Huber lädt Sie ein');
    expect(mail.text).toContain('https://consortio.example/accept-invitation?token=');
    const token = tokenIn(mail.text, 'accept-invitation');

    const preview = (await (await post('/api/v1/invitations/preview', { token })).json()) as InvitationPreview;
    expect(preview).toEqual({
      organisationName: 'Gemeinde Musterstadt',
      email: 'new.colleague@musterstadt.test',
      role: 'legal-reviewer',
      accountExists: false,
    });

    const incomplete = await post('/api/v1/invitations/accept', { token });
    expect(incomplete.status).toBe(400);
    expect(((await incomplete.json()) as ProblemDetails).errors?.map((error) => error.field).sort()).toEqual([
      'displayName',
      'password',
    ]);

    const accepted = await post('/api/v1/invitations/accept', {
      token,
      displayName: 'Clara Neu',
      password: 'a-fresh-password-42',
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ organisationId, accountCreated: true });
    const colleague = await signIn(api.url, 'new.colleague@musterstadt.test', 'a-fresh-password-42');
    expect(colleague.user.memberships).toEqual([expect.objectContaining({ organisationId, role: 'legal-reviewer' })]);

    expect(
      (await post('/api/v1/invitations/accept', { token, displayName: 'X', password: 'another-password-99' })).status,
    ).toBe(410);
    expect((await post('/api/v1/invitations/preview', { token: 'A'.repeat(43) })).status).toBe(404);
  });

  it('resets a password by e-mail without revealing which addresses have accounts, and ends old sessions', async () => {
    const email = 'reset.me@smartsupplier.test';
    const registered = await post('/api/v1/organisations', {
      organisation: { kind: 'supplier', name: 'Smart Supplier (test)', country: 'AT', vatNumber: 'ATU12345678' },
      admin: { email, password: 'the-original-password', displayName: 'Rita Reset' },
    });
    expect(registered.status).toBe(201);
    const before = await signIn(api.url, email, 'the-original-password');

    const known = await post('/api/v1/auth/password-reset', { email });
    const unknown = await post('/api/v1/auth/password-reset', { email: 'nobody.at.all@nowhere.test' });
    expect(known.status).toBe(202);
    expect(await unknown.json()).toEqual(await known.json());

    const mail = await mailbox.waitFor(email, /Reset your Consortio password/);
    const token = tokenIn(mail.text, 'reset-password');
    expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'short' })).status).toBe(400);
    expect(
      (await post('/api/v1/auth/password-reset/confirm', { token, password: 'the-brand-new-password' })).status,
    ).toBe(204);
    expect(
      (await post('/api/v1/auth/password-reset/confirm', { token, password: 'yet-another-password' })).status,
    ).toBe(410);

    expect((await as(before, api.url, '/api/v1/me')).status).toBe(401);
    await expect(signIn(api.url, email, 'the-original-password')).rejects.toThrow(/401/);
    const after = await signIn(api.url, email, 'the-brand-new-password');

    // E-mail change: confirmed from the new address.
    expect(
      (
        await as(after, api.url, '/api/v1/me/email-change', {
          method: 'POST',
          json: { newEmail: 'rita@smartsupplier.test', password: 'wrong-password-000' },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await as(after, api.url, '/api/v1/me/email-change', {
          method: 'POST',
          json: { newEmail: 'officer@musterstadt.test', password: 'the-brand-new-password' },
        })
      ).status,
    ).toBe(409);
    const change = await as(after, api.url, '/api/v1/me/email-change', {
      method: 'POST',
      json: { newEmail: 'rita@smartsupplier.test', password: 'the-brand-new-password' },
    });
    expect(change.status).toBe(202);
    const confirmation = await mailbox.waitFor('rita@smartsupplier.test');
    expect(
      (await post('/api/v1/auth/email-change/confirm', { token: tokenIn(confirmation.text, 'confirm-email') })).status,
    ).toBe(204);
    const renamed = await signIn(api.url, 'rita@smartsupplier.test', 'the-brand-new-password');
    expect(renamed.user.email).toBe('rita@smartsupplier.test');
  });
});
