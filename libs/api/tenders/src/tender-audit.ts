import type { EntityManager } from 'typeorm';
import { actorOf, type AuditService } from '@consortio/api/platform/audit';
import type { TenderCaller } from './tender-access';

/** An audit event about a tender, by the caller acting for their organisation, in the change's transaction. */
export function auditTenderChange(
  audit: AuditService,
  manager: EntityManager,
  caller: TenderCaller,
  action: string,
  summary: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): Promise<void> {
  return audit.record(manager, actorOf(caller.principal), {
    action,
    entityType: 'tender',
    entityId: caller.tenderId,
    organisationId: caller.organisationId,
    summary,
  });
}
