/** Who may call what, for every operation of the build (see tests/blackbox/access-matrix.test.ts). */
export type Access =
  | 'public'
  | 'signed-in'
  | 'platform-admin'
  | 'member'
  | 'member-or-platform-admin'
  | 'org-admin'
  | 'org-admin-or-platform-admin';

export const MATRIX: Record<string, Access> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'POST /system/probes': 'public',
  'GET /system/probes': 'public',
  'GET /system/probes/:id': 'public',
  'POST /auth/sign-in': 'public',
  'POST /auth/refresh': 'public',
  'POST /auth/sign-out': 'public',
  'GET /me': 'signed-in',
  'POST /organisations': 'public',
  'GET /organisations': 'platform-admin',
  'GET /organisations/:organisationId': 'member-or-platform-admin',
  'POST /organisations/:organisationId/verification': 'platform-admin',
  'GET /organisations/:organisationId/members': 'member-or-platform-admin',
  'PATCH /organisations/:organisationId/members/:userId': 'org-admin',
  'DELETE /organisations/:organisationId/members/:userId': 'org-admin',
  'GET /organisations/:organisationId/audit-events': 'org-admin-or-platform-admin',
  'GET /audit-events': 'platform-admin',
  'GET /audit-events/verification': 'platform-admin',
  'GET /access-policies': 'platform-admin',
  'POST /organisations/:organisationId/invitations': 'org-admin',
  'GET /organisations/:organisationId/invitations': 'org-admin',
  'DELETE /organisations/:organisationId/invitations/:invitationId': 'org-admin',
  'POST /invitations/preview': 'public',
  'POST /invitations/accept': 'public',
  'POST /auth/password-reset': 'public',
  'POST /auth/password-reset/confirm': 'public',
  'POST /me/email-change': 'signed-in',
  'POST /auth/email-change/confirm': 'public',
  'GET /auth/oidc/start': 'public',
  'GET /auth/oidc/callback': 'public',
  'PUT /organisations/:organisationId/identity-provider': 'org-admin',
  'GET /organisations/:organisationId/identity-provider': 'org-admin',
  'DELETE /organisations/:organisationId/identity-provider': 'org-admin',
  '/events subscribe': 'public',
  '/events unsubscribe': 'public',
};

export type Caller =
  | 'anonymous'
  | 'officer'
  | 'orgAdmin'
  | 'otherMunicipality'
  | 'ministry'
  | 'supplier'
  | 'platformAdmin';

export const ALLOWED: Record<Access, Caller[]> = {
  public: ['anonymous', 'officer', 'orgAdmin', 'otherMunicipality', 'ministry', 'supplier', 'platformAdmin'],
  'signed-in': ['officer', 'orgAdmin', 'otherMunicipality', 'ministry', 'supplier', 'platformAdmin'],
  'platform-admin': ['platformAdmin'],
  member: ['officer', 'orgAdmin'],
  'member-or-platform-admin': ['officer', 'orgAdmin', 'platformAdmin'],
  'org-admin': ['orgAdmin'],
  'org-admin-or-platform-admin': ['orgAdmin', 'platformAdmin'],
};

/** The demo account that plays each caller; the target organisation is the officer's (Musterstadt). */
export const CALLER_EMAILS: Record<Exclude<Caller, 'anonymous'>, string> = {
  officer: 'officer@musterstadt.test',
  orgAdmin: 'admin@musterstadt.test',
  otherMunicipality: 'officer@beispielheim.test',
  ministry: 'analyst@ministry.test',
  supplier: 'sales@smartgrid.test',
  platformAdmin: 'admin@consortio.test',
};
