import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from './jobs';

/** The PostgreSQL channel on which a committed outbox row wakes the relay. */
export const OUTBOX_CHANNEL = 'consortio_outbox';

export interface EnqueueOptions {
  /**
   * Deterministic id for jobs that must run once per cause (e.g. `decision-close.<decisionId>`);
   * enqueueing the same id twice is a no-op. Defaults to a fresh id.
   */
  jobId?: string;
  /** Run no earlier than this moment (a BullMQ delayed job once relayed). */
  runAt?: Date;
}

/**
 * Records a job in the outbox inside the caller's transaction, so the change and the job it
 * causes commit or roll back together. The relay in the worker moves it to BullMQ later; Redis
 * being down therefore delays jobs but never loses one.
 */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox job "${name}" must be enqueued inside the transaction of the change that causes it`);
    }
    const jobId = options.jobId ?? `${name}.${randomUUID()}`;
    if (jobId.includes(':')) throw new Error(`Job id "${jobId}" must not contain ":"`);
    // A stored row also notifies the relay, which PostgreSQL delivers when (and only if) the
    // transaction commits: the job leaves without waiting for the relay's next look.
    await manager.query(
      `WITH stored AS (
         INSERT INTO outbox_messages (job_name, job_id, payload, available_at)
         VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()))
         ON CONFLICT (job_id) DO NOTHING
         RETURNING id
       )
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM stored`,
      [name, jobId, JSON.stringify(payload), options.runAt?.toISOString() ?? null],
    );
    return jobId;
  }
}
