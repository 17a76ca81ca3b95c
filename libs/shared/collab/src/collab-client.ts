import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { uuidv4 } from 'lib0/random';
import {
  type Binary,
  COLLAB_NAMESPACE,
  type CollabClientToServerEvents,
  type CollabError,
  type CollabServerToClientEvents,
  type DocumentAccess,
  type JoinAck,
  type PresenceEntry,
  SOCKET_PARSER,
  toWire,
  type SyncAck,
  type UpdateAck,
} from '@consortio/shared/contracts';
import { holdsAllOf, isEmptyStateVector } from './state-vectors';

type CollabSocket = Socket<CollabServerToClientEvents, CollabClientToServerEvents>;

/** Updates applied from the server carry this origin, so they are not sent back. */
export const REMOTE_ORIGIN = Symbol('consortio-collab-remote');

export interface CollabClientOptions {
  /** The api's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Access token; called again on every (re)connection so a refreshed token is used. */
  token: () => string | Promise<string>;
  /** The organisation the person acts for. */
  organisationId?: string;
  /** How often to compare state vectors with the server, repairing anything a hop dropped. 0 turns it off. */
  resyncIntervalMs?: number;
  /** Passed to socket.io-client; tests use `['websocket']`. */
  transports?: ('websocket' | 'polling')[];
  /** Delay before the first reconnection attempt (socket.io's `reconnectionDelay`). */
  reconnectionDelayMs?: number;
  /** In a browser: disconnect when it goes offline and reconnect when it is back, instead of waiting for timeouts. */
  followBrowserNetwork?: boolean;
}

export type CollabStatus = 'connecting' | 'connected' | 'disconnected';

export interface AcknowledgedUpdate {
  documentId: string;
  updateId: string;
  /** The update as sent. */
  update: Uint8Array;
  /** From the local change to the server's acknowledgement (stored in PostgreSQL). */
  latencyMs: number;
}

export interface CollabClientEvents {
  status: (status: CollabStatus) => void;
  error: (error: CollabError & { documentId?: string; updateId?: string }) => void;
}

interface PendingUpdate {
  updateId: string;
  update: Uint8Array;
  createdAt: number;
}

const EMPTY_UPDATE_LENGTH = 2; // an update v1 with no structs and an empty delete set
const toBytes = (value: Binary): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array(value));

/**
 * A headless client of the co-editing protocol (docs/collab-protocol.md): one socket to the
 * `/collab` namespace, any number of open documents. It is what the web editor, the tests and
 * the benchmarks use, in the browser and in Node.js alike.
 *
 * Guarantees: every local change is sent with an id and kept until the server acknowledges that
 * it is stored; after a reconnection the unacknowledged ones are sent again (the server stores a
 * repeated id once), then state vectors are compared and anything still missing either way is
 * exchanged. The same comparison runs periodically, which repairs broadcasts that were lost.
 */
export class CollabClient {
  readonly socket: CollabSocket;
  private readonly documents = new Map<string, CollabDocument>();
  private readonly listeners: { [E in keyof CollabClientEvents]: Set<CollabClientEvents[E]> } = {
    status: new Set(),
    error: new Set(),
  };
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  status: CollabStatus = 'connecting';

  constructor(readonly options: CollabClientOptions) {
    this.socket = io(`${options.url.replace(/\/$/, '')}${COLLAB_NAMESPACE}`, {
      transports: options.transports,
      parser: SOCKET_PARSER,
      // Its own connection, with the timeouts below: socket.io would otherwise share the page's
      // connection to /events, made earlier with other options, and tie reconnection to it.
      multiplex: false,
      reconnectionDelay: options.reconnectionDelayMs ?? 500,
      reconnectionDelayMax: 2_000,
      // A connection attempt that neither opens nor fails (a proxy that accepts and hangs up) is retried.
      timeout: 5_000,
      auth: (send) => {
        void Promise.resolve(options.token()).then((token) =>
          send({ token, ...(options.organisationId ? { organisationId: options.organisationId } : {}) }),
        );
      },
    });
    this.socket.on('connect', () => {
      this.setStatus('connected');
      for (const document of this.documents.values()) void document.rejoin();
    });
    this.socket.on('disconnect', () => this.setStatus('disconnected'));
    this.socket.on('connect_error', (error) => {
      this.setStatus('disconnected');
      this.emit('error', { ok: false, code: 'unavailable', error: error.message });
    });
    this.socket.on('update', ({ documentId, update }) => this.documents.get(documentId)?.receiveUpdate(update));
    this.socket.on('awareness', ({ documentId, update }) => this.documents.get(documentId)?.receiveAwareness(update));
    this.socket.on('presence', ({ documentId, people }) => this.documents.get(documentId)?.receivePresence(people));
    if (options.followBrowserNetwork && typeof window !== 'undefined') {
      window.addEventListener('offline', this.goOffline);
      window.addEventListener('online', this.goOnline);
    }
    const every = options.resyncIntervalMs ?? 15_000;
    if (every > 0) {
      const resyncAll = () => {
        if (!this.socket.connected) return;
        for (const document of this.documents.values()) if (document.joined) void document.resync();
      };
      // The first comparison comes at a random point of the interval: clients that connected
      // together (after a restart of the api, say) do not all ask at the same moment ever after.
      this.resyncTimer = setTimeout(() => {
        resyncAll();
        this.resyncTimer = setInterval(resyncAll, every);
      }, Math.random() * every);
    }
  }

