import { ForbiddenException } from '@nestjs/common';
import type { MembershipRole, OrganisationKind, VerificationStatus } from '@consortio/shared/contracts';

/** The organisation a request acts for, and the person's role in it. */
export interface ActingMembership {
  organisationId: string;
  kind: OrganisationKind;
  role: MembershipRole;
  verification: VerificationStatus;
  /** Country or NUTS prefix, for authorities. */
  jurisdiction: string | null;
}

/** An authenticated person as every policy sees them. */
export interface Principal {
  userId: string;
  sessionId: string;
  platformAdmin: boolean;
  memberships: { organisationId: string; role: MembershipRole }[];
  /** null when the person belongs to several organisations and the request did not choose one. */
  acting: ActingMembership | null;
}

/** The organisation the request acts for; 403 naming the header when the person has not chosen one. */
export function actingFor(principal: Principal): ActingMembership {
  if (!principal.acting)
    throw new ForbiddenException('Choose the organisation you act for (header X-Acting-Organisation).');
  return principal.acting;
}

/**
 * Turns verified token claims into a principal, from current data (roles, revoked sessions), so
 * a change of role or a sign-out takes effect at once. Implemented by the identity domain.
 */
export abstract class PrincipalResolver {
  /** null when the user or session no longer exists or was revoked. */
  abstract resolve(userId: string, sessionId: string, actingOrganisationId: string | null): Promise<Principal | null>;
}
