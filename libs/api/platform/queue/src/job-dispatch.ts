import type { Job } from 'bullmq';
import { isJobName, JOB_QUEUE, type JobPayloads, type JobsOfQueue, type QueueName } from './jobs';

/** Every job of a queue mapped to its handler; the type makes a missing handler a compile error. */
export type JobHandlers<Q extends QueueName> = {
  [N in JobsOfQueue<Q>]: (payload: JobPayloads[N], job: Job<JobPayloads[N]>) => Promise<unknown>;
};

/** Routes a BullMQ job to its handler, refusing jobs that do not belong to this queue. */
export async function dispatchJob<Q extends QueueName>(queue: Q, job: Job, handlers: JobHandlers<Q>): Promise<unknown> {
  const name = job.name;
  if (!isJobName(name) || JOB_QUEUE[name] !== queue) {
    throw new Error(`Job "${name}" is not a job of queue "${queue}"`);
  }
  const handler = (handlers as Record<string, (payload: unknown, job: Job) => Promise<unknown>>)[name];
  if (!handler) throw new Error(`No handler for job "${name}" on queue "${queue}"`);
  return handler(job.data, job);
}
