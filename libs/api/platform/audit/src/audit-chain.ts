import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The fields of an audit event that its hash covers, in the form they are stored. */
export interface AuditRecord {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  organisationId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: AuditSummary;
  prevHash: string;
}

export interface AuditSummary {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Hash of the first event's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Each event's hash covers its own fields and its predecessor's hash, so changing, removing or
 * reordering any stored event breaks every hash after it.
 */
export function auditHash(record: AuditRecord): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}
