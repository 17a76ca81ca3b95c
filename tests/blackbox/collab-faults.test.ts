import { Client } from 'pg';
import * as Y from 'yjs';
import type { CollabClient, CollabDocument } from '@consortio/shared/collab';
import { collabClient, converged, createSpecification, demoConsortiumId, typeInto } from '../support/collab';
import { type ApiProcess, OwnRedis, sleep, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { type SignedIn, signIn } from '../support/sessions';

/**
 * Faults while people write: the api killed with SIGKILL under 20 writing clients, a Redis
 * restart, and two api instances sharing one document. The promise under test: an acknowledged
 * update is never lost, and everyone converges soon after the fault is over.
 */

interface Writer {
  client: CollabClient;
  document: CollabDocument;
  /** Every update the server acknowledged to this client. */
  acknowledged: Uint8Array[];
}

async function writers(url: string, people: SignedIn[], count: number, documentId: string): Promise<Writer[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const { client } = collabClient(url, people[index % people.length], { resyncIntervalMs: 1_000 });
      const document = await client.open(documentId);
      const acknowledged: Uint8Array[] = [];
      document.on('acknowledged', (ack) => acknowledged.push(ack.update));
      return { client, document, acknowledged };
    }),
  );
}

/** Each writer types its own letter into its own paragraph of the first section, every `everyMs`. */
function startTyping(all: Writer[], sectionId: string, everyMs: number): () => void {
  const timers = all.map((writer, index) =>
    setInterval(() => typeInto(writer.document, sectionId, String.fromCharCode(0x41 + (index % 26))), everyMs),
  );
  return () => timers.forEach((timer) => clearInterval(timer));
}

/** The document as committed in PostgreSQL: snapshot and log. */
async function committedState(db: Client, documentId: string): Promise<Y.Doc> {
  const { rows } = await db.query<{ content: Buffer }>(
    `SELECT state AS content FROM specification_snapshots WHERE specification_id = $1
     UNION ALL SELECT content FROM specification_updates WHERE specification_id = $1`,
    [documentId],
  );
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates(rows.map((row) => row.content)));
  return doc;
}

/**
 * The promise under test: PostgreSQL holds every update any writer was told was stored, and what
 * the writers show is what PostgreSQL holds. Answers how many acknowledged updates were checked.
 */
async function expectNothingLost(db: Client, documentId: string, all: Writer[]): Promise<number> {
  await Promise.all(all.map((writer) => writer.document.flushed()));
  const committed = await committedState(db, documentId);
  const acknowledged = all.flatMap((writer) => writer.acknowledged);
  expect(acknowledged.filter((update) => !contains(committed, update))).toHaveLength(0);
  expect(Y.encodeStateVector(committed)).toEqual(Y.encodeStateVector(all[0].document.doc));
  return acknowledged.length;
}

/** Whether every struct of `update` is already in `doc`. */
function contains(doc: Y.Doc, update: Uint8Array): boolean {
  const missing = Y.diffUpdate(update, Y.encodeStateVector(doc));
  return Y.decodeUpdate(missing).structs.length === 0;
}

describe('co-editing under faults', () => {
  let db: Client;
  let setupApi: ApiProcess;
  let anna: SignedIn;
  let lukas: SignedIn;
  let consortiumId: string;
  const apis: ApiProcess[] = [];
  const everyone: Writer[] = [];

  beforeAll(async () => {
    db = new Client({ connectionString: process.env['DATABASE_URL'] });
    await db.connect();
    setupApi = await startApi(platformEnv());
    apis.push(setupApi);
    [anna, lukas] = await Promise.all(
      ['officer@musterstadt.test', 'officer@beispielheim.test'].map((email) => signIn(setupApi.url, email)),
    );
    consortiumId = await demoConsortiumId(setupApi.url, anna);
  });

  afterAll(async () => {
    everyone.forEach((writer) => writer.client.disconnect());
    await db?.end();
    await Promise.all(apis.map((api) => api.stop()));
  });

  it('loses no acknowledged update when the api is killed with SIGKILL under 20 writers, and all converge within 5 s of the restart', async () => {
    const spec = await createSpecification(setupApi.url, anna, consortiumId, 'Fault: kill -9 of the api');
    const api = await startApi(platformEnv());
    apis.push(api);
    const all = await writers(api.url, [anna, lukas], 20, spec.id);
    everyone.push(...all);
    const section = spec.sections[0].id;
    const stop = startTyping(all, section, 100);
    await sleep(1_500);

    api.child.kill('SIGKILL');
    await api.waitForExit();
    await sleep(1_000); // writers keep typing while the api is gone
    const restarted = await startApi(platformEnv(), { port: Number(new URL(api.url).port) });
    apis.push(restarted);
    const restartedAt = Date.now();
    await sleep(1_000);
    stop();

    await converged(
      all.map((writer) => writer.document),
      5_000 - (Date.now() - restartedAt),
    );
    const convergedAfterMs = Date.now() - restartedAt;
    const acknowledged = await expectNothingLost(db, spec.id, all);
    expect(acknowledged).toBeGreaterThan(200);
    expect(convergedAfterMs).toBeLessThan(5_000);
    console.log(`kill -9: ${acknowledged} acknowledged updates, converged ${convergedAfterMs} ms after the restart`);
  });

  it('loses nothing when Redis restarts mid-session', async () => {
    const redis = await OwnRedis.start();
    try {
      const spec = await createSpecification(setupApi.url, anna, consortiumId, 'Fault: Redis restart');
      const env = platformEnv({ REDIS_URL: redis.url });
      const [first, second] = await Promise.all([startApi(env), startApi(env)]);
      apis.push(first, second);
      const onFirst = await writers(first.url, [anna], 3, spec.id);
      const onSecond = await writers(second.url, [lukas], 3, spec.id);
      const all = [...onFirst, ...onSecond];
      everyone.push(...all);
      const stop = startTyping(all, spec.sections[1].id, 100);
      await sleep(800);
      await redis.stop();
      await sleep(1_500);
      await redis.start();
      await sleep(800);
      stop();
      await converged(
        all.map((writer) => writer.document),
        10_000,
      );
      expect(await expectNothingLost(db, spec.id, all)).toBeGreaterThan(50);
    } finally {
      await redis.stop();
    }
  });

  it('serves one document from two api instances with writers split between them, and they converge', async () => {
    const spec = await createSpecification(setupApi.url, anna, consortiumId, 'Fault: two instances');
    const [first, second] = await Promise.all([startApi(platformEnv()), startApi(platformEnv())]);
    apis.push(first, second);
    const all = [
      ...(await writers(first.url, [anna, lukas], 5, spec.id)),
      ...(await writers(second.url, [lukas, anna], 5, spec.id)),
    ];
    everyone.push(...all);
    const stop = startTyping(all, spec.sections[2].id, 50);
    await sleep(2_000);
    stop();
    const text = await converged(
      all.map((writer) => writer.document),
      5_000,
    );
    for (let index = 0; index < 10; index++) expect(text).toContain(String.fromCharCode(0x41 + index));
  });
});
