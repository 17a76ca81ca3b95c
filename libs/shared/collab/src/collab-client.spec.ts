import * as Y from 'yjs';
import { CollabClient, REMOTE_ORIGIN } from './collab-client';

/** Three edits of another person, each as the server would forward it. */
function editsOfSomeoneElse(): Uint8Array[] {
  const other = new Y.Doc();
  const updates: Uint8Array[] = [];
  other.on('update', (update: Uint8Array) => updates.push(update));
  const text = other.getText('section');
  text.insert(0, 'Open ');
  text.insert(5, 'data ');
  text.insert(10, 'formats');
  return updates;
}

describe('CollabDocument receiving updates', () => {
  // Nothing listens on port 9: the document is attached, not joined, and receives as it would.
  let client: CollabClient;
  beforeEach(() => {
    client = new CollabClient({ url: 'http://127.0.0.1:9', token: () => 'token', resyncIntervalMs: 0 });
  });
  afterEach(() => client.disconnect());

  it('applies updates that arrive in one task together, in one remote transaction', async () => {
    const document = client.attach('document-1');
    const transactions: Y.Transaction[] = [];
    document.doc.on('afterTransaction', (transaction: Y.Transaction) => transactions.push(transaction));
    const applied: Uint8Array[] = [];
    document.on('remoteUpdate', (update) => applied.push(update));
    const updates = editsOfSomeoneElse();

    // The last first: Yjs holds an update until what it builds on arrives, within the batch too.
    for (const update of [updates[2], updates[0], updates[1]]) document.receiveUpdate(update);
    expect(document.doc.getText('section').toString()).toBe('');
    await Promise.resolve();

    expect(document.doc.getText('section').toString()).toBe('Open data formats');
    expect(transactions).toHaveLength(1);
    expect(transactions[0].origin).toBe(REMOTE_ORIGIN);
    expect(transactions[0].local).toBe(false);
    expect(applied).toEqual([updates[2], updates[0], updates[1]]);
    // Someone else's changes are not sent back as this client's own.
    expect(document.unacknowledged).toBe(0);
  });

  it('applies an update that arrives alone in its own transaction, and the next task again', async () => {
    const document = client.attach('document-2');
    let transactions = 0;
    document.doc.on('afterTransaction', () => (transactions += 1));
    const [first, second] = editsOfSomeoneElse();

    document.receiveUpdate(first);
    await Promise.resolve();
    expect(document.doc.getText('section').toString()).toBe('Open ');
    document.receiveUpdate(second);
    await Promise.resolve();

    expect(document.doc.getText('section').toString()).toBe('Open data ');
    expect(transactions).toBe(2);
    expect(document.unacknowledged).toBe(0);
  });

  it('applies the rest of a batch when one update of it cannot be applied, and reports that one', async () => {
    const document = client.attach('document-4');
    const errors: { code: string; error: string; documentId?: string }[] = [];
    client.on('error', (error) => errors.push(error));
    const applied: Uint8Array[] = [];
    document.on('remoteUpdate', (update) => applied.push(update));
    const [first, second, third] = editsOfSomeoneElse();
    const broken = new Uint8Array([1, 2, 3, 4, 5]); // decodes past its end

    for (const update of [first, broken, second, third]) document.receiveUpdate(update);
    await Promise.resolve();

    expect(document.doc.getText('section').toString()).toBe('Open data formats');
    expect(applied).toEqual([first, second, third]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'malformed', documentId: 'document-4' });
    expect(errors[0].error).toContain('1 update(s) from the server could not be applied');
  });

  it('applies nothing to a document closed before its microtask', async () => {
    const document = client.attach('document-3');
    document.receiveUpdate(editsOfSomeoneElse()[0]);
    await client.close('document-3');
    await Promise.resolve();
    expect(document.doc.getText('section').toString()).toBe('');
  });
});
