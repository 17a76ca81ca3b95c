import { ForbiddenException, Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { AuthConfig, type Principal, PrincipalResolver, verifyAccessToken } from '@consortio/api/platform/auth';
import { SocketAuthenticator } from '@consortio/api/platform/realtime';

/**
 * Socket handshakes carry the access token in `auth.token` (and optionally the acting
 * organisation in `auth.organisationId`). No token means an anonymous connection, which may only
 * join public channels; a bad token refuses the connection.
 */
@Injectable()
export class IdentitySocketAuthenticator extends SocketAuthenticator {
  constructor(
    private readonly config: AuthConfig,
    private readonly resolver: PrincipalResolver,
  ) {
    super();
  }

  async authenticate(handshake: Socket['handshake']): Promise<Principal | null> {
    const auth = (handshake.auth ?? {}) as { token?: unknown; organisationId?: unknown };
    if (auth.token === undefined) return null;
    const claims = typeof auth.token === 'string' ? verifyAccessToken(auth.token, this.config.AUTH_TOKEN_SECRET) : null;
    if (!claims) throw new Error('invalid or expired access token');
    const acting = typeof auth.organisationId === 'string' ? auth.organisationId : null;
    try {
      const principal = await this.resolver.resolve(claims.sub, claims.sid, acting);
      if (!principal) throw new Error('session ended');
      return principal;
    } catch (error) {
      throw new Error(
        error instanceof ForbiddenException ? 'not a member of that organisation' : (error as Error).message,
      );
    }
  }

  /** Re-checked on every join with current data. The only channel today, `system`, is public. */
  async mayJoin(principal: Principal | null, room: string): Promise<boolean> {
    return room === 'channel:system' || principal !== null;
  }
}
