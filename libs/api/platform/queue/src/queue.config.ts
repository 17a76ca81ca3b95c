import { Expose, Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class QueueConfig {
  /** Namespace of every BullMQ key in Redis; lets several deployments (or test runs) share one Redis. */
  @Expose()
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'QUEUE_PREFIX must be 1 to 40 letters, digits, - or _' })
  QUEUE_PREFIX = 'consortio';

  /**
   * How often the relay looks for outbox rows besides being woken by each commit that stores one
   * (LISTEN/NOTIFY): what a lost listening connection missed waits at most this long.
   */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'OUTBOX_POLL_MS must be a whole number of milliseconds' })
  @Min(50)
  @Max(60_000)
  OUTBOX_POLL_MS = 1_000;

  /** Rows moved per relay transaction. */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'OUTBOX_BATCH_SIZE must be a whole number' })
  @Min(1)
  @Max(10_000)
  OUTBOX_BATCH_SIZE = 200;

  /** Dispatched outbox rows are deleted after this many days. */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'OUTBOX_RETENTION_DAYS must be a whole number of days' })
  @Min(1)
  OUTBOX_RETENTION_DAYS = 7;

  /**
   * The worker's CPU niceness (0 to 19, Linux `nice`): background jobs (compaction, exports,
   * refreshes) yield the processor to the api on a shared machine, so typing stays immediate.
   */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'WORKER_NICENESS must be a whole number from 0 to 19' })
  @Min(0, { message: 'WORKER_NICENESS must be at least 0' })
  @Max(19, { message: 'WORKER_NICENESS must be at most 19' })
  WORKER_NICENESS = 10;
}
