import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { Principal } from '@consortio/api/platform/auth';

type Handshake = Socket['handshake'];

/**
 * The hook where authentication plugs into socket.io: every connection to every namespace passes
 * through `authenticate` before it is accepted, and through `mayJoin` before it enters a room.
 * Throwing refuses the connection with the error's message; null admits an anonymous caller.
 */
export abstract class SocketAuthenticator {
  abstract authenticate(handshake: Handshake): Promise<Principal | null>;
  abstract mayJoin(principal: Principal | null, room: string): Promise<boolean>;
}

/** Without identity: everyone is anonymous and may join the public channels. */
@Injectable()
export class AnonymousSocketAuthenticator extends SocketAuthenticator {
  async authenticate(): Promise<Principal | null> {
    return null;
  }

  async mayJoin(): Promise<boolean> {
    return true;
  }
}
