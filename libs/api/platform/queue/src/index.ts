import { CreateOutboxMessages1764100000100 } from './migrations/1764100000100-create-outbox-messages';

export * from './jobs';
export * from './job-dispatch';
export * from './outbox.service';
export * from './job-queues';
export * from './outbox-relay';
export * from './queue.config';
export * from './queue.module';

export const queueMigrations = [CreateOutboxMessages1764100000100];
