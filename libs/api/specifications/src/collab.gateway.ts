import { HttpException, Injectable, Logger, UseGuards } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import * as Y from 'yjs';
import {
  COLLAB_NAMESPACE,
  type CollabError,
  type CollabErrorCode,
  type DocumentAccess,
  type JoinAck,
  type LeaveAck,
  MAX_AWARENESS_BYTES,
  MAX_UPDATE_BYTES,
  type PresenceEntry,
  type SyncAck,
  toWire,
  type UpdateAck,
} from '@consortio/shared/contracts';
import { personColour } from '@consortio/shared/domain';
import { DirectSocketEvent, Policies, Policy, PolicyGuard, type Principal } from '@consortio/api/platform/auth';
import { SocketAuthenticator } from '@consortio/api/platform/realtime';
import { decodeAwareness, encodeAwareness } from './awareness-codec';
import { CollabBroadcaster, documentRoom } from './collab-broadcaster';
import { DocumentStore } from './document-store';
import { SpecificationAccess } from './specification-access';

interface JoinedDocument {
  access: DocumentAccess;
  organisationId: string;
  /** Awareness client ids this socket announced, with their last clock: cleared for others when it goes. */
  awareness: Record<number, number>;
}

interface CollabSocketData {
  principal: Principal;
  person: { userId: string; name: string; organisationName: string | null; colour: string };
  documents: Record<string, JoinedDocument>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPDATE_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const WARM_DELAY_MS = 250;
const refuse = (code: CollabErrorCode, error: string): CollabError => ({ ok: false, code, error });

function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

/**
 * The co-editing transport (docs/collab-protocol.md): one room per document, the Yjs sync
 * protocol on acknowledged events. An update is checked (joined with write access, size,
 * decodes) and committed to the log in PostgreSQL before it is acknowledged and broadcast (what
 * one commit stored leaves as one merged update, see CollabBroadcaster); the room spans api
 * instances through the Redis adapter. Awareness (carets) is relayed with the person's identity
 * as the server knows it, and presence lists everyone in the room.
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
@UseGuards(PolicyGuard)
@Injectable()
export class CollabGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(CollabGateway.name);

  @WebSocketServer()
  private namespace!: Namespace;

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly access: SpecificationAccess,
    private readonly store: DocumentStore,
    private readonly broadcaster: CollabBroadcaster,
  ) {}

  afterInit(namespace: Namespace): void {
    this.broadcaster.attach(namespace);
    namespace.use((socket, next) => {
      this.authenticator
        .authenticate(socket.handshake)
        .then((principal) => {
          if (!principal) return next(new Error('sign in to open documents (auth.token)'));
          const data = socket.data as CollabSocketData;
          data.principal = principal;
          data.documents = {};
          data.person = {
            userId: principal.userId,
            name: '',
            organisationName: null,
            colour: personColour(principal.userId),
          };
          next();
        })
        .catch((error: unknown) => next(new Error(error instanceof Error ? error.message : 'Not authenticated')));
    });
    // Keystrokes and carets, the messages every editor sends many times a second, go straight to
    // their handlers: Nest's per-message pipeline (context, guards, interceptors, observables) would
    // cost each of them more than checking it does, and guards nothing the handshake has not.
    namespace.on('connection', (socket: Socket) => {
      socket.on('update', (request: unknown, ack?: unknown) => {
        void this.update(socket, request)
          .catch((error: unknown) => {
            this.logger.error(`an update failed: ${(error as Error).message}`);
            return refuse('unavailable', 'The update could not be stored; it will be sent again.');
          })
          .then((answer) => {
            if (typeof ack === 'function') ack(answer);
          });
      });
      socket.on('awareness', (request: unknown) => {
        try {
          this.awareness(socket, request);
        } catch (error) {
          this.logger.warn(`a caret update was not relayed: ${(error as Error).message}`);
        }
      });
    });
  }

  @Policy(Policies.public)
  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() socket: Socket,
    @MessageBody() request: unknown,
    @Ack() ack: ((answer: JoinAck) => void) | undefined,
  ): Promise<void> {
    const answer = await this.joinAnswer(socket, request);
    ack?.(answer);
    if (answer.ok) this.warmLater(answer.documentId);
  }

  @Policy(Policies.public)
  @SubscribeMessage('sync')
  async sync(
    @ConnectedSocket() socket: Socket,
    @MessageBody() request: unknown,
    @Ack() ack: ((answer: SyncAck) => void) | undefined,
  ): Promise<void> {
    const answer = await this.syncAnswer(socket, request);
    ack?.(answer);
    if (answer.ok) this.warmLater(answer.documentId);
  }

  /**
   * Builds a document this instance answered cold, a moment after the answer: decoding a large
   * document blocks the event loop (some 50 ms per MB), and the answer's bytes are still being
   * written to the socket right after the acknowledgement.
   */
  private warmLater(documentId: string): void {
    setTimeout(() => this.store.warm(documentId), WARM_DELAY_MS).unref();
  }

