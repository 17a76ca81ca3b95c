import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TenderStage, TenderView } from '@consortio/shared/contracts';
import { tenderTransitionRefusal } from '@consortio/shared/domain';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { Notifier } from '@consortio/api/notifications';
import { coalescedJob, OutboxService } from '@consortio/api/platform/queue';
import { TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { TenderReader } from './tender-reader';

/** Stage names as notifications and mails say them (the web app shows its own, translated). */
const STAGE_NAMES: Record<TenderStage, string> = {
  'needs-assessment': 'needs assessment',
  'market-consultation': 'market consultation',
  specification: 'specification',
  approval: 'approval',
  published: 'published',
  evaluation: 'evaluation',
  awarded: 'awarded',
  'contract-signed': 'contract signed',
  pilot: 'pilot',
  'city-rollout': 'city roll-out',
  'regional-scaleup': 'regional scale-up',
  closed: 'closed',
};

/** Stage changes within this window cause one refresh of the monitoring read models, at its end. */
const MONITORING_REFRESH_WINDOW_MS = 10_000;

/**
 * Moves a tender from stage to stage under the rules of `tenderTransitionRefusal`, with the facts
 * read in the same transaction that holds the tender locked, so that no change to lots, criteria
 * or the linked version can slip in between the check and the move.
 */
@Injectable()
export class TenderStagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly reader: TenderReader,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
    private readonly outbox: OutboxService,
  ) {}

  async transition(principal: Principal, id: string, to: TenderStage, reason: string | undefined): Promise<TenderView> {
    const given = reason?.trim() ? reason.trim() : null;
    const moved = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, id, 'write', { lock: true });
      const row = await this.reader.row(manager, id);
      const lots = await this.reader.lots(manager, id);
      const facts = await this.reader.facts(manager, row, lots);
      const refusal = tenderTransitionRefusal(row.stage, to, { ...facts, reason: given });
      if (refusal) throw new ConflictException(refusal);
      await manager.query('UPDATE tenders SET stage = $2, stage_changed_at = now(), updated_at = now() WHERE id = $1', [
        id,
        to,
      ]);
      await manager.query(
        `INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, reason, changed_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, row.stage, to, given, principal.userId, caller.organisationId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'tender.stage-changed',
        entityType: 'tender',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before: { stage: row.stage }, after: { stage: to, reason: given } },
      });
      // Everyone else in the consortium hears of it, in the same transaction (the change or neither).
      await this.notifier.toConsortium(
        manager,
        caller.consortiumId,
        {
          kind: 'stage-change',
          title: `${row.title}: ${STAGE_NAMES[row.stage]} → ${STAGE_NAMES[to]}`,
          body: given
            ? `The tender "${row.title}" moved from ${STAGE_NAMES[row.stage]} to ${STAGE_NAMES[to]}. Reason: ${given}`
            : `The tender "${row.title}" moved from ${STAGE_NAMES[row.stage]} to ${STAGE_NAMES[to]}.`,
          link: `/tenders/${id}`,
        },
        principal.userId,
      );
      // The monitoring dashboards count stages: a refresh soon after, one for a burst of changes.
      const refresh = coalescedJob('monitoring.refresh', MONITORING_REFRESH_WINDOW_MS);
      await this.outbox.enqueue(manager, 'monitoring.refresh', {}, refresh);
      return { consortiumId: caller.consortiumId, from: row.stage };
    });
    this.events.changed(moved.consortiumId, id, 'stage', to, moved.from);
    const caller = await this.access.require(this.dataSource.manager, principal, id, 'read');
    return this.reader.view(this.dataSource.manager, caller);
  }
}
