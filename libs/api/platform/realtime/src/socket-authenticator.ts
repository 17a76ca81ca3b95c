import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';

type Handshake = Socket['handshake'];

/** Who is on the other end of a socket, as established at the handshake. */
export interface SocketPrincipal {
  /** `null` for an anonymous connection. */
  userId: string | null;
  /** Organisation the person acts for, once identity lands. */
  organisationId: string | null;
}

/**
 * The hook where authentication plugs into socket.io: every connection to every namespace passes
 * through `authenticate` before it is accepted, and through `mayJoin` before it enters a room.
 * Throwing refuses the connection with the error's message.
 */
export abstract class SocketAuthenticator {
  abstract authenticate(handshake: Handshake): Promise<SocketPrincipal>;
  abstract mayJoin(principal: SocketPrincipal, room: string): Promise<boolean>;
}

/** Until identity lands: everyone is anonymous and may join the public channels. */
@Injectable()
export class AnonymousSocketAuthenticator extends SocketAuthenticator {
  async authenticate(): Promise<SocketPrincipal> {
    return { userId: null, organisationId: null };
  }

  async mayJoin(): Promise<boolean> {
    return true;
  }
}