  private async joinAnswer(socket: Socket, request: unknown): Promise<JoinAck> {
    const data = socket.data as CollabSocketData;
    const documentId = this.documentIdOf(request);
    const stateVector = bytesOf((request as { stateVector?: unknown } | null)?.stateVector);
    if (!documentId) return refuse('bad-request', 'documentId must be the id (a UUID) of a specification');
    if (!stateVector) return refuse('bad-request', 'stateVector must be a Yjs state vector (binary)');
    let caller;
    try {
      caller = await this.access.require(data.principal, documentId, 'read');
    } catch (error) {
      return this.refusal(error);
    }
    // In the room before the state is read: nothing committed meanwhile can fall between the two.
    if (!data.documents[documentId]) this.store.retain(documentId);
    data.documents[documentId] = { access: caller.access, organisationId: caller.organisationId, awareness: {} };
    data.person = { ...data.person, name: caller.person.name, organisationName: caller.person.organisationName };
    await socket.join(documentRoom(documentId));
    try {
      const answer = await this.store.syncAnswer(documentId, stateVector);
      const presence = await this.presence(documentId);
      socket.to(documentRoom(documentId)).emit('presence', { documentId, people: presence });
      return {
        ok: true,
        documentId,
        access: caller.access,
        update: toWire(answer.update),
        stateVector: toWire(answer.stateVector),
        presence,
      };
    } catch (error) {
      this.logger.error(`join ${documentId} failed: ${(error as Error).message}`);
      await this.depart(socket, documentId);
      return refuse('unavailable', 'The document could not be loaded; try again shortly.');
    }
  }

  private async syncAnswer(socket: Socket, request: unknown): Promise<SyncAck> {
    const documentId = this.documentIdOf(request);
    const stateVector = bytesOf((request as { stateVector?: unknown } | null)?.stateVector);
    if (!documentId || !stateVector) return refuse('bad-request', 'documentId and stateVector are required');
    if (!(socket.data as CollabSocketData).documents[documentId])
      return refuse('not-joined', 'join the document first');
    try {
      const answer = await this.store.syncAnswer(documentId, stateVector);
      return { ok: true, documentId, update: toWire(answer.update), stateVector: toWire(answer.stateVector) };
    } catch (error) {
      this.logger.error(`sync ${documentId} failed: ${(error as Error).message}`);
      return refuse('unavailable', 'The document could not be loaded; try again shortly.');
    }
  }

  /** An update: checked, committed to the log, then acknowledged and sent to the others. */
  @Policy(Policies.public)
  @DirectSocketEvent('update')
  async update(socket: Socket, request: unknown): Promise<UpdateAck> {
    const data = socket.data as CollabSocketData;
    const body = (request ?? {}) as { documentId?: unknown; updateId?: unknown; update?: unknown };
    const documentId = this.documentIdOf(request);
    if (!documentId) return refuse('bad-request', 'documentId must be the id (a UUID) of a specification');
    const joined = data.documents[documentId];
    if (!joined) return refuse('not-joined', 'join the document before sending updates');
    if (typeof body.updateId !== 'string' || !UPDATE_ID.test(body.updateId)) {
      return refuse('bad-request', 'updateId must be 1 to 100 letters, digits or "_.:-"');
    }
    if (joined.access !== 'write') return refuse('read-only', 'You can read this specification but not change it.');
    const update = bytesOf(body.update);
    if (!update) return refuse('bad-request', 'update must be a Yjs update (binary)');
    if (update.byteLength > MAX_UPDATE_BYTES) {
      return refuse(
        'too-large',
        `An update may be at most ${MAX_UPDATE_BYTES} bytes; this one has ${update.byteLength}.`,
      );
    }
    if (!this.decodes(update)) return refuse('malformed', 'update is not a valid Yjs update (v1 encoding)');
    try {
      await this.store.append(documentId, [
        { updateId: body.updateId, update, userId: data.principal.userId, organisationId: joined.organisationId },
      ]);
    } catch (error) {
      this.logger.error(`storing an update of ${documentId} failed: ${(error as Error).message}`);
      return refuse('unavailable', 'The update could not be stored; it will be sent again.');
    }
    this.broadcaster.committed(documentId, update, socket.id);
    return { ok: true, documentId, updateId: body.updateId };
  }

