import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client, type ClientConfig, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { isJobName } from './jobs';
import { JobQueues } from './job-queues';
import { OUTBOX_CHANNEL } from './outbox.service';
import { QueueConfig } from './queue.config';

interface OutboxRow {
  id: string;
  job_name: string;
  job_id: string;
  payload: unknown;
  delay_ms: number;
}

export interface RelayResult {
  dispatched: number;
  failed: boolean;
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of workers can relay side by side; a row is marked dispatched only after Redis accepted
 * the job, and the deterministic job id makes a re-dispatch after a crash harmless.
 *
 * It runs when a committed row notifies it (LISTEN on its own connection; see `OutboxService`),
 * and every `OUTBOX_POLL_MS` besides, which finds what a lost connection did not hear.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private failing = false;
  private lastPrune = 0;
  /** A notification came while a pass ran: go again as soon as it ends. */
  private again = false;
  private listener: Client | null = null;
  /** Not listening, and said so: a lost connection is reported once, not at every retry. */
  private deaf = false;
  private relisten: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    private readonly config: QueueConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.schedule(0);
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.relisten);
    const listener = this.listener;
    this.listener = null;
    await Promise.all([this.running, listener?.end().catch(() => undefined)]);
  }

  /**
   * Listens for committed rows on a connection of its own (a pooled one would be handed to
   * others). When it fails, polling carries on alone and it listens again a second later.
   */
  private async listen(): Promise<void> {
    if (this.stopped || this.listener) return;
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool & { options: ClientConfig };
    const client = new Client(pool.options);
    this.listener = client;
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (!this.deaf)
        this.logger.warn(`Outbox relay is not listening (${error?.message ?? 'connection ended'}); polling meanwhile`);
      this.deaf = true;
      this.relisten = setTimeout(() => void this.listen(), 1_000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.deaf) this.logger.log('Outbox relay listens again');
      this.deaf = false;
      // Rows committed before the LISTEN took effect are found by this pass.
      this.wake();
    } catch (error) {
      lost(error as Error);
    }
  }

  /** Something was committed: relay now, or right after the pass that is running. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** One relay pass; public so tests and operators can drive it directly. */
  async relayOnce(): Promise<RelayResult> {
    return this.dataSource
      .transaction(async (manager) => {
        const rows = await manager.query<OutboxRow[]>(
          `SELECT id, job_name, job_id, payload,
                GREATEST(0, (EXTRACT(EPOCH FROM (available_at - now())) * 1000))::bigint AS delay_ms
           FROM outbox_messages
          WHERE dispatched_at IS NULL
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
          [this.config.OUTBOX_BATCH_SIZE],
        );
        const dispatched: string[] = [];
        let failure: { id: string; message: string } | undefined;
        for (const row of rows) {
          if (!isJobName(row.job_name)) {
            failure = { id: row.id, message: `Unknown job name "${row.job_name}"` };
            break;
          }
          try {
            await this.queues.add(row.job_name, row.payload, row.job_id, Number(row.delay_ms));
            dispatched.push(row.id);
          } catch (error) {
            failure = { id: row.id, message: error instanceof Error ? error.message : String(error) };
            break;
          }
        }
        if (dispatched.length > 0) {
          await manager.query(
            'UPDATE outbox_messages SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])',
            [dispatched],
          );
        }
        if (failure) {
          await manager.query('UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
            failure.id,
            failure.message,
          ]);
        }
        return { dispatched: dispatched.length, failed: failure !== undefined, failure };
      })
      .then(({ dispatched, failed, failure }) => {
        if (failed && !this.failing) this.logger.warn(`Outbox relay paused: ${failure?.message ?? 'unknown error'}`);
        if (!failed && this.failing) this.logger.log('Outbox relay resumed');
        this.failing = failed;
        return { dispatched, failed };
      });
  }

  /** Deletes dispatched rows past retention, in small batches so it never holds long locks. */
  async prune(): Promise<number> {
    // For DELETE, TypeORM's PostgreSQL driver answers [rows, affected count].
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM outbox_messages WHERE id IN (
         SELECT id FROM outbox_messages
          WHERE dispatched_at < now() - make_interval(days => $1)
          LIMIT 1000)
       RETURNING id`,
      [this.config.OUTBOX_RETENTION_DAYS],
    );
    return deleted;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.again = false;
      this.running = this.tick().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let next = this.config.OUTBOX_POLL_MS;
    try {
      const result = await this.relayOnce();
      // A full batch means more is waiting: go again at once.
      if (!result.failed && result.dispatched >= this.config.OUTBOX_BATCH_SIZE) next = 0;
      if (result.failed) next = Math.max(next, 1_000);
      if (Date.now() - this.lastPrune > 3_600_000) {
        this.lastPrune = Date.now();
        await this.prune();
      }
    } catch (error) {
      // PostgreSQL itself is unreachable; try again later.
      if (!this.failing) this.logger.warn(`Outbox relay cannot read the outbox: ${(error as Error).message}`);
      this.failing = true;
      next = 1_000;
    }
    // Committed while this pass ran (a notification came): look again at once.
    if (this.again && !this.failing) next = 0;
    this.schedule(next);
  }
}
