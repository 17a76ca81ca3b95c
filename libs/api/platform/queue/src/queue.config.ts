import { Expose, Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class QueueConfig {
  /** How often the relay looks for outbox rows to move to BullMQ. */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'OUTBOX_POLL_MS must be a whole number of milliseconds' })
  @Min(50)
  @Max(60_000)
  OUTBOX_POLL_MS = 250;

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
}
