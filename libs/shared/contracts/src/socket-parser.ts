import * as msgpackParser from 'socket.io-msgpack-parser';

/**
 * The socket.io parser of every connection to the api (`/events` and `/collab`): MessagePack.
 * socket.io's default parser sends a message that carries binary (every Yjs update) as two
 * WebSocket frames, a JSON header and the attachment, which doubles the writes per message when
 * an update is fanned out to everyone in a document; MessagePack carries it in one frame. Server
 * and clients must use the same parser (docs/collab-protocol.md).
 */
export const SOCKET_PARSER = msgpackParser;

interface BufferConstructorLike {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): Uint8Array;
}
const NodeBuffer = (globalThis as { Buffer?: BufferConstructorLike }).Buffer;

/**
 * Binary in the one form MessagePack writes as plain binary (`bin`) on this platform. In
 * Node.js that is a `Buffer` (any other typed array or `ArrayBuffer` becomes an extension type
 * that browsers decode as `[type, data]`); in a browser it is an `ArrayBuffer` (a `Uint8Array`
 * becomes a map of its bytes). Neither copies when the array spans its whole buffer, as Yjs's do.
 */
export function toWire(bytes: Uint8Array): Uint8Array | ArrayBuffer {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : (bytes.slice().buffer as ArrayBuffer);
}
