import { Client } from 'pg';
import type {
  AuditEventView,
  AuditVerification,
  MemberView,
  OrganisationView,
  Page,
  ProblemDetails,
} from '@consortio/shared/contracts';
import { type ApiProcess, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, type SignedIn, signIn } from '../support/sessions';

describe('organisations, roles and the audit trail', () => {
  let api: ApiProcess;
  let platformAdmin: SignedIn;
  let officer: SignedIn;
  let orgAdmin: SignedIn;
  let ministry: SignedIn;
  let musterstadt: string;

  beforeAll(async () => {
    api = await startApi(platformEnv());
    [platformAdmin, officer, orgAdmin, ministry] = await Promise.all([
      signIn(api.url, 'admin@consortio.test'),
      signIn(api.url, 'officer@musterstadt.test'),
      signIn(api.url, 'admin@musterstadt.test'),
      signIn(api.url, 'analyst@ministry.test'),
    ]);
    musterstadt = officer.user.memberships[0].organisationId;
  });

  afterAll(() => api?.stop());

  it('lets members read their organisation and keeps others out', async () => {
    expect((await as(null, api.url, `/api/v1/organisations/${musterstadt}`)).status).toBe(401);
    expect((await as(officer, api.url, `/api/v1/organisations/${musterstadt}`)).status).toBe(200);
    expect((await as(ministry, api.url, `/api/v1/organisations/${musterstadt}`)).status).toBe(403);
    expect((await as(platformAdmin, api.url, `/api/v1/organisations/${musterstadt}`)).status).toBe(200);
    const members = (await (
      await as(officer, api.url, `/api/v1/organisations/${musterstadt}/members?pageSize=2`)
    ).json()) as Page<MemberView>;
    // Three in the demo data; other suites may have added colleagues by invitation.
    expect(members.total).toBeGreaterThanOrEqual(3);
    expect(members.items).toHaveLength(2);
  });

  it('refuses an acting organisation the person does not belong to', async () => {
    const ministryOrg = ministry.user.memberships[0].organisationId;
    const response = await as(officer, api.url, '/api/v1/me', { acting: ministryOrg });
    expect(response.status).toBe(403);
    expect(((await response.json()) as ProblemDetails).detail).toContain('not a member');
  });

  it('lets only the organisation admin change roles, never leaving the organisation without one, and audits it', async () => {
    const legal = (await (
      await as(orgAdmin, api.url, `/api/v1/organisations/${musterstadt}/members`)
    ).json()) as Page<MemberView>;
    const legalReviewer = legal.items.find((member) => member.email === 'legal@musterstadt.test');
    const self = legal.items.find((member) => member.email === 'admin@musterstadt.test');
    expect(legalReviewer && self).toBeTruthy();
    const path = `/api/v1/organisations/${musterstadt}/members/${legalReviewer?.userId}`;

    expect((await as(officer, api.url, path, { method: 'PATCH', json: { role: 'viewer' } })).status).toBe(403);
    expect((await as(orgAdmin, api.url, path, { method: 'PATCH', json: { role: 'superuser' } })).status).toBe(400);
    expect((await as(orgAdmin, api.url, path, { method: 'PATCH', json: { role: 'viewer' } })).status).toBe(204);
    const lastAdmin = await as(orgAdmin, api.url, `/api/v1/organisations/${musterstadt}/members/${self?.userId}`, {
      method: 'PATCH',
      json: { role: 'viewer' },
    });
    expect(lastAdmin.status).toBe(409);

    const trail = (await (
      await as(orgAdmin, api.url, `/api/v1/organisations/${musterstadt}/audit-events`)
    ).json()) as Page<AuditEventView>;
    expect(trail.items[0]).toMatchObject({
      action: 'membership.role-changed',
      entityId: legalReviewer?.userId,
      actorUserId: orgAdmin.user.id,
      actorOrganisationId: musterstadt,
      before: { role: 'legal-reviewer' },
      after: { role: 'viewer' },
    });
    expect((await as(officer, api.url, `/api/v1/organisations/${musterstadt}/audit-events`)).status).toBe(403);
    await as(orgAdmin, api.url, path, { method: 'PATCH', json: { role: 'legal-reviewer' } });
  });

  it('gives the platform admin the verification queue and the decision', async () => {
    expect((await as(orgAdmin, api.url, '/api/v1/organisations?verification=pending')).status).toBe(403);
    const queue = (await (
      await as(platformAdmin, api.url, '/api/v1/organisations?verification=pending')
    ).json()) as Page<OrganisationView>;
    const probstadt = queue.items.find((organisation) => organisation.name === 'Stadtgemeinde Probstadt');
    expect(probstadt?.verification).toBe('pending');
    const decided = await as(platformAdmin, api.url, `/api/v1/organisations/${probstadt?.id}/verification`, {
      method: 'POST',
      json: { decision: 'verified', note: 'Checked against the municipal register' },
    });
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as OrganisationView).verification).toBe('verified');
  });

  it('registers organisations with field-level validation', async () => {
    const register = (body: unknown) => as(null, api.url, '/api/v1/organisations', { method: 'POST', json: body });
    const admin = { email: 'kaemmerei@neudorf.test', password: 'a-long-enough-password', displayName: 'Kim Neu' };

    const missing = await register({ organisation: { kind: 'municipality', name: 'Neudorf' }, admin });
    expect(missing.status).toBe(400);
    const fields = ((await missing.json()) as ProblemDetails).errors?.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['organisation.nutsCode', 'organisation.population']));

    const unknownRegion = await register({
      organisation: { kind: 'municipality', name: 'Neudorf', nutsCode: 'DE999', population: 900 },
      admin,
    });
    expect(unknownRegion.status).toBe(400);
    expect(((await unknownRegion.json()) as ProblemDetails).errors).toEqual([
      { field: 'organisation.nutsCode', message: 'nutsCode DE999 is not a known NUTS 3 region' },
    ]);

    const weak = await register({
      organisation: { kind: 'supplier', name: 'X GmbH', country: 'DE', vatNumber: 'DE111' },
      admin: { ...admin, password: 'short' },
    });
    expect(((await weak.json()) as ProblemDetails).errors).toEqual([
      { field: 'admin.password', message: 'password must be at least 12 characters' },
    ]);

    const created = await register({
      organisation: { kind: 'municipality', name: 'Neudorf', nutsCode: 'DE217', population: 900 },
      admin,
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { organisation: OrganisationView };
    expect(body.organisation).toMatchObject({ country: 'DE', verification: 'pending' });
    expect(
      (
        await register({
          organisation: { kind: 'municipality', name: 'Neudorf 2', nutsCode: 'DE217', population: 900 },
          admin,
        })
      ).status,
    ).toBe(409);
    const session = await signIn(api.url, admin.email, admin.password);
    expect(session.user.memberships[0]).toMatchObject({ role: 'org-admin', verification: 'pending' });
  });

  it('detects a tampered audit event, and only the platform admin may ask', async () => {
    expect((await as(orgAdmin, api.url, '/api/v1/audit-events/verification')).status).toBe(403);
    const before = (await (
      await as(platformAdmin, api.url, '/api/v1/audit-events/verification')
    ).json()) as AuditVerification;
    expect(before).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(before.checked).toBeGreaterThan(0);

    const database = new Client({ connectionString: process.env['DATABASE_URL'] });
    await database.connect();
    try {
      // The table refuses changes; someone with superuser rights bypasses the trigger.
      await expect(database.query("UPDATE audit_events SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await database.query('BEGIN');
      await database.query('SET LOCAL session_replication_role = replica');
      const [{ summary }] = (
        await database.query<{ summary: unknown }>('SELECT summary FROM audit_events WHERE seq = 1')
      ).rows;
      await database.query(`UPDATE audit_events SET summary = '{"after":{"role":"org-admin"}}' WHERE seq = 1`);
      await database.query('COMMIT');
      const after = (await (
        await as(platformAdmin, api.url, '/api/v1/audit-events/verification')
      ).json()) as AuditVerification;
      expect(after).toMatchObject({ ok: false, firstBrokenSeq: 1, reason: 'its content does not match its hash' });

      await database.query('BEGIN');
      await database.query('SET LOCAL session_replication_role = replica');
      await database.query('UPDATE audit_events SET summary = $1 WHERE seq = 1', [JSON.stringify(summary)]);
      await database.query('COMMIT');
      expect(
        ((await (await as(platformAdmin, api.url, '/api/v1/audit-events/verification')).json()) as AuditVerification)
          .ok,
      ).toBe(true);
    } finally {
      await database.end();
    }
  });
});
