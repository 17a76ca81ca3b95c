import {
  BadRequestException,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACTING_ORGANISATION_HEADER } from '@consortio/shared/contracts';
import type { Request } from 'express';
import { verifyAccessToken } from './access-token';
import { AuthConfig } from './auth.config';
import { POLICY_METADATA, type PolicyDefinition } from './policy';
import { type Principal, PrincipalResolver } from './principal';
import { principalOf, type WithPrincipal } from './request-principal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one gate every route and socket event passes. It finds the handler's declared policy (a
 * handler without one is refused, and the coverage check stops the app from starting), resolves
 * the caller from the bearer token, and asks the policy.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
    private readonly config: AuthConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<PolicyDefinition | undefined>(POLICY_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) throw new ForbiddenException('This operation has no access policy and is refused.');

    let principal: Principal | null;
    let params: Record<string, unknown>;
    if (context.getType() === 'ws') {
      principal = principalOf(context);
      const payload: unknown = context.switchToWs().getData();
      params = payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
    } else {
      const request = context.switchToHttp().getRequest<Request & WithPrincipal>();
      principal = await this.principalFromRequest(request);
      request.principal = principal;
      params = request.params;
    }
    if (!policy.public && !principal) throw new UnauthorizedException('Sign in first.');
    if (await policy.check({ principal, params })) return true;
    throw new ForbiddenException('You are not allowed to do this.');
  }

  /** Public routes still see a valid token, so they can tailor answers; an invalid one is an error. */
  private async principalFromRequest(request: Request): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (!header) return null;
    const match = /^Bearer (\S+)$/.exec(header);
    const claims = match ? verifyAccessToken(match[1], this.config.AUTH_TOKEN_SECRET) : null;
    if (!claims) throw new UnauthorizedException('Your session has expired or the token is invalid: sign in again.');
    const acting = request.headers[ACTING_ORGANISATION_HEADER];
    if (acting !== undefined && (typeof acting !== 'string' || !UUID.test(acting))) {
      throw new BadRequestException(`The ${ACTING_ORGANISATION_HEADER} header must be an organisation id.`);
    }
    const principal = await this.resolver.resolve(claims.sub, claims.sid, acting ?? null);
    if (!principal) throw new UnauthorizedException('Your session has ended: sign in again.');
    return principal;
  }
}
