import type { ConsortiumStatus } from '@consortio/shared/contracts';

export interface ConsortiumFacts {
  /** Organisations taking part as lead or member. */
  participants: number;
  /** Every participant has signed the current version of the agreement. */
  agreementSigned: boolean;
}

const NEXT: Record<ConsortiumStatus, readonly ConsortiumStatus[]> = {
  forming: ['active', 'closed'],
  active: ['tendering', 'closed'],
  tendering: ['contracted', 'active'],
  contracted: ['closed'],
  closed: [],
};

/**
 * Why a consortium may not move from one status to another, or null when it may. A group
 * becomes active once at least two organisations have signed the joint-procurement agreement
 * (Art. 38 needs the parties' agreement before one buys for the others); a tender that is out
 * binds the members, so a tendering group can only go on to a contract or back to active when
 * the procedure is withdrawn.
 */
export function consortiumTransitionRefusal(
  from: ConsortiumStatus,
  to: ConsortiumStatus,
  facts: ConsortiumFacts,
): string | null {
  if (from === to) return `The consortium is already ${to}.`;
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from];
    return allowed.length === 0
      ? 'A closed consortium stays closed.'
      : `A ${from} consortium can only become ${allowed.join(' or ')}.`;
  }
  if (to === 'active') {
    if (facts.participants < 2) return 'A consortium needs at least two participating organisations to become active.';
    if (!facts.agreementSigned)
      return 'Every participant must sign the current agreement before the consortium becomes active.';
  }
  return null;
}

/** Why an organisation may not leave now, or null. */
export function leaveRefusal(status: ConsortiumStatus, role: string): string | null {
  if (role === 'lead') return 'The lead cannot leave: hand the lead to another member first, or close the consortium.';
  if (status === 'tendering' || status === 'contracted')
    return 'Members are bound by the published tender and its contract: leaving is possible once the consortium is closed.';
  return null;
}
