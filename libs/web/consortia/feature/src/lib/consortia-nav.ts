import type { NavItem } from '@consortio/web/ui';

/** The consortia entry of the main navigation, for people acting for an organisation. */
export function consortiaNavItems(audience: { actsForOrganisation: boolean }): NavItem[] {
  return audience.actsForOrganisation ? [{ path: '/consortia', labelKey: 'nav.consortia', icon: 'group' }] : [];
}
