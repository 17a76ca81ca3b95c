import { type PolicyDefinition, actingForOrganisation } from '@consortio/api/platform/auth';

/**
 * Administrators and procurement officers acting for an organisation of kind `supplier`: those
 * who sign their company up to open calls, ask questions and send responses. Anyone acting for
 * a public body is refused here, at the route.
 */
export const actingForSupplier: PolicyDefinition = {
  name: 'acting-supplier(org-admin|procurement-officer)',
  public: false,
  check: async (context) => {
    const acting = context.principal?.acting;
    if (acting && acting.kind !== 'supplier') return false;
    return actingForOrganisation.check(context);
  },
};
