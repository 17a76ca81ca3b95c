import { Expose, Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** How the api keeps specification documents. */
export class CollabConfig {
  /**
   * Log rows past a document's snapshot after which the api asks the worker to fold them in.
   * Compacting costs a full decode of the document, so a busy document is not compacted every
   * few seconds; loading reads at most this many small rows besides the snapshot.
   */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'COLLAB_COMPACT_AFTER_UPDATES must be a whole number of updates' })
  @Min(10, { message: 'COLLAB_COMPACT_AFTER_UPDATES must be at least 10' })
  @Max(100_000, { message: 'COLLAB_COMPACT_AFTER_UPDATES must be at most 100000' })
  COLLAB_COMPACT_AFTER_UPDATES = 2_000;
}
