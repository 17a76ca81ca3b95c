import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import * as Y from 'yjs';
import { toWire } from '@consortio/shared/contracts';

/** The socket.io room of one document; it spans api instances through the Redis adapter. */
export const documentRoom = (documentId: string): string => `document:${documentId}`;

interface Outgoing {
  updates: Uint8Array[];
  /** The sockets that sent them (none for a change made over HTTP). */
  senders: Set<string>;
}

/**
 * Sends stored changes to everyone in a document, through the `/collab` namespace the gateway
 * attaches once it is up: keystrokes the gateway committed, and changes made over HTTP (a
 * restored version).
 *
 * Keystrokes committed together (one INSERT stores every update that queued behind the one
 * before) leave as one merged update per document, not one message per keystroke and reader: a
 * busy document then costs each reader one message per commit, and readers receive steadily
 * instead of in bursts of dozens of messages. A sender is left out when it sent the whole batch;
 * when several did, each also receives its own updates again, which Yjs ignores.
 */
@Injectable()
export class CollabBroadcaster {
  private namespace: Namespace | null = null;
  private readonly outgoing = new Map<string, Outgoing>();

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** A stored change made outside a socket (an HTTP request): to everyone, at once. */
  update(documentId: string, update: Uint8Array): void {
    this.namespace?.to(documentRoom(documentId)).emit('update', { documentId, update: toWire(update) });
  }

  /**
   * A stored change from `senderId`: sent with everything else the same INSERT stored. The
   * appends of one INSERT resume together, one after the other, before any later microtask, so
   * the flush queued by the first runs after the last; it goes out at once, not after the I/O
   * callbacks that wait in the event loop (other keystrokes, database answers).
   */
  committed(documentId: string, update: Uint8Array, senderId: string): void {
    let pending = this.outgoing.get(documentId);
    if (!pending) {
      pending = { updates: [], senders: new Set() };
      this.outgoing.set(documentId, pending);
      queueMicrotask(() => this.flush(documentId));
    }
    pending.updates.push(update);
    pending.senders.add(senderId);
  }

  private flush(documentId: string): void {
    const pending = this.outgoing.get(documentId);
    this.outgoing.delete(documentId);
    if (!pending || !this.namespace) return;
    const update = pending.updates.length === 1 ? pending.updates[0] : Y.mergeUpdates(pending.updates);
    const room = this.namespace.to(documentRoom(documentId));
    const readers = pending.senders.size === 1 ? room.except([...pending.senders]) : room;
    readers.emit('update', { documentId, update: toWire(update) });
  }
}
