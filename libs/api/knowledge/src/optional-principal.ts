import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Principal, principalOf } from '@consortio/api/platform/auth';

/**
 * The signed-in person on a public route, or null for anyone else: the policy guard resolves a
 * token sent to a public route too, so an answer can show members a little more.
 */
export const OptionalPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal | null =>
  principalOf(context),
);
