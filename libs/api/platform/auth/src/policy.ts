import { ForbiddenException, SetMetadata } from '@nestjs/common';
import { ACTING_ROLES, MEMBERSHIP_ROLES, type MembershipRole, WRITING_ROLES } from '@consortio/shared/contracts';
import type { Principal } from './principal';

export interface PolicyContext {
  principal: Principal | null;
  /** Route parameters (HTTP) or the message payload's fields (socket). */
  params: Record<string, unknown>;
}

/**
 * A named access rule. `public` rules admit anonymous callers; every other rule answers 401
 * without a principal before its check runs. A check returns false for 403, or throws an
 * HttpException of its own (for example 404 to hide that a resource exists).
 */
export interface PolicyDefinition {
  name: string;
  public: boolean;
  check: (context: PolicyContext) => boolean | Promise<boolean>;
}

export const POLICY_METADATA = 'consortio:policy';

/** Declares who may call a route or socket event. Every handler must have one (checked at boot). */
export const Policy = (policy: PolicyDefinition) => SetMetadata(POLICY_METADATA, policy);

function actingRoleIn(principal: Principal, roles: readonly MembershipRole[]): boolean {
  if (!principal.acting) {
    // Someone who belongs to no organisation (a platform administrator) simply may not.
    if (principal.memberships.length === 0) return false;
    throw new ForbiddenException(
      'You belong to several organisations: choose the one you act for (header X-Acting-Organisation).',
    );
  }
  return roles.includes(principal.acting.role);
}

export const Policies = {
  /** Anyone, signed in or not. */
  public: { name: 'public', public: true, check: () => true } satisfies PolicyDefinition,

  /** Any signed-in person. */
  signedIn: {
    name: 'signed-in',
    public: false,
    check: ({ principal }) => principal !== null,
  } satisfies PolicyDefinition,

  /** Platform administrators only. */
  platformAdmin: {
    name: 'platform-admin',
    public: false,
    check: ({ principal }) => principal?.platformAdmin === true,
  } satisfies PolicyDefinition,

  /** Someone acting for the organisation named by route parameter `param`, with one of `roles`. */
  organisationRole(roles: readonly MembershipRole[], param = 'organisationId'): PolicyDefinition {
    return {
      name: `organisation-role(${roles.join('|')})`,
      public: false,
      check: ({ principal, params }) =>
        principal !== null && principal.acting?.organisationId === params[param] && actingRoleIn(principal, roles),
    };
  },

  /** Someone acting for any organisation with one of `roles`. */
  actingRole(roles: readonly MembershipRole[]): PolicyDefinition {
    return {
      name: `acting-role(${roles.join('|')})`,
      public: false,
      check: ({ principal }) => principal !== null && actingRoleIn(principal, roles),
    };
  },

  /** Passes when any of the given rules passes. */
  anyOf(...policies: PolicyDefinition[]): PolicyDefinition {
    return {
      name: policies.map((policy) => policy.name).join(' or '),
      public: policies.some((policy) => policy.public),
      check: async (context) => {
        for (const policy of policies) {
          if (!policy.public && context.principal === null) continue;
          try {
            if (await policy.check(context)) return true;
          } catch (error) {
            if (!(error instanceof ForbiddenException)) throw error;
          }
        }
        return false;
      },
    };
  },
};

/** Anyone acting for an organisation, whatever their role; the domain then checks what that organisation may reach. */
export const anyActing = Policies.actingRole(MEMBERSHIP_ROLES);
/** Administrators and procurement officers, who act for their organisation. */
export const actingForOrganisation = Policies.actingRole(ACTING_ROLES);
/** Those who write documents for their organisation: who acts for it, and legal reviewers. */
export const writingForOrganisation = Policies.actingRole(WRITING_ROLES);
