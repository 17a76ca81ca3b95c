import { Module } from '@nestjs/common';
import { IdentityModule, IdentitySocketAuthenticator } from '@consortio/api/identity';
import { AuditModule } from '@consortio/api/platform/audit';
import { AuthModule } from '@consortio/api/platform/auth';
import { LoggingModule, configProvider } from '@consortio/api/platform/config';
import { DatabaseModule } from '@consortio/api/platform/database';
import { HealthModule, HttpConfig } from '@consortio/api/platform/http';
import { QueueModule } from '@consortio/api/platform/queue';
import { RealtimeModule } from '@consortio/api/platform/realtime';
import { RedisModule } from '@consortio/api/platform/redis';
import { RequirementsModule } from '@consortio/api/requirements';
import { ConsortiaModule } from '@consortio/api/consortia';
import { SpecificationsModule } from '@consortio/api/specifications';
import { SystemModule } from '@consortio/api/system';
import { TendersModule } from '@consortio/api/tenders';
import { KnowledgeModule } from '@consortio/api/knowledge';
import { OpenCallsModule } from '@consortio/api/open-calls';
import { NotificationsModule } from '@consortio/api/notifications';
import { OpenDataModule } from '@consortio/api/open-data';
import { MonitoringModule } from '@consortio/api/monitoring';
import { MIGRATIONS } from './manifest';

/** The api process: HTTP and socket.io over every domain. */
@Module({
  imports: [
    LoggingModule,
    RedisModule,
    DatabaseModule.forRoot({ migrations: MIGRATIONS, applicationName: 'api' }),
    QueueModule.forProducers(),
    AuditModule,
    AuthModule,
    IdentityModule,
    RealtimeModule.forApi(IdentitySocketAuthenticator),
    HealthModule,
    SystemModule,
    RequirementsModule,
    ConsortiaModule,
    SpecificationsModule,
    TendersModule,
    KnowledgeModule,
    OpenCallsModule,
    NotificationsModule,
    OpenDataModule,
    MonitoringModule,
  ],
  providers: [configProvider(HttpConfig)],
})
export class ApiAppModule {}
