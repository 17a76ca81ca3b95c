import type { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { OutboxService } from '@consortio/api/platform/queue';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { CollabConfig } from './collab.config';
import { CompactionService } from './compaction.service';
import { DocumentStore } from './document-store';
import { templateDocument } from './specifications.service';

/** A writer that records every change of its own document as an update to append. */
function writer(clientId: number) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

describe('specification documents in PostgreSQL: the update log, catch-up and compaction', () => {
  let dataSource: DataSource;
  let userId: string;
  let organisationId: string;
  let specificationId: string;
  let sections: string[];

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await truncateAll(dataSource);
    [{ id: organisationId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO organisations (kind, name, country, verification)
       VALUES ('central-purchasing-body', 'Einkaufsgemeinschaft Test', 'DE', 'verified') RETURNING id`,
    );
    [{ id: userId }] = await dataSource.query<{ id: string }[]>(
      "INSERT INTO users (email, display_name) VALUES ('writer@example.test', 'Writer') RETURNING id",
    );
    const [{ id: consortiumId }] = await dataSource.query<{ id: string }[]>(
      "INSERT INTO consortia (name, domain, lead_organisation_id) VALUES ('Test consortium', 'ict', $1) RETURNING id",
      [organisationId],
    );
    const [{ id: templateId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO specification_templates (key, name, sections)
       VALUES ('test-template', 'Test template', '[{"key":"a","title":"A","guidance":"First."},{"key":"b","title":"B","guidance":"Second."}]')
       RETURNING id`,
    );
    [{ id: specificationId }] = await dataSource.query<{ id: string }[]>(
      'INSERT INTO specifications (consortium_id, title, template_id) VALUES ($1, $2, $3) RETURNING id',
      [consortiumId, 'Under test', templateId],
    );
    const initial = templateDocument([
      { key: 'a', title: 'A', guidance: 'First.' },
      { key: 'b', title: 'B', guidance: 'Second.' },
    ]);
    await dataSource.query(
      "INSERT INTO specification_updates (specification_id, update_id, content) VALUES ($1, 'template', $2)",
      [specificationId, Buffer.from(initial)],
    );
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial);
    sections = doc
      .getArray<Y.Map<string>>('sections')
      .toArray()
      .map((section) => section.get('id') as string);
  });

  afterAll(() => dataSource.destroy());

  const entry = (update: Uint8Array, updateId: string) => ({ updateId, update, userId, organisationId });

  /** A store with the document loaded, and a writer from its state that appended `count` paragraphs to a section. */
  async function storeAndWriter(clientId: number, sectionId: string, prefix: string, count: number) {
    const store = new DocumentStore(dataSource, new OutboxService(), new CollabConfig());
    const base = await store.current(specificationId);
    const { doc, updates } = writer(clientId);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base.doc));
    updates.length = 0;
    const text = doc.getXmlFragment(`section:${sectionId}`);
    for (let index = 0; index < count; index++) text.insert(text.length, [new Y.XmlText(`${prefix}${index}`)]);
    return { store, base, text, updates };
  }

  it('stores concurrent appends each once, batching them, and ignores a repeated update id', async () => {
    const { store, text, updates } = await storeAndWriter(101, sections[0], 'w', 50);
    await Promise.all(updates.map((update, index) => store.append(specificationId, [entry(update, `batch-${index}`)])));
    await store.append(specificationId, [entry(updates[0], 'batch-0')]);
    const [{ n }] = await dataSource.query<{ n: string }[]>(
      "SELECT count(*) AS n FROM specification_updates WHERE update_id LIKE 'batch-%'",
    );
    expect(Number(n)).toBe(50);
    // Another instance loading from scratch sees all of it.
    const other = new DocumentStore(dataSource, new OutboxService(), new CollabConfig());
    expect((await other.current(specificationId)).doc.getXmlFragment(`section:${sections[0]}`).length).toBe(
      text.length,
    );
    store.onApplicationShutdown();
    other.onApplicationShutdown();
  });

  it('never loses an update appended while a compaction runs, and an instance that loaded earlier catches up', async () => {
    const early = new DocumentStore(dataSource, new OutboxService(), new CollabConfig());
    const earlyDoc = (await early.current(specificationId)).doc;
    const appender = new DocumentStore(dataSource, new OutboxService(), new CollabConfig());
    const compaction = new CompactionService(dataSource);
    const { doc, updates } = writer(202);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate((await appender.current(specificationId)).doc));
    updates.length = 0;
    const text = new Y.XmlText();
    doc.getXmlFragment(`section:${sections[1]}`).insert(0, [text]);
    for (let index = 0; index < 400; index++) text.insert(text.length, '*');
    // A deletion travels in the delete set only: a reload must not miss it.
    text.delete(0, 10);

    // Appends in small groups race several compactions.
    const appends = (async () => {
      for (let index = 0; index < updates.length; index += 10) {
        await appender.append(
          specificationId,
          updates.slice(index, index + 10).map((update, offset) => entry(update, `race-${index + offset}`)),
        );
      }
    })();
    const compactions = (async () => {
      const results = [];
      for (let round = 0; round < 5; round++) {
        results.push(await compaction.compact(specificationId));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return results;
    })();
    const [, results] = await Promise.all([appends, compactions]);
    results.push(await compaction.compact(specificationId));
    expect(results.reduce((sum, result) => sum + result.folded, 0)).toBeGreaterThan(0);

    const [{ n }] = await dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM specification_updates WHERE specification_id = $1',
      [specificationId],
    );
    expect(Number(n)).toBe(0);
    const fromDatabase = new Y.Doc();
    Y.applyUpdate(fromDatabase, await appender.readState(specificationId));
    expect(fromDatabase.getXmlFragment(`section:${sections[1]}`).toString()).toContain('*'.repeat(390));
    expect(fromDatabase.getXmlFragment(`section:${sections[1]}`).toString()).not.toContain('*'.repeat(391));

    const caughtUp = await early.current(specificationId);
    expect(caughtUp.doc).toBe(earlyDoc);
    expect(Y.encodeStateVector(caughtUp.doc)).toEqual(Y.encodeStateVector(fromDatabase));
    expect(caughtUp.doc.getXmlFragment(`section:${sections[1]}`).toString()).toBe(
      fromDatabase.getXmlFragment(`section:${sections[1]}`).toString(),
    );

    const activity = await dataSource.query<{ section_id: string; changes: number }[]>(
      'SELECT section_id, changes FROM section_activity WHERE specification_id = $1 ORDER BY section_id',
      [specificationId],
    );
    expect(activity.find((row) => row.section_id === sections[1])?.changes).toBe(updates.length);
    expect(activity.find((row) => row.section_id === sections[0])?.changes).toBe(50);
    early.onApplicationShutdown();
    appender.onApplicationShutdown();
  });

  it('stores a compacted snapshot uncompressed, however well it would compress', async () => {
    // Every compaction rewrites the whole state; compressing it would cost the database's core more.
    const { store, updates } = await storeAndWriter(404, sections[1], 'open data in open formats; '.repeat(400), 3);
    await store.append(
      specificationId,
      updates.map((update, index) => entry(update, `long-${index}`)),
    );
    expect((await new CompactionService(dataSource).compact(specificationId)).folded).toBeGreaterThan(0);
    const [stored] = await dataSource.query<{ method: string | null; state: number; deletions: number }[]>(
      `SELECT pg_column_compression(state) AS method, octet_length(state) AS state, octet_length(deletions) AS deletions
         FROM specification_snapshots WHERE specification_id = $1`,
      [specificationId],
    );
    expect(stored.state).toBeGreaterThan(30_000);
    expect(stored.method).toBeNull();
    const [{ size }] = await dataSource.query<{ size: number }[]>(
      'SELECT pg_column_size(state) AS size FROM specification_snapshots WHERE specification_id = $1',
      [specificationId],
    );
    expect(size).toBeGreaterThanOrEqual(stored.state);
    store.onApplicationShutdown();
  });

  it("catches up past a compaction from the snapshot's deletions alone when it holds every struct, and still gets another instance's deletion", async () => {
    const mine = new DocumentStore(dataSource, new OutboxService(), new CollabConfig());
    const theirs = new DocumentStore(dataSource, new OutboxService(), new CollabConfig());
    const compaction = new CompactionService(dataSource);
    const { doc, updates } = writer(303);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate((await mine.current(specificationId)).doc));
    updates.length = 0;
    const text = new Y.XmlText();
    doc.getXmlFragment(`section:${sections[0]}`).insert(0, [text]);
    text.insert(0, 'keep this; drop this');
    await mine.append(
      specificationId,
      updates.map((update, index) => entry(update, `light-${index}`)),
    );
    await mine.current(specificationId);
    updates.length = 0;
    text.delete(9, 11);
    // Stored through the other instance: this one never reads the row before it is compacted away.
    await theirs.append(
      specificationId,
      updates.map((update, index) => entry(update, `light-delete-${index}`)),
    );
    expect((await compaction.compact(specificationId)).folded).toBeGreaterThan(0);

    const statements: string[] = [];
    const original = dataSource.query.bind(dataSource);
    const query = jest.spyOn(dataSource, 'query').mockImplementation((sql: string, parameters?: unknown[]) => {
      statements.push(sql);
      return original(sql, parameters);
    });
    let caughtUp;
    try {
      caughtUp = await mine.current(specificationId);
    } finally {
      query.mockRestore();
    }
    expect(statements.some((sql) => sql.includes('deletions AS content'))).toBe(true);
    expect(statements.some((sql) => sql.includes('state AS content'))).toBe(false);
    expect(caughtUp.doc.getXmlFragment(`section:${sections[0]}`).toString()).toContain('keep this');
    expect(caughtUp.doc.getXmlFragment(`section:${sections[0]}`).toString()).not.toContain('drop this');
    const fromDatabase = new Y.Doc();
    Y.applyUpdate(fromDatabase, await mine.readState(specificationId));
    expect(caughtUp.doc.getXmlFragment(`section:${sections[0]}`).toString()).toBe(
      fromDatabase.getXmlFragment(`section:${sections[0]}`).toString(),
    );
    mine.onApplicationShutdown();
    theirs.onApplicationShutdown();
  });

  it('answers each append only once its own row is committed, while later appends overlap the answering', async () => {
    const { store, base, text, updates } = await storeAndWriter(102, sections[1], 'o', 60);
    const unstoredWhenAnswered: string[] = [];
    const appendOne = async (index: number) => {
      const updateId = `overlap-${index}`;
      await store.append(specificationId, [entry(updates[index], updateId)]);
      const rows = await dataSource.query('SELECT 1 FROM specification_updates WHERE update_id = $1', [updateId]);
      if (rows.length === 0) unstoredWhenAnswered.push(updateId);
    };
    // Three writers, each appending its next update as soon as the last is answered: appends keep
    // arriving while an INSERT is in flight and while the one before is being answered.
    await Promise.all(
      [0, 1, 2].map(async (chain) => {
        for (let index = chain; index < updates.length; index += 3) await appendOne(index);
      }),
    );
    expect(unstoredWhenAnswered).toEqual([]);
    const stored = await dataSource.query<{ update_id: string }[]>(
      "SELECT update_id FROM specification_updates WHERE update_id LIKE 'overlap-%' ORDER BY id",
    );
    expect(stored).toHaveLength(60);
    // Each writer's updates committed in the order it sent them.
    for (const chain of [0, 1, 2]) {
      const order = stored.map((row) => Number(row.update_id.slice('overlap-'.length))).filter((i) => i % 3 === chain);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    // The store applied what it stored to its own copy, without reading it back.
    expect(base.doc.getXmlFragment(`section:${sections[1]}`).toString()).toBe(text.toString());
    store.onApplicationShutdown();
  });
});