  /** Carets and selections: relayed to the room with the sender's identity as the server knows it. */
  @Policy(Policies.public)
  @DirectSocketEvent('awareness')
  awareness(socket: Socket, request: unknown): void {
    const data = socket.data as CollabSocketData;
    const documentId = this.documentIdOf(request);
    const update = bytesOf((request as { update?: unknown } | null)?.update);
    const joined = documentId ? data.documents[documentId] : undefined;
    if (!documentId || !joined || !update || update.byteLength > MAX_AWARENESS_BYTES) return;
    let entries;
    try {
      entries = decodeAwareness(update);
    } catch {
      return;
    }
    // Who someone is comes from the server, whatever their client claims.
    const user = { name: data.person.name, organisation: data.person.organisationName, colour: data.person.colour };
    for (const entry of entries) {
      joined.awareness[entry.clientId] = entry.clock;
      if (entry.state) entry.state = { ...entry.state, user };
    }
    socket.to(documentRoom(documentId)).emit('awareness', { documentId, update: toWire(encodeAwareness(entries)) });
  }

  @Policy(Policies.public)
  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() request: unknown): Promise<LeaveAck> {
    const documentId = this.documentIdOf(request);
    if (!documentId) return refuse('bad-request', 'documentId must be the id (a UUID) of a specification');
    await this.depart(socket, documentId);
    return { ok: true, documentId };
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const documents = Object.keys((socket.data as CollabSocketData).documents ?? {});
    await Promise.all(documents.map((documentId) => this.depart(socket, documentId)));
  }

  private async depart(socket: Socket, documentId: string): Promise<void> {
    const data = socket.data as CollabSocketData;
    const joined = data.documents[documentId];
    if (!joined) return;
    delete data.documents[documentId];
    this.store.release(documentId);
    await socket.leave(documentRoom(documentId));
    const gone = Object.entries(joined.awareness).map(([clientId, clock]) => ({
      clientId: Number(clientId),
      clock: clock + 1,
      state: null,
    }));
    if (gone.length > 0) {
      this.namespace
        .to(documentRoom(documentId))
        .emit('awareness', { documentId, update: toWire(encodeAwareness(gone)) });
    }
    try {
      this.namespace
        .to(documentRoom(documentId))
        .emit('presence', { documentId, people: await this.presence(documentId) });
    } catch (error) {
      this.logger.warn(`presence of ${documentId} not sent: ${(error as Error).message}`);
    }
  }

  /** Everyone in the room across api instances, one entry per person. */
  private async presence(documentId: string): Promise<PresenceEntry[]> {
    const sockets = await this.namespace.in(documentRoom(documentId)).fetchSockets();
    const people = new Map<string, PresenceEntry>();
    for (const remote of sockets) {
      const data = remote.data as CollabSocketData;
      const joined = data.documents?.[documentId];
      if (!joined || !data.person) continue;
      const known = people.get(data.person.userId);
      if (known) {
        known.connections += 1;
        if (joined.access === 'write') known.access = 'write';
        continue;
      }
      people.set(data.person.userId, { ...data.person, access: joined.access, connections: 1 });
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private decodes(update: Uint8Array): boolean {
    // Decoding reads every struct and the delete set; a truncated or foreign buffer throws.
    try {
      Y.decodeUpdate(update);
      return true;
    } catch {
      return false;
    }
  }

  private documentIdOf(request: unknown): string | null {
    const id = (request as { documentId?: unknown } | null)?.documentId;
    return typeof id === 'string' && UUID.test(id) ? id : null;
  }

  private refusal(error: unknown): CollabError {
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return refuse(status === 404 ? 'not-found' : status === 403 ? 'forbidden' : 'bad-request', error.message);
    }
    this.logger.error(`access check failed: ${(error as Error).message}`);
    return refuse('unavailable', 'Access could not be checked; try again shortly.');
  }
}
