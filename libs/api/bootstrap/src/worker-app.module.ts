import { Module } from '@nestjs/common';
import { LoggingModule } from '@consortio/api/platform/config';
import { DatabaseModule } from '@consortio/api/platform/database';
import { QueueModule } from '@consortio/api/platform/queue';
import { RealtimeModule } from '@consortio/api/platform/realtime';
import { RedisModule } from '@consortio/api/platform/redis';
import { IdentityJobsModule } from '@consortio/api/identity';
import { MailModule } from '@consortio/api/platform/mail';
import { SystemJobsModule } from '@consortio/api/system';
import { ConsortiaJobsModule } from '@consortio/api/consortia';
import { SpecificationsJobsModule } from '@consortio/api/specifications';
import { OpenCallsJobsModule } from '@consortio/api/open-calls';
import { NotificationsJobsModule } from '@consortio/api/notifications';
import { OpenDataJobsModule } from '@consortio/api/open-data';
import { MonitoringJobsModule } from '@consortio/api/monitoring';
import { AuditModule } from '@consortio/api/platform/audit';
import { MIGRATIONS } from './manifest';

/** The worker process: BullMQ processors of every domain and the outbox relay. */
@Module({
  imports: [
    LoggingModule,
    RedisModule,
    DatabaseModule.forRoot({ migrations: MIGRATIONS, applicationName: 'worker' }),
    QueueModule.forWorker(),
    RealtimeModule.forWorker(),
    MailModule,
    SystemJobsModule,
    IdentityJobsModule,
    AuditModule,
    ConsortiaJobsModule,
    SpecificationsJobsModule,
    OpenCallsJobsModule,
    NotificationsJobsModule,
    OpenDataJobsModule,
    MonitoringJobsModule,
  ],
})
export class WorkerAppModule {}
