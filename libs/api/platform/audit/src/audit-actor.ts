import type { AuditActor } from './audit.service';
import type { Principal } from '@consortio/api/platform/auth';

export const actorOf = (principal: Principal): AuditActor => ({
  userId: principal.userId,
  organisationId: principal.acting?.organisationId ?? null,
});
