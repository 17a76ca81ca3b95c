import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@consortio/api/platform/audit';
import { OutboxService } from '@consortio/api/platform/queue';
import { OpenCallEvents } from './open-call-events';

export type CloseOutcome = 'closed' | 'not due' | 'nothing to close';

/**
 * Calls close by themselves at their deadline. Publishing (or extending the deadline of) a call
 * writes the delayed job `open-calls.close` to the outbox in the same transaction, with an id made
 * of the call and the deadline, so each deadline is scheduled once and an extension schedules
 * anew; the job for an earlier deadline finds the call not due and does nothing. Whether a call is
 * open never waits for the job: every read and every refusal computes the status from the
 * database's clock, and a periodic sweep in the worker closes calls whose job was lost.
 */
@Injectable()
export class OpenCallClosing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly events: OpenCallEvents,
  ) {}

  /** Inside the transaction that published the call or moved its deadline. */
  schedule(manager: EntityManager, callId: string, closesAt: Date, suffix = ''): Promise<string> {
    return this.outbox.enqueue(
      manager,
      'open-calls.close',
      { callId },
      { jobId: `open-calls.close.${callId}.${closesAt.getTime()}${suffix}`, runAt: closesAt },
    );
  }

  /** Marks the call closed if its deadline has passed by the database's clock; safe to run twice. */
  async close(callId: string): Promise<CloseOutcome> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<
        {
          tender_id: string;
          consortium_id: string;
          lead_organisation_id: string;
          published: boolean;
          closed: boolean;
          due: boolean;
          closes_at: Date;
        }[]
      >(
        `SELECT oc.tender_id, t.consortium_id, c.lead_organisation_id, oc.published_at IS NOT NULL AS published,
                oc.closed_at IS NOT NULL AS closed, oc.closes_at <= now() AS due, oc.closes_at
           FROM open_calls oc JOIN tenders t ON t.id = oc.tender_id JOIN consortia c ON c.id = t.consortium_id
          WHERE oc.id = $1 FOR UPDATE OF oc`,
        [callId],
      );
      if (!row || !row.published || row.closed) return { outcome: 'nothing to close' as const };
      if (!row.due) {
        // Fired before the deadline by the database's clock (clocks differ a little): once more, at it.
        await this.schedule(manager, callId, row.closes_at, '.recheck');
        return { outcome: 'not due' as const };
      }
      // Through a CTE: TypeORM answers a bare UPDATE with [rows, count], not with the rows.
      const [{ closed_at }] = await manager.query<{ closed_at: Date }[]>(
        'WITH closed AS (UPDATE open_calls SET closed_at = now() WHERE id = $1 RETURNING closed_at) SELECT closed_at FROM closed',
        [callId],
      );
      await this.audit.record(
        manager,
        { userId: null, organisationId: null },
        {
          action: 'open-call.closed',
          entityType: 'open-call',
          entityId: callId,
          organisationId: row.lead_organisation_id,
          summary: { after: { closesAt: row.closes_at.toISOString(), closedAt: closed_at.toISOString() } },
        },
      );
      return { outcome: 'closed' as const, tenderId: row.tender_id, consortiumId: row.consortium_id };
    });
    if (outcome.outcome === 'closed')
      this.events.changed({
        consortiumId: outcome.consortiumId,
        tenderId: outcome.tenderId,
        callId,
        what: 'closed',
        status: 'closed',
      });
    return outcome.outcome;
  }

  /** The sweep: closes published calls past their deadline that nothing closed yet. */
  async closeOverdue(limit = 100): Promise<number> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM open_calls
        WHERE published_at IS NOT NULL AND closed_at IS NULL AND closes_at <= now()
        ORDER BY closes_at LIMIT $1`,
      [limit],
    );
    let closed = 0;
    for (const row of rows) if ((await this.close(row.id)) === 'closed') closed += 1;
    return closed;
  }
}
