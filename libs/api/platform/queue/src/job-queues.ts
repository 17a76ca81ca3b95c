import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { RedisConfig, redisOptionsFromUrl } from '@consortio/api/platform/redis';
import { JOB_QUEUE, type JobName, type QueueName } from './jobs';
import { QueueConfig } from './queue.config';

/** Defaults every job gets: retried with backoff, and kept long enough for an operator to look. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

const ADD_TIMEOUT_MS = 5_000;

/**
 * Producer side of BullMQ, used by the outbox relay only. Its connection fails fast while Redis
 * is away (no offline queue), so the relay notices and leaves rows in the outbox to retry.
 */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly redis: RedisConfig,
    private readonly config: QueueConfig,
  ) {}

  async add(name: JobName, payload: unknown, jobId: string, delayMs: number): Promise<void> {
    const queue = this.queue(JOB_QUEUE[name]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not accept job ${jobId} within ${ADD_TIMEOUT_MS} ms`)),
        ADD_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([
        queue.add(name, payload, { ...DEFAULT_JOB_OPTIONS, jobId, delay: Math.max(0, delayMs) }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        prefix: this.config.QUEUE_PREFIX,
        connection: {
          ...redisOptionsFromUrl(this.redis.REDIS_URL),
          connectionName: `consortio:queue:${name}`,
          enableOfflineQueue: false,
          retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
        },
      });
      // Errors surface through add(); without a listener Node would treat them as unhandled.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }
}
