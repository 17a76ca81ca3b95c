import { Location } from '@angular/common';
import { inject } from '@angular/core';
import { Router } from '@angular/router';

/** Tokens of e-mail links: 32 random bytes, base64url (43 characters). */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Call in the constructor; the returned function reads the `?token=` of an e-mail link and takes
 * it out of the address bar, so it lingers neither in the history nor in anything the page later
 * shares. Call that from `ngOnInit`: by then the router has written the URL. It returns null when
 * the link carries no well-formed token.
 */
export function linkTokenReader(): (token: string | undefined) => string | null {
  const router = inject(Router);
  const location = inject(Location);
  return (token) => {
    const tree = router.parseUrl(router.url);
    if ('token' in tree.queryParams) {
      tree.queryParams = Object.fromEntries(Object.entries(tree.queryParams).filter(([name]) => name !== 'token'));
      // Keep the router's history state: it numbers the pages for back and forward.
      location.replaceState(router.serializeUrl(tree), '', location.getState());
    }
    const trimmed = token?.trim() ?? '';
    return LINK_TOKEN.test(trimmed) ? trimmed : null;
  };
}
