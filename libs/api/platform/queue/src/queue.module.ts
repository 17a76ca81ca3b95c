import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { RedisConfig, redisOptionsFromUrl } from '@consortio/api/platform/redis';
import { configProvider, loadConfig } from '@consortio/api/platform/config';
import { DEFAULT_JOB_OPTIONS, JobQueues } from './job-queues';
import { QUEUE_NAMES } from './jobs';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueConfig } from './queue.config';

@Module({})
export class QueueModule {
  /** For the api: write jobs to the outbox. The api never talks to BullMQ directly. */
  static forProducers(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      providers: [OutboxService],
      exports: [OutboxService],
    };
  }

  /** For the worker: BullMQ processors (declared by domain modules) and the outbox relay. */
  static forWorker(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [RedisConfig],
          useFactory: (config: RedisConfig) => ({
            prefix: loadConfig(QueueConfig).QUEUE_PREFIX,
            connection: { ...redisOptionsFromUrl(config.REDIS_URL), connectionName: 'consortio:worker' },
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
      ],
      providers: [configProvider(QueueConfig), OutboxService, JobQueues, OutboxRelay],
      exports: [OutboxService, JobQueues, OutboxRelay, BullModule],
    };
  }
}
