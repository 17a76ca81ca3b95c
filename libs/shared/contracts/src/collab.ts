/**
 * The co-editing wire protocol on the socket.io namespace `/collab` (docs/collab-protocol.md).
 * Binary fields are Yjs encodings (update v1, state vector, awareness update) sent as socket.io
 * binary attachments: a Buffer in Node.js, an ArrayBuffer or Uint8Array in browsers.
 */
export const COLLAB_NAMESPACE = '/collab';

/** Largest single update the server accepts; larger edits must be split by the client. */
export const MAX_UPDATE_BYTES = 512 * 1024;
/** Largest awareness update (presence, caret) relayed. */
export const MAX_AWARENESS_BYTES = 16 * 1024;

/** Binary payload as it travels: clients should normalise with `new Uint8Array(value)`. */
export type Binary = Uint8Array | ArrayBuffer;

export type DocumentAccess = 'write' | 'read';

export const COLLAB_ERROR_CODES = [
  'bad-request',
  'not-found',
  'forbidden',
  'not-joined',
  'read-only',
  'too-large',
  'malformed',
  'unavailable',
] as const;
export type CollabErrorCode = (typeof COLLAB_ERROR_CODES)[number];

export interface CollabError {
  ok: false;
  code: CollabErrorCode;
  error: string;
}

/** Join a document's room: send what you have (state vector), get what you lack. */
export interface JoinRequest {
  documentId: string;
  stateVector: Binary;
}

export interface SyncAnswer {
  ok: true;
  documentId: string;
  /** Everything the server has that the state vector lacked (update v1). */
  update: Binary;
  /** The server's state vector: send back `encodeStateAsUpdate(doc, stateVector)` if non-empty. */
  stateVector: Binary;
}

export interface JoinAnswer extends SyncAnswer {
  access: DocumentAccess;
  /** Who is in the document now, this connection included. */
  presence: PresenceEntry[];
}

export type JoinAck = JoinAnswer | CollabError;
export type SyncAck = SyncAnswer | CollabError;

/** One local change. `updateId` is the client's own unique id: a resend with the same id is stored once. */
export interface UpdateRequest {
  documentId: string;
  updateId: string;
  update: Binary;
}

export type UpdateAck = { ok: true; documentId: string; updateId: string } | CollabError;

export interface AwarenessMessage {
  documentId: string;
  update: Binary;
}

export interface DocumentRequest {
  documentId: string;
}

export type LeaveAck = { ok: true; documentId: string } | CollabError;

/** A person in a document, as the server knows them (not as their client claims). */
export interface PresenceEntry {
  userId: string;
  name: string;
  organisationName: string | null;
  colour: string;
  access: DocumentAccess;
  connections: number;
}

/** An accepted update from someone else, after it was stored. */
export interface RemoteUpdate {
  documentId: string;
  update: Binary;
}

export interface CollabServerToClientEvents {
  update: (message: RemoteUpdate) => void;
  awareness: (message: AwarenessMessage) => void;
  presence: (message: { documentId: string; people: PresenceEntry[] }) => void;
}

export interface CollabClientToServerEvents {
  join: (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  sync: (request: JoinRequest, ack: (answer: SyncAck) => void) => void;
  update: (request: UpdateRequest, ack: (answer: UpdateAck) => void) => void;
  awareness: (message: AwarenessMessage) => void;
  leave: (request: DocumentRequest, ack: (answer: LeaveAck) => void) => void;
}

/**
 * How a specification lives in its Yjs document: an array `sections` of maps {id, key, title}
 * in reading order, and one XML fragment per section, named `section:<id>`, holding its
 * rich text as Tiptap/ProseMirror nodes.
 */
export const SECTIONS_ARRAY = 'sections';
export const sectionFragmentName = (sectionId: string): string => `section:${sectionId}`;
