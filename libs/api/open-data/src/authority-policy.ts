import { type PolicyDefinition, anyActing } from '@consortio/api/platform/auth';

/**
 * Anyone acting for an organisation of kind `authority` (a ministry or region observing a
 * jurisdiction), whatever their role there: analysts are often viewers. Everyone else is refused
 * at the route; the service then checks that the authority is verified.
 */
export const actingForAuthority: PolicyDefinition = {
  name: 'acting-authority',
  public: false,
  check: async (context) => {
    const acting = context.principal?.acting;
    if (acting && acting.kind !== 'authority') return false;
    return anyActing.check(context);
  },
};
