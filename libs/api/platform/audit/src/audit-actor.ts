import type { AuditActor } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';

export const actorOf = (principal: Principal): AuditActor => ({
  userId: principal.userId,
  organisationId: principal.acting?.organisationId ?? null,
});
