/** The four kinds of organisation that act on the platform. */
export const ORGANISATION_KINDS = ['municipality', 'central-purchasing-body', 'authority', 'supplier'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Public-sector organisations must be verified by a platform administrator before they join consortia. */
export const PUBLIC_SECTOR_KINDS: readonly OrganisationKind[] = [
  'municipality',
  'central-purchasing-body',
  'authority',
];

export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected', 'not-required'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** A person's role in one organisation, from most to least powerful. */
export const MEMBERSHIP_ROLES = ['org-admin', 'procurement-officer', 'legal-reviewer', 'viewer'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** Roles that act for their organisation: start and join consortia, vote, sign, enter needs. */
export const ACTING_ROLES: readonly MembershipRole[] = ['org-admin', 'procurement-officer'];
/** Roles that write documents for their organisation: those who act, and legal reviewers; viewers read. */
export const WRITING_ROLES: readonly MembershipRole[] = ['org-admin', 'procurement-officer', 'legal-reviewer'];

/** Header that names the organisation a request acts for (the UI's organisation switch). */
export const ACTING_ORGANISATION_HEADER = 'x-acting-organisation';

export interface OrganisationView {
  id: string;
  kind: OrganisationKind;
  name: string;
  /** ISO 3166-1 alpha-2, except EL for Greece as in NUTS. */
  country: string;
  /** NUTS 3 code of a municipality. */
  nutsCode: string | null;
  population: number | null;
  contactEmail: string | null;
  /** Country code or NUTS prefix an authority oversees. */
  jurisdiction: string | null;
  /** VAT or company number of a supplier. */
  vatNumber: string | null;
  verification: VerificationStatus;
  createdAt: string;
}

export interface MembershipView {
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  verification: VerificationStatus;
  role: MembershipRole;
}

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  platformAdmin: boolean;
  memberships: MembershipView[];
}

export interface SignInRequest {
  email: string;
  password: string;
}

/** Answer of sign-in and refresh; the refresh token travels only in an httpOnly cookie. */
export interface SessionView {
  accessToken: string;
  /** ISO time at which the access token expires; refresh before. */
  expiresAt: string;
  user: MeView;
}

export interface RegisterOrganisationRequest {
  organisation: {
    kind: OrganisationKind;
    name: string;
    country?: string;
    nutsCode?: string;
    population?: number;
    contactEmail?: string;
    jurisdiction?: string;
    vatNumber?: string;
  };
  admin: {
    email: string;
    password: string;
    displayName: string;
    locale?: string;
  };
}

export interface MemberView {
  userId: string;
  email: string;
  displayName: string;
  role: MembershipRole;
  since: string;
}

export interface AuditEventView {
  seq: number;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  organisationId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason?: string;
}

export type InvitationStatus = 'open' | 'accepted' | 'revoked' | 'expired';

export interface InvitationView {
  id: string;
  email: string;
  role: MembershipRole;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
}

/** What the accept page shows before the person decides. */
export interface InvitationPreview {
  organisationName: string;
  email: string;
  role: MembershipRole;
  /** When false, accepting needs a display name and a password for the new account. */
  accountExists: boolean;
}

export interface InvitationAccepted {
  organisationId: string;
  accountCreated: boolean;
}
