import type { NavItem } from '@consortio/web/ui';

export interface NavAudience {
  signedIn: boolean;
  platformAdmin: boolean;
  actsForOrganisation: boolean;
}

/** Navigation entries of the identity pages for who is looking. */
export function identityNavItems(audience: NavAudience): NavItem[] {
  if (!audience.signedIn) return [{ path: '/register', labelKey: 'nav.register', icon: 'addBusiness' }];
  const items: NavItem[] = [{ path: '/profile', labelKey: 'nav.profile', icon: 'person' }];
  if (audience.actsForOrganisation) items.push({ path: '/organisation', labelKey: 'nav.organisation', icon: 'group' });
  if (audience.platformAdmin) {
    items.push(
      { path: '/admin/verification', labelKey: 'nav.verification', icon: 'verified' },
      { path: '/admin/audit', labelKey: 'nav.audit', icon: 'history' },
    );
  }
  return items;
}
