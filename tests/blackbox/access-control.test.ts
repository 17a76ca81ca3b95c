import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type {
  AuditEventView,
  AuditVerification,
  MemberView,
  OpenCallResponseView,
  OpenCallView,
  OrganisationView,
  Page,
  ProblemDetails,
  TenderView,
} from '@consortio/shared/contracts';
import { MATRIX, SUPPLIER_RESOURCE_CASES } from '../support/access-matrix';
import { apiClient } from '../support/api-client';
import { collabClient, createSpecification, demoConsortiumId } from '../support/collab';
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

  /**
   * The resource-level section of the access matrix (SUPPLIER_RESOURCE_CASES): a supplier passes
   * the role gate of these operations, and must still never see a tender before it is published,
   * a specification draft (over REST or the /collab socket), the members' internal needs, a draft
   * call, or another supplier's response.
   */
  describe('what a supplier never sees, whatever its role lets it call', () => {
    const { ok } = apiClient(() => api.url);
    let nora: SignedIn; // Smart Grid Werke GmbH
    let jakob: SignedIn; // Alpen E-Fahrzeuge AG
    let consortiumId: string;
    let tender: TenderView;
    let specificationId: string;
    let draftCall: OpenCallView;
    let openCall: OpenCallView;
    let jakobs: OpenCallResponseView;
    const secret = `Alpen confidential ${randomBytes(4).toString('hex')}`;

    interface Answer {
      status: number;
      text: string;
    }
    const http = async (who: SignedIn, path: string): Promise<Answer> => {
      const response = await as(who, api.url, `/api/v1${path}`);
      return { status: response.status, text: await response.text() };
    };
    const collabJoin = async (who: SignedIn, id: string): Promise<Answer> => {
      const { client } = collabClient(api.url, who);
      try {
        const document = await client.open(id);
        return { status: 200, text: JSON.stringify([...document.doc.share.keys()]) };
      } catch (error) {
        const message = (error as Error).message;
        return { status: /forbidden/.test(message) ? 403 : /not-found/.test(message) ? 404 : 500, text: message };
      } finally {
        client.disconnect();
      }
    };

    /** Each case's request, as the supplier and (to show the resource is there) as a member; and what must not leak. */
    const requests: Record<
      string,
      () => { path: (who: SignedIn) => Promise<Answer>; hidden: string[]; owner?: SignedIn | null }
    > = {
      'GET /tenders/:tenderId': () => ({
        path: (who) => http(who, `/tenders/${tender.id}`),
        hidden: [tender.title],
      }),
      'GET /ocds/tenders/:tenderId/record': () => ({
        path: (who) => http(who, `/ocds/tenders/${tender.id}/record`),
        hidden: [tender.title],
        // Not public before publication, for anyone.
        owner: null,
      }),
      'GET /specifications/:specificationId': () => ({
        path: (who) => http(who, `/specifications/${specificationId}`),
        hidden: ['Supplier-proof draft'],
      }),
      'GET /specifications/:specificationId/versions': () => ({
        path: (who) => http(who, `/specifications/${specificationId}/versions`),
        hidden: ['Supplier-proof draft'],
      }),
      '/collab join': () => ({ path: (who) => collabJoin(who, specificationId), hidden: ['sections'] }),
      'GET /consortia/:consortiumId/needs': () => ({
        path: (who) => http(who, `/consortia/${consortiumId}/needs`),
        hidden: ['budget'],
      }),
      'GET /consortia/:consortiumId/pooled-demand': () => ({
        path: (who) => http(who, `/consortia/${consortiumId}/pooled-demand`),
        hidden: ['budget'],
      }),
      'GET /open-calls/:callId': () => ({
        path: (who) => http(who, `/open-calls/${draftCall.id}`),
        hidden: [draftCall.title],
        // The public page of a call; the consortium reads its draft at /consortium-view.
        owner: null,
      }),
      'GET /open-calls/:callId/responses': () => ({
        path: (who) => http(who, `/open-calls/${openCall.id}/responses`),
        hidden: [secret],
      }),
      'GET /open-calls/:callId/responses/mine': () => ({
        path: (who) => http(who, `/open-calls/${openCall.id}/responses/mine`),
        hidden: [secret, jakobs.id],
        owner: jakob,
      }),
      'GET /open-calls/:callId/responses/:responseId/attachments/:attachmentId': () => ({
        path: (who) =>
          http(who, `/open-calls/${openCall.id}/responses/${jakobs.id}/attachments/${jakobs.attachments[0].id}`),
        hidden: [secret],
      }),
    };

    beforeAll(async () => {
      [nora, jakob] = await Promise.all([
        signIn(api.url, 'sales@smartgrid.test'),
        signIn(api.url, 'bids@alpen-efahrzeuge.test'),
      ]);
      consortiumId = await demoConsortiumId(api.url, officer);
      const tag = randomBytes(4).toString('hex');
      tender = await ok<TenderView>(
        officer,
        'POST',
        `/consortia/${consortiumId}/tenders`,
        { title: `Unpublished tender ${tag}`, procedureType: 'open' },
        201,
      );
      specificationId = (await createSpecification(api.url, officer, consortiumId, `Supplier-proof draft ${tag}`)).id;
      const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
      const draft = (title: string) =>
        ok<OpenCallView>(
          officer,
          'POST',
          `/tenders/${tender.id}/open-calls`,
          {
            kind: 'market-consultation',
            title,
            summary: 'What can you deliver?',
            opensAt: inMinutes(-1),
            closesAt: inMinutes(60),
          },
          201,
        );
      draftCall = await draft(`Draft call ${tag}`);
      openCall = await draft(`Open call ${tag}`);
      await ok(officer, 'POST', `/open-calls/${openCall.id}/publish`);
      for (const who of [nora, jakob]) await ok(who, 'POST', `/open-calls/${openCall.id}/registrations`, {}, 201);
      const form = new FormData();
      form.append('text', secret);
      form.append(
        'attachments',
        new Blob([new Uint8Array(Buffer.from(`%PDF-1.7\n% ${secret}\n%%EOF\n`))], { type: 'application/pdf' }),
        'prices.pdf',
      );
      const sent = await as(jakob, api.url, `/api/v1/open-calls/${openCall.id}/responses`, {
        method: 'POST',
        body: form,
      });
      expect(sent.status).toBe(201);
      jakobs = (await sent.json()) as OpenCallResponseView;
      await ok(nora, 'POST', `/open-calls/${openCall.id}/responses`, { text: 'Smart Grid answer' }, 201);
    });

    it('has a request for every case of the matrix, each through an operation the matrix knows', () => {
      for (const { operation } of SUPPLIER_RESOURCE_CASES) {
        expect({ operation, inMatrix: operation in MATRIX }).toEqual({ operation, inMatrix: true });
        expect({ operation, request: operation in requests }).toEqual({ operation, request: true });
      }
      expect(Object.keys(requests).sort()).toEqual(SUPPLIER_RESOURCE_CASES.map((c) => c.operation).sort());
    });

    it.each(SUPPLIER_RESOURCE_CASES.map((c) => [c.operation, c.resource, c] as const))(
      '%s: keeps %s from a supplier',
      async (operation, _resource, resourceCase) => {
        const { path, hidden, owner = officer } = requests[operation]();
        const asSupplier = await path(nora);
        expect({
          operation,
          status: asSupplier.status,
          keptOut: resourceCase.answers.includes(asSupplier.status),
        }).toEqual({
          operation,
          status: asSupplier.status,
          keptOut: true,
        });
        for (const text of hidden) expect(asSupplier.text).not.toContain(text);
        // The resource is there: whoever it belongs to (the consortium's lead, the other supplier) reads it.
        if (owner) {
          const asOwner = await path(owner);
          expect({ operation, status: asOwner.status }).toEqual({ operation, status: 200 });
          if (operation === 'GET /open-calls/:callId/responses/mine') expect(asOwner.text).toContain(secret);
        }
      },
    );

    it('lets the supplier read its own response and file, so the refusals above are about whose they are', async () => {
      const mine = await ok<Page<OpenCallResponseView>>(nora, 'GET', `/open-calls/${openCall.id}/responses/mine`);
      expect(mine.items.map((item) => item.text)).toEqual(['Smart Grid answer']);
      const theirs = await ok<Page<OpenCallResponseView>>(jakob, 'GET', `/open-calls/${openCall.id}/responses/mine`);
      expect(theirs.items.map((item) => item.id)).toEqual([jakobs.id]);
      const file = `/api/v1/open-calls/${openCall.id}/responses/${jakobs.id}/attachments/${jakobs.attachments[0].id}`;
      expect((await as(jakob, api.url, file)).status).toBe(200);
    });
  });
});
