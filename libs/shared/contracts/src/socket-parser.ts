import * as msgpackParser from 'socket.io-msgpack-parser';

/**
 * The socket.io parser of every connection to the api (`/events` and `/collab`): MessagePack.
 * socket.io's default parser sends a message that carries binary (every Yjs update) as two
 * WebSocket frames, a JSON header and the attachment, which doubles the writes per message when
 * an update is fanned out to everyone in a document; MessagePack carries it in one frame. Server
 * and clients must use the same parser (docs/collab-protocol.md).
 */
export const SOCKET_PARSER = msgpackParser;
