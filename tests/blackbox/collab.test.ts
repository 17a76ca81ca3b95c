import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { type CollabClient, sectionsOf } from '@consortio/shared/collab';
import {
  COLLAB_NAMESPACE,
  type CollabError,
  type CommentThreadView,
  type CommentView,
  MAX_UPDATE_BYTES,
  SOCKET_PARSER,
  type Page,
  type PersonRef,
  type ProblemDetails,
  type SectionActivityView,
  type SectionApprovalView,
  type SpecificationExportView,
  type SpecificationVersionView,
  type SpecificationView,
  type UpdateAck,
  type VersionDiffView,
} from '@consortio/shared/contracts';
import {
  collabClient,
  converged,
  createSpecification,
  demoConsortiumId,
  firstSectionId,
  sectionText,
  typeInto,
} from '../support/collab';
import { type ApiProcess, eventually, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, type SignedIn, signIn } from '../support/sessions';

/**
 * Co-editing through the built api and worker: the `/collab` protocol with the headless client,
 * validation and access on the server, the update log in PostgreSQL, compaction, and everything
 * around the text over HTTP (versions, diff, restore, comments, approvals, activity, exports).
 */
describe('co-editing a specification', () => {
  let api: ApiProcess;
  let worker: PlatformProcess;
  let db: Client;
  let anna: SignedIn; // procurement officer, Musterstadt (lead)
  let lukas: SignedIn; // procurement officer, Beispielheim (member)
  let tobias: SignedIn; // viewer, Musterstadt
  let sophie: SignedIn; // ministry analyst (observer organisation)
  let eva: SignedIn; // procurement officer, Demoing (not a member)
  let consortiumId: string;
  let spec: SpecificationView;
  const clients: CollabClient[] = [];
  const open = (who: SignedIn) => {
    const made = collabClient(api.url, who);
    clients.push(made.client);
    return made;
  };

  beforeAll(async () => {
    // Compaction after 500 rows, so that the test below reaches it with a few hundred keystrokes.
    api = await startApi({ ...platformEnv(), COLLAB_COMPACT_AFTER_UPDATES: '500' });
    worker = startWorker(platformEnv());
    db = new Client({ connectionString: process.env['DATABASE_URL'] });
    await db.connect();
    [anna, lukas, tobias, sophie, eva] = await Promise.all(
      [
        'officer@musterstadt.test',
        'officer@beispielheim.test',
        'viewer@musterstadt.test',
        'analyst@ministry.test',
        'officer@demoing.test',
      ].map((email) => signIn(api.url, email)),
    );
    consortiumId = await demoConsortiumId(api.url, anna);
    spec = await createSpecification(api.url, anna, consortiumId, 'Charging points: black-box specification');
  });

  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('starts a specification from the standard template with its ten sections', () => {
    expect(spec.sections.map((section) => section.key)).toEqual([
      'purpose',
      'scope-lots',
      'functional',
      'technical',
      'data-protection',
      'accessibility',
      'sustainability',
      'award-criteria',
      'contract-kpis',
      'timeline',
    ]);
    expect(spec.access).toBe('write');
  });

  it('lets two municipalities type into one section at once; both converge and every change is in PostgreSQL before its ack', async () => {
    const annaDoc = await open(anna).client.open(spec.id);
    const lukasDoc = await open(lukas).client.open(spec.id);
    const section = firstSectionId(annaDoc.doc);
    expect(sectionsOf(lukasDoc.doc).map((s) => s.id)).toEqual(spec.sections.map((s) => s.id));

    const acked: string[] = [];
    annaDoc.on('acknowledged', (ack) => acked.push(ack.updateId));
    for (let round = 0; round < 10; round++) {
      typeInto(annaDoc, section, 'a');
      typeInto(lukasDoc, section, 'l');
    }
    const text = await converged([annaDoc, lukasDoc], 5_000);
    expect(text.match(/a/g)?.length).toBeGreaterThanOrEqual(10);
    await annaDoc.flushed();
    expect(acked.length).toBe(10);
    const { rows } = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM specification_updates WHERE specification_id = $1 AND update_id = ANY($2)',
      [spec.id, acked],
    );
    expect(Number(rows[0].n)).toBe(10);
    expect(annaDoc.presence.map((person) => person.name).sort()).toEqual(
      [anna.user.displayName, lukas.user.displayName].sort(),
    );
  });

  it('stores an update sent twice with the same id once', async () => {
    const { client } = open(anna);
    const document = await client.open(spec.id);
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(document.doc));
    const changes: Uint8Array[] = [];
    scratch.on('update', (update: Uint8Array) => changes.push(update));
    scratch.getXmlFragment(`section:${firstSectionId(scratch)}`).insert(0, [new Y.XmlElement('paragraph')]);
    const send = () =>
      client.socket.emitWithAck('update', { documentId: spec.id, updateId: 'resent-once', update: changes[0] });
    expect(await send()).toEqual({ ok: true, documentId: spec.id, updateId: 'resent-once' });
    expect(await send()).toEqual({ ok: true, documentId: spec.id, updateId: 'resent-once' });
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM specification_updates WHERE specification_id = $1 AND update_id = 'resent-once'",
      [spec.id],
    );
    expect(Number(rows[0].n)).toBe(1);
  });

  it('rejects a malformed update, an oversized one and a viewer’s write with an error to that client, while others carry on', async () => {
    const writer = open(anna);
    const writerDoc = await writer.client.open(spec.id);
    const other = await open(lukas).client.open(spec.id);
    const viewer = open(tobias);
    const viewerDoc = await viewer.client.open(spec.id);
    expect(viewerDoc.access).toBe('read');
    const send = (update: Uint8Array, updateId: string): Promise<UpdateAck> =>
      writer.client.socket.emitWithAck('update', { documentId: spec.id, updateId, update });

    const malformed = await send(new Uint8Array([200, 1, 2, 3, 4, 5, 6, 7]), 'malformed-1');
    expect(malformed).toMatchObject({ ok: false, code: 'malformed' });
    const oversized = await send(new Uint8Array(MAX_UPDATE_BYTES + 1), 'oversized-1');
    expect(oversized).toMatchObject({ ok: false, code: 'too-large' });
    expect((oversized as CollabError).error).toContain(String(MAX_UPDATE_BYTES));

    const section = firstSectionId(viewerDoc.doc);
    typeInto(viewerDoc, section, 'VIEWER-TEXT');
    await eventually(
      async () => (viewer.errors.some((error) => error.code === 'read-only') ? true : undefined),
      5_000,
      'the viewer to be told the document is read-only',
    );

    typeInto(writerDoc, section, ' still-writing');
    await converged([writerDoc, other], 5_000);
    expect(sectionText(other.doc, section)).toContain('still-writing');
    expect(sectionText(other.doc, section)).not.toContain('VIEWER-TEXT');
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM specification_updates WHERE update_id IN ('malformed-1', 'oversized-1')",
    );
    expect(Number(rows[0].n)).toBe(0);
  });

  it('refuses a person outside the consortium, an unknown document and a connection without a token', async () => {
    const outsider = open(eva);
    await expect(outsider.client.open(spec.id)).rejects.toThrow(/forbidden/);
    await expect(outsider.client.open('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/not-found/);

    const anonymous = io(`${api.url}${COLLAB_NAMESPACE}`, {
      parser: SOCKET_PARSER,
      transports: ['websocket'],
      reconnection: false,
    });
    const refusal = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    anonymous.disconnect();
    expect(refusal.message).toMatch(/sign in/);
  });

  it('lets ministry observers read a shared draft and nothing else', async () => {
    const observer = open(sophie);
    await expect(observer.client.open(spec.id)).rejects.toThrow(/forbidden/);
    const shared = await createSpecification(api.url, anna, consortiumId, 'Shared draft for the ministry', true);
    const document = await observer.client.open(shared.id);
    expect(document.access).toBe('read');
    const list = (await (
      await as(sophie, api.url, `/api/v1/consortia/${consortiumId}/specifications`)
    ).json()) as Page<{ id: string }>;
    // Only drafts shared with observers are listed (the demo data shares one of its own).
    expect(list.items.map((item) => item.id)).toContain(shared.id);
    expect(list.items.map((item) => item.id)).not.toContain(spec.id);
  });

  it('keeps edits made while disconnected and sends them after the reconnection', async () => {
    const { client } = open(lukas);
    const document = await client.open(spec.id);
    const section = firstSectionId(document.doc);
    client.socket.disconnect();
    typeInto(document, section, ' offline-edit');
    expect(document.unacknowledged).toBeGreaterThan(0);
    client.socket.connect();
    await eventually(async () => (document.unacknowledged === 0 ? true : undefined), 5_000, 'the offline edit acked');
    const reader = await open(anna).client.open(spec.id);
    expect(sectionText(reader.doc, section)).toContain('offline-edit');
  });

  it('names versions, shows a section diff, and restores an old version as a new change everyone receives', async () => {
    const writer = await open(anna).client.open(spec.id);
    const watcher = await open(lukas).client.open(spec.id);
    const section = spec.sections[1].id;
    typeInto(writer, section, ' Version one wording.');
    await writer.flushed();
    const first = (await (
      await as(anna, api.url, `/api/v1/specifications/${spec.id}/versions`, {
        method: 'POST',
        json: { label: 'First' },
      })
    ).json()) as SpecificationVersionView;
    expect(first).toMatchObject({ number: 1, label: 'First', author: { name: anna.user.displayName } });

    typeInto(writer, section, ' Added later.');
    await writer.flushed();
    const diff = (await (
      await as(anna, api.url, `/api/v1/specifications/${spec.id}/diff?from=${first.id}&to=current`)
    ).json()) as VersionDiffView;
    const changed = diff.sections.find((candidate) => candidate.sectionId === section);
    expect(changed?.status).toBe('changed');
    expect(changed?.parts.filter((part) => part.kind === 'added').map((part) => part.text.trim())).toEqual([
      'Added later.',
    ]);
    expect(diff.sections.filter((candidate) => candidate.status === 'changed').map((c) => c.sectionId)).toEqual([
      section,
    ]);

    const restored = await as(anna, api.url, `/api/v1/specifications/${spec.id}/versions/${first.id}/restore`, {
      method: 'POST',
    });
    expect(restored.status).toBe(201);
    await eventually(
      async () => (!sectionText(watcher.doc, section).includes('Added later.') ? true : undefined),
      5_000,
      'the restore to reach the other editor',
    );
    expect(sectionText(watcher.doc, section)).toContain('Version one wording.');
    const versions = (await (
      await as(lukas, api.url, `/api/v1/specifications/${spec.id}/versions`)
    ).json()) as Page<SpecificationVersionView>;
    expect(versions.total).toBe(1);
    const log = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM specification_updates WHERE specification_id = $1 AND update_id LIKE 'restore-%'",
      [spec.id],
    );
    expect(Number(log.rows[0].n)).toBe(1);
  });

  it('keeps comment threads with replies, mentions and resolution, and refuses comments from viewers', async () => {
    const section = spec.sections[2].id;
    const post = (who: SignedIn, json: unknown) =>
      as(who, api.url, `/api/v1/specifications/${spec.id}/comments`, { method: 'POST', json });
    const created = await post(anna, {
      sectionId: section,
      body: 'Should we require OCPP 2.0.1?',
      quote: 'functional requirements',
      anchor: { start: 'AAE=', end: 'AAI=' },
      mentions: [lukas.user.id],
    });
    expect(created.status).toBe(201);
    const thread = (await created.json()) as CommentView;
    expect(thread.mentions.map((person) => person.name)).toEqual([lukas.user.displayName]);
    expect((await post(lukas, { sectionId: section, body: 'Yes, and ISO 15118.', parentId: thread.id })).status).toBe(
      201,
    );
    expect((await post(tobias, { sectionId: section, body: 'viewer comment' })).status).toBe(403);
    const badMention = await post(anna, { sectionId: section, body: 'hi', mentions: [eva.user.id] });
    expect(badMention.status).toBe(400);
    expect(await badMention.text()).toContain('mentions');

    const resolved = await as(anna, api.url, `/api/v1/specifications/${spec.id}/comments/${thread.id}`, {
      method: 'PATCH',
      json: { resolved: true },
    });
    expect(((await resolved.json()) as CommentView).resolvedBy?.name).toBe(anna.user.displayName);
    const threads = (await (
      await as(tobias, api.url, `/api/v1/specifications/${spec.id}/comments?sectionId=${section}`)
    ).json()) as Page<CommentThreadView>;
    expect(threads.items).toHaveLength(1);
    expect(threads.items[0].replies.map((reply) => reply.body)).toEqual(['Yes, and ISO 15118.']);
  });

  it('lists the people who can be mentioned, by name or organisation, paged, to members only', async () => {
    const people = async (who: SignedIn, query: string) => {
      const response = await as(who, api.url, `/api/v1/specifications/${spec.id}/people?${query}`);
      return { status: response.status, body: (await response.json()) as Page<PersonRef> & ProblemDetails };
    };
    const everyone = await people(tobias, 'pageSize=100');
    expect(everyone.status).toBe(200);
    const ids = everyone.body.items.map((person) => person.userId);
    expect(ids).toEqual(expect.arrayContaining([anna.user.id, lukas.user.id]));
    expect(ids).not.toContain(eva.user.id);
    expect(everyone.body.total).toBe(ids.length);

    const part = lukas.user.displayName.slice(0, 4);
    const byName = await people(anna, `q=${encodeURIComponent(part.toUpperCase())}`);
    expect(byName.body.items.map((person) => person.userId)).toContain(lukas.user.id);
    for (const person of byName.body.items) {
      expect(`${person.name} ${person.organisationName ?? ''}`.toLowerCase()).toContain(part.toLowerCase());
    }
    expect(byName.body.total).toBeLessThan(ids.length);
    // % and _ are taken literally, not as wildcards.
    expect((await people(anna, 'q=%25')).body.items).toEqual([]);

    const firstPage = await people(anna, 'pageSize=1&page=1');
    expect(firstPage.body.items).toHaveLength(1);
    expect(firstPage.body.total).toBe(ids.length);

    expect((await people(eva, '')).status).toBe(403);
    const bad = await people(anna, `q=${'x'.repeat(101)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('q');
  });

  it('lets a member approve a section; the approval lapses when the section changes afterwards', async () => {
    const section = spec.sections[5].id;
    const approve = await as(lukas, api.url, `/api/v1/specifications/${spec.id}/sections/${section}/approval`, {
      method: 'PUT',
    });
    expect(approve.status).toBe(200);
    expect(((await approve.json()) as SectionApprovalView[]).find((a) => a.sectionId === section)?.state).toBe('valid');
    expect(
      (await as(tobias, api.url, `/api/v1/specifications/${spec.id}/sections/${section}/approval`, { method: 'PUT' }))
        .status,
    ).toBe(403);

    const writer = await open(anna).client.open(spec.id);
    typeInto(writer, section, ' EN 301 549 applies.');
    await writer.flushed();
    const approvals = (await (
      await as(anna, api.url, `/api/v1/specifications/${spec.id}/approvals`)
    ).json()) as SectionApprovalView[];
    expect(approvals.find((approval) => approval.sectionId === section)).toMatchObject({
      state: 'lapsed',
      organisationName: 'Markt Beispielheim',
    });
  });

  it('runs the worker, which compacts, at a lower CPU priority than the api that answers keystrokes', async () => {
    // WORKER_NICENESS defaults to 10, set by the worker as it starts; the api keeps the priority it was started with.
    // Every thread of it: Linux keeps a niceness per thread, and V8's helper threads (its
    // collector's, marking a document being compacted) start before the worker's code runs.
    const threadsOf = (pid: number | undefined) => readdirSync(`/proc/${pid}/task`).map(Number);
    await eventually(
      async () => (threadsOf(worker.child.pid).every((thread) => getPriority(thread) >= 10) ? true : undefined),
      20_000,
      'every thread of the worker to run at a lower CPU priority',
    );
    expect(threadsOf(worker.child.pid).length).toBeGreaterThan(1);
    expect(getPriority(api.child.pid)).toBe(getPriority());
  });

  it('compacts the log under load without losing a concurrent update, and still knows who changed what', async () => {
    const fresh = await createSpecification(api.url, anna, consortiumId, 'Compaction under load');
    const annaDoc = await open(anna).client.open(fresh.id);
    const lukasDoc = await open(lukas).client.open(fresh.id);
    const [first, second] = fresh.sections.map((section) => section.id);
    for (let index = 0; index < 320; index++) {
      typeInto(annaDoc, first, '§');
      typeInto(lukasDoc, second, '¶');
      if (index % 40 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all([annaDoc.flushed(), lukasDoc.flushed()]);
    await eventually(
      async () => {
        const { rows } = await db.query('SELECT upto_id FROM specification_snapshots WHERE specification_id = $1', [
          fresh.id,
        ]);
        return rows.length > 0 ? true : undefined;
      },
      20_000,
      'the worker to compact the log',
    );
    const reader = await open(tobias).client.open(fresh.id);
    expect(sectionText(reader.doc, first).match(/§/g)).toHaveLength(320);
    expect(sectionText(reader.doc, second).match(/¶/g)).toHaveLength(320);
    await converged([annaDoc, lukasDoc, reader], 5_000);

    const activity = (await (
      await as(anna, api.url, `/api/v1/specifications/${fresh.id}/activity`)
    ).json()) as SectionActivityView[];
    const byName = (sectionId: string) =>
      Object.fromEntries(
        (activity.find((entry) => entry.sectionId === sectionId)?.entries ?? []).map((entry) => [
          entry.person.name,
          entry.changes,
        ]),
      );
    expect(byName(first)[anna.user.displayName]).toBeGreaterThanOrEqual(320);
    expect(byName(first)[lukas.user.displayName]).toBeUndefined();
    expect(byName(second)[lukas.user.displayName]).toBe(320);
  });

  it.each(['pdf', 'docx'] as const)(
    'exports the specification as %s through a worker job with progress',
    async (format) => {
      const requested = await as(anna, api.url, `/api/v1/specifications/${spec.id}/exports`, {
        method: 'POST',
        json: { format },
      });
      expect(requested.status).toBe(201);
      const job = (await requested.json()) as SpecificationExportView;
      const done = await eventually(
        async () => {
          const view = (await (
            await as(anna, api.url, `/api/v1/specifications/${spec.id}/exports/${job.id}`)
          ).json()) as SpecificationExportView;
          return view.status === 'done' ? view : undefined;
        },
        20_000,
        `the ${format} export`,
      );
      expect(done.progress).toBe(100);
      const file = await as(lukas, api.url, done.downloadUrl ?? '');
      expect(file.status).toBe(200);
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.subarray(0, 4).toString('latin1')).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
      expect(file.headers.get('content-disposition')).toContain(`.${format}`);
      expect((await as(eva, api.url, done.downloadUrl ?? '')).status).toBe(403);
    },
  );

  it('lets platform administrators manage the clause library, and no one else', async () => {
    const admin = await signIn(api.url, 'admin@consortio.test');
    const clause = {
      key: 'cloud-act-notice',
      title: 'Notice of foreign disclosure requests',
      category: 'data-protection',
      sectionKey: 'data-protection',
      summary: 'The supplier tells the buyer of any request by a foreign authority for its data.',
      body: [{ type: 'paragraph', content: [{ type: 'text', text: 'The supplier informs the buyer without delay.' }] }],
    };
    const post = (who: SignedIn, json: unknown) =>
      as(who, api.url, '/api/v1/specification-clauses', { method: 'POST', json });
    expect((await post(anna, clause)).status).toBe(403);
    const created = await post(admin, clause);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const duplicate = await post(admin, clause);
    expect(duplicate.status).toBe(400);
    expect(await duplicate.text()).toContain('key: a clause with key cloud-act-notice exists');

    const changed = await as(admin, api.url, `/api/v1/specification-clauses/${id}`, {
      method: 'PUT',
      json: { ...clause, title: 'Foreign disclosure requests' },
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { title: string }).title).toBe('Foreign disclosure requests');
    const missing = await as(admin, api.url, '/api/v1/specification-clauses/00000000-0000-4000-8000-000000000000', {
      method: 'PUT',
      json: clause,
    });
    expect(missing.status).toBe(404);
    const found = (await (
      await as(lukas, api.url, '/api/v1/specification-clauses?category=data-protection&q=foreign')
    ).json()) as Page<{ key: string }>;
    expect(found.items.map((item) => item.key)).toEqual(['cloud-act-notice']);
  });

  it('answers bad input over HTTP with a 400 naming the field', async () => {
    const response = await as(anna, api.url, `/api/v1/consortia/${consortiumId}/specifications`, {
      method: 'POST',
      json: { title: 'x', templateId: 'nope' },
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('title');
    expect(body).toContain('templateId');
    const format = await as(anna, api.url, `/api/v1/specifications/${spec.id}/exports`, {
      method: 'POST',
      json: { format: 'odt' },
    });
    expect(format.status).toBe(400);
    expect(await format.text()).toContain('format must be one of pdf, docx');
  });
});
