import type { MembershipRole, OrganisationKind, VerificationStatus } from '@consortio/shared/contracts';
import type { TranslationKey } from '@consortio/web/core';
import type { BadgeStatus } from '@consortio/web/ui';

export const KIND_LABEL: Record<OrganisationKind, TranslationKey> = {
  municipality: 'organisationKind.municipality',
  'central-purchasing-body': 'organisationKind.central-purchasing-body',
  authority: 'organisationKind.authority',
  supplier: 'organisationKind.supplier',
};

export const ROLE_LABEL: Record<MembershipRole, TranslationKey> = {
  'org-admin': 'role.org-admin',
  'procurement-officer': 'role.procurement-officer',
  'legal-reviewer': 'role.legal-reviewer',
  viewer: 'role.viewer',
};

export const VERIFICATION_LABEL: Record<VerificationStatus, TranslationKey> = {
  pending: 'verificationStatus.pending',
  verified: 'verificationStatus.verified',
  rejected: 'verificationStatus.rejected',
  'not-required': 'verificationStatus.not-required',
};

export const VERIFICATION_BADGE: Record<VerificationStatus, BadgeStatus> = {
  pending: 'pending',
  verified: 'up',
  rejected: 'down',
  'not-required': 'unknown',
};

export const PAGE_SIZE_OPTIONS: number[] = [10, 20, 50, 100];