  /** Opens a document: resolves once joined and synchronised, or rejects with the server's reason. */
  async open(documentId: string, doc: Y.Doc = new Y.Doc()): Promise<CollabDocument> {
    const document = this.attach(documentId, doc);
    try {
      await document.joinedOnce;
    } catch (error) {
      this.documents.delete(documentId);
      document.destroy();
      throw error;
    }
    return document;
  }

  /**
   * Starts following a document without waiting for the server: an editor can show and change
   * `doc` at once (say, from what the browser kept offline); it joins whenever it is connected.
   */
  attach(documentId: string, doc: Y.Doc = new Y.Doc()): CollabDocument {
    const existing = this.documents.get(documentId);
    if (existing) return existing;
    const document = new CollabDocument(this, documentId, doc);
    this.documents.set(documentId, document);
    // Rejections are read through `joinedOnce` by whoever waits; an unobserved one must not crash the page.
    document.joinedOnce.catch(() => undefined);
    return document;
  }

  /** Forgets a document on this client; the server is told so others stop seeing this person there. */
  async close(documentId: string): Promise<void> {
    const document = this.documents.get(documentId);
    if (!document) return;
    this.documents.delete(documentId);
    document.destroy();
    if (this.socket.connected) {
      await this.socket
        .timeout(5_000)
        .emitWithAck('leave', { documentId })
        .catch(() => undefined);
    }
  }

  disconnect(): void {
    clearTimeout(this.resyncTimer);
    clearInterval(this.resyncTimer);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.goOffline);
      window.removeEventListener('online', this.goOnline);
    }
    for (const document of this.documents.values()) document.destroy();
    this.documents.clear();
    this.socket.disconnect();
  }

  on<E extends keyof CollabClientEvents>(event: E, listener: CollabClientEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /** @internal */
  emit<E extends keyof CollabClientEvents>(event: E, ...args: Parameters<CollabClientEvents[E]>): void {
    for (const listener of this.listeners[event]) (listener as (...a: typeof args) => void)(...args);
  }

  private readonly goOffline = (): void => {
    this.socket.disconnect();
  };

  private readonly goOnline = (): void => {
    if (!this.socket.connected) this.socket.connect();
  };

  private setStatus(status: CollabStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }
}

export interface CollabDocumentEvents {
  /** Joined (again) and in sync with the server. */
  synced: () => void;
  presence: (people: PresenceEntry[]) => void;
  acknowledged: (ack: AcknowledgedUpdate) => void;
  /** How many local changes wait for the server's acknowledgement, whenever that number changes. */
  unacknowledged: (count: number) => void;
  /** An update from someone else was applied. */
  remoteUpdate: (update: Uint8Array) => void;
}

/** One open document: its Y.Doc, awareness, the caller's access and who else is here. */
export class CollabDocument {
  readonly awareness: Awareness;
  access: DocumentAccess = 'read';
  presence: PresenceEntry[] = [];
  joined = false;
  readonly joinedOnce: Promise<void>;
  private readonly pending = new Map<string, PendingUpdate>();
  private readonly listeners: { [E in keyof CollabDocumentEvents]: Set<CollabDocumentEvents[E]> } = {
    synced: new Set(),
    presence: new Set(),
    acknowledged: new Set(),
    unacknowledged: new Set(),
    remoteUpdate: new Set(),
  };
  private resolveJoined!: () => void;
  private rejectJoined!: (error: Error) => void;
  private destroyed = false;
  /** Updates received in this task, applied on its microtask. */
  private incoming: Uint8Array[] = [];
  private flushWaiters: (() => void)[] = [];
  /** Update ids are this random prefix and a count: unique without drawing 122 random bits per keystroke. */
  private readonly idPrefix = uuidv4();
  private sent = 0;

