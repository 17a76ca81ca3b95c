import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { toWire } from '@consortio/shared/contracts';

/** The socket.io room of one document; it spans api instances through the Redis adapter. */
export const documentRoom = (documentId: string): string => `document:${documentId}`;

/**
 * Lets HTTP handlers send a stored change to everyone in a document (a restored version),
 * through the `/collab` namespace the gateway attaches once it is up.
 */
@Injectable()
export class CollabBroadcaster {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  update(documentId: string, update: Uint8Array): void {
    this.namespace?.to(documentRoom(documentId)).emit('update', { documentId, update: toWire(update) });
  }
}
