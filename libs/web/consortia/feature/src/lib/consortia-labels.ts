import type {
  ConsortiumContractKind,
  ConsortiumDomain,
  ConsortiumRole,
  ConsortiumStatus,
  CostSharingKeyName,
  DecisionKind,
  DecisionOutcome,
  LegalBasis,
  MajorityRule,
  NeedPriority,
} from '@consortio/shared/contracts';
import type { Procedure } from '@consortio/shared/domain';
import type { TranslationKey } from '@consortio/web/core';
import type { BadgeStatus } from '@consortio/web/ui';

export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

export const DOMAIN_LABEL: Record<ConsortiumDomain, TranslationKey> = {
  energy: 'consortia.domain.energy',
  ict: 'consortia.domain.ict',
  mobility: 'consortia.domain.mobility',
  other: 'consortia.domain.other',
};

export const STATUS_LABEL: Record<ConsortiumStatus, TranslationKey> = {
  forming: 'consortia.status.forming',
  active: 'consortia.status.active',
  tendering: 'consortia.status.tendering',
  contracted: 'consortia.status.contracted',
  closed: 'consortia.status.closed',
};

export const STATUS_BADGE: Record<ConsortiumStatus, BadgeStatus> = {
  forming: 'pending',
  active: 'up',
  tendering: 'up',
  contracted: 'up',
  closed: 'unknown',
};

export const ROLE_LABEL: Record<ConsortiumRole, TranslationKey> = {
  lead: 'consortia.role.lead',
  member: 'consortia.role.member',
  observer: 'consortia.role.observer',
};

export const LEGAL_BASIS_LABEL: Record<LegalBasis, TranslationKey> = {
  'art-37-central-purchasing-body': 'agreement.basis.art37',
  'art-38-occasional-joint-procurement': 'agreement.basis.art38',
};

export const COST_KEY_LABEL: Record<CostSharingKeyName, TranslationKey> = {
  equal: 'agreement.key.equal',
  population: 'agreement.key.population',
  quantity: 'agreement.key.quantity',
  custom: 'agreement.key.custom',
};

export const DECISION_KIND_LABEL: Record<DecisionKind, TranslationKey> = {
  'tender-purpose': 'decisions.kind.tender-purpose',
  procedure: 'decisions.kind.procedure',
  'specification-version': 'decisions.kind.specification-version',
  'admit-member': 'decisions.kind.admit-member',
  other: 'decisions.kind.other',
};

export const MAJORITY_LABEL: Record<MajorityRule, TranslationKey> = {
  simple: 'decisions.majority.simple',
  'two-thirds': 'decisions.majority.two-thirds',
  unanimous: 'decisions.majority.unanimous',
};

export const OUTCOME_LABEL: Record<DecisionOutcome, TranslationKey> = {
  adopted: 'decisions.outcome.adopted',
  'no-majority': 'decisions.outcome.no-majority',
  'no-quorum': 'decisions.outcome.no-quorum',
};

export const PRIORITY_LABEL: Record<NeedPriority, TranslationKey> = {
  must: 'needs.priority.must',
  should: 'needs.priority.should',
  could: 'needs.priority.could',
};

export const PROCEDURE_LABEL: Record<Procedure, TranslationKey> = {
  open: 'advice.procedure.open',
  restricted: 'advice.procedure.restricted',
  'competitive-procedure-with-negotiation': 'advice.procedure.negotiation',
  'competitive-dialogue': 'advice.procedure.dialogue',
  'innovation-partnership': 'advice.procedure.innovation-partnership',
  'pre-commercial-procurement': 'advice.procedure.pre-commercial',
};

export const CONTRACT_KIND_LABEL: Record<ConsortiumContractKind, TranslationKey> = {
  supplies: 'consortia.contractKind.supplies',
  services: 'consortia.contractKind.services',
  works: 'consortia.contractKind.works',
};

export const NEED_STATUS_LABEL: Record<'draft' | 'submitted', TranslationKey> = {
  draft: 'needs.status.draft',
  submitted: 'needs.status.submitted',
};

/** The stable reason keys of the procedure advice (libs/shared/domain procedure-advice.ts). */
export const REASON_LABEL: Record<string, TranslationKey> = {
  'research-needed': 'advice.reason.research-needed',
  'no-purchase-at-scale': 'advice.reason.no-purchase-at-scale',
  'not-on-market': 'advice.reason.not-on-market',
  'purchase-after-development': 'advice.reason.purchase-after-development',
  'not-specifiable': 'advice.reason.not-specifiable',
  'complex-or-risky': 'advice.reason.complex-or-risky',
  'needs-adaptation': 'advice.reason.needs-adaptation',
  specifiable: 'advice.reason.specifiable',
  'on-market': 'advice.reason.on-market',
};