  constructor(
    private readonly client: CollabClient,
    readonly documentId: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new Awareness(doc);
    this.joinedOnce = new Promise((resolve, reject) => {
      this.resolveJoined = resolve;
      this.rejectJoined = reject;
    });
    doc.on('update', this.onLocalUpdate);
    this.awareness.on('update', this.onAwarenessChange);
    if (client.socket.connected) void this.rejoin();
  }

  /** Local changes not yet acknowledged by the server. */
  get unacknowledged(): number {
    return this.pending.size;
  }

  on<E extends keyof CollabDocumentEvents>(event: E, listener: CollabDocumentEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /** Resolves when every local change so far is acknowledged. */
  flushed(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  /** @internal Join or rejoin after a (re)connection: sync, resend what is unacknowledged, compare again. */
  async rejoin(): Promise<void> {
    if (this.destroyed) return;
    this.joined = false;
    const socket = this.client.socket;
    let answer: JoinAck;
    const stateVector = Y.encodeStateVector(this.doc);
    // A document that held nothing when it asked has nothing the server could lack.
    const heldNothing = isEmptyStateVector(stateVector);
    try {
      answer = await socket
        .timeout(10_000)
        .emitWithAck('join', { documentId: this.documentId, stateVector: toWire(stateVector) });
    } catch {
      return; // disconnected meanwhile: the next connect rejoins
    }
    if (!answer.ok) {
      this.client.emit('error', { ...answer, documentId: this.documentId });
      this.rejectJoined(new Error(`${answer.code}: ${answer.error}`));
      return;
    }
    this.access = answer.access;
    this.applyRemote(toBytes(answer.update));
    this.receivePresence(answer.presence);
    this.joined = true;
    if (this.pending.size > 0) {
      // Resent with their ids (stored once); then compare again for anything else either side lacks.
      for (const pending of [...this.pending.values()]) this.send(pending);
      void this.flushed().then(() => this.resync());
    } else if (this.access === 'write' && !heldNothing) {
      this.sendMissing(toBytes(answer.stateVector));
    }
    if (this.awareness.getLocalState() !== null)
      this.onAwarenessChange({ added: [], updated: [this.doc.clientID], removed: [] });
    this.resolveJoined();
    this.emitLocal('synced');
  }

  /** Compares state vectors with the server and exchanges whatever either side lacks. */
  async resync(): Promise<void> {
    if (!this.joined) return;
    let answer: SyncAck;
    try {
      answer = await this.client.socket
        .timeout(10_000)
        .emitWithAck('sync', { documentId: this.documentId, stateVector: toWire(Y.encodeStateVector(this.doc)) });
    } catch {
      return;
    }
    if (!answer.ok) {
      this.client.emit('error', { ...answer, documentId: this.documentId });
      return;
    }
    this.applyRemote(toBytes(answer.update));
    // Only structs the server lacks make a difference worth encoding: deletions are not in a state
    // vector, but this client's own travel as pending updates until acknowledged, and others'
    // came from the server.
    const serverState = toBytes(answer.stateVector);
    if (this.access === 'write' && this.pending.size === 0 && !holdsAllOf(serverState, Y.encodeStateVector(this.doc)))
      this.sendMissing(serverState);
  }

  /**
   * @internal Updates that arrive together (one read of the socket, delivered in one task) are
   * applied together, in one Yjs transaction, on the microtask after the last of them: observers
   * (the editor's view among them) run once for all of them, and a client that fell behind catches
   * up without paying a transaction per update. One that arrives alone is applied on the microtask
   * after it, before anything else can run.
   */
  receiveUpdate(update: Binary): void {
    this.incoming.push(toBytes(update));
    if (this.incoming.length === 1) queueMicrotask(this.applyIncoming);
  }

  /** @internal */
  receiveAwareness(update: Binary): void {
    applyAwarenessUpdate(this.awareness, toBytes(update), REMOTE_ORIGIN);
  }

  /** @internal */
  receivePresence(people: PresenceEntry[]): void {
    this.presence = people;
    this.emitLocal('presence', people);
  }

  /** @internal */
  destroy(): void {
    this.destroyed = true;
    this.doc.off('update', this.onLocalUpdate);
    this.awareness.off('update', this.onAwarenessChange);
    this.awareness.destroy();
  }

  private readonly applyIncoming = (): void => {
    const updates = this.incoming;
    this.incoming = [];
    if (!this.destroyed) this.applyRemote(...updates);
  };

  /**
   * Applies updates from the server under the remote origin, in one transaction: one set of
   * observer calls. One that cannot be applied does not hold back the others: it is reported as a
   * `malformed` error, and a state-vector comparison fetches whatever it should have brought.
   */
  private applyRemote(...received: Uint8Array[]): void {
    const updates = received.filter((update) => update.length > EMPTY_UPDATE_LENGTH);
    if (updates.length === 0) return;
    const applied: Uint8Array[] = [];
    const failures: string[] = [];
    // Each applyUpdate joins the one transaction (and marks it remote).
    this.doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
          applied.push(update);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }, REMOTE_ORIGIN);
    for (const update of applied) this.emitLocal('remoteUpdate', update);
    if (failures.length === 0) return;
    this.client.emit('error', {
      ok: false,
      code: 'malformed',
      error: `${failures.length} update(s) from the server could not be applied (${failures[0]}); resynchronising`,
      documentId: this.documentId,
    });
    void this.resync();
  }

