import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Principal } from './principal';

/** Where the guard leaves the principal: on the HTTP request, or in socket.data. */
export interface WithPrincipal {
  principal?: Principal | null;
}

export function principalOf(context: ExecutionContext): Principal | null {
  if (context.getType() === 'ws') {
    return context.switchToWs().getClient<{ data: WithPrincipal }>().data.principal ?? null;
  }
  return context.switchToHttp().getRequest<WithPrincipal>().principal ?? null;
}

/** The signed-in person of the request; routes using it must have a non-public policy. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context);
  if (!principal) throw new UnauthorizedException('Sign in first.');
  return principal;
});