  private sendMissing(serverStateVector: Uint8Array): void {
    const missing = Y.encodeStateAsUpdate(this.doc, serverStateVector);
    if (missing.length <= EMPTY_UPDATE_LENGTH) return;
    this.track(missing);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    // A change on a read-only document is sent too: the server refuses it and says why.
    if (origin !== REMOTE_ORIGIN) this.track(update);
  };

  private track(update: Uint8Array): void {
    this.sent += 1;
    const pending: PendingUpdate = { updateId: `${this.idPrefix}.${this.sent}`, update, createdAt: Date.now() };
    this.pending.set(pending.updateId, pending);
    this.emitLocal('unacknowledged', this.pending.size);
    if (this.joined && this.client.socket.connected) this.send(pending);
  }

  /**
   * Sends with a plain acknowledgement callback: no timer per keystroke. Without an answer the
   * update stays pending, and a lost connection is what leaves one unanswered; the next join resends.
   */
  private send(pending: PendingUpdate): void {
    this.client.socket.emit(
      'update',
      { documentId: this.documentId, updateId: pending.updateId, update: toWire(pending.update) },
      (answer: UpdateAck) => this.settle(pending, answer),
    );
  }

  private settle(pending: PendingUpdate, answer: UpdateAck): void {
    if (!this.pending.has(pending.updateId)) return;
    if (answer.ok) {
      this.pending.delete(pending.updateId);
      this.emitLocal('acknowledged', {
        documentId: this.documentId,
        updateId: pending.updateId,
        update: pending.update,
        latencyMs: Date.now() - pending.createdAt,
      });
    } else if (answer.code !== 'unavailable') {
      // Refused for good (read-only, malformed, too large): resending cannot help.
      this.pending.delete(pending.updateId);
      this.client.emit('error', { ...answer, documentId: this.documentId, updateId: pending.updateId });
    }
    this.emitLocal('unacknowledged', this.pending.size);
    if (this.pending.size === 0) {
      const waiters = this.flushWaiters;
      this.flushWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  private readonly onAwarenessChange = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin?: unknown,
  ): void => {
    if (origin === REMOTE_ORIGIN || !this.joined || !this.client.socket.connected) return;
    const clients = [...change.added, ...change.updated, ...change.removed].filter((id) => id === this.doc.clientID);
    if (clients.length === 0) return;
    this.client.socket.emit('awareness', {
      documentId: this.documentId,
      update: toWire(encodeAwarenessUpdate(this.awareness, clients)),
    });
  };

  private emitLocal<E extends keyof CollabDocumentEvents>(
    event: E,
    ...args: Parameters<CollabDocumentEvents[E]>
  ): void {
    for (const listener of this.listeners[event]) (listener as (...a: typeof args) => void)(...args);
  }
}
