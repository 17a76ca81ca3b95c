import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { configProvider } from '@consortio/api/platform/config';
import { JobQueues } from '@consortio/api/platform/queue';
import { NotifierModule } from '@consortio/api/notifications';
import { TendersModule } from '@consortio/api/tenders';
import { MonitoringAlerts } from './jobs/monitoring-alerts';
import { MonitoringProcessor } from './jobs/monitoring.processor';
import { MonitoringRefresh } from './jobs/monitoring-refresh';
import { MonitoringConfig } from './monitoring.config';
import { MonitoringController, TenderObserverNotesController } from './monitoring.controller';
import { MonitoringReader } from './monitoring-reader';
import { MonitoringService } from './monitoring.service';
import { ObserverNotesService } from './observer-notes.service';

/** When alerts run by default (MONITORING_ALERTS_CRON), in the platform's time zone. */
export const ALERTS_TIME_ZONE = 'Europe/Berlin';

/**
 * Monitoring: the dashboard, drill-downs, CSV tables and alerts of the ministries and regions
 * that observe a jurisdiction, and the notes they leave on tenders.
 */
@Module({
  imports: [TendersModule, NotifierModule],
  controllers: [MonitoringController, TenderObserverNotesController],
  providers: [configProvider(MonitoringConfig), MonitoringReader, MonitoringService, ObserverNotesService],
})
export class MonitoringModule {}

/**
 * In the worker: refreshing the read models (every MONITORING_REFRESH_SECONDS, and soon after a
 * stage change through the outbox) and the alerts (MONITORING_ALERTS_CRON). Both also run once
 * when a worker starts, so a fresh deployment or a demo shows current figures at once.
 */
@Module({
  imports: [NotifierModule],
  providers: [configProvider(MonitoringConfig), MonitoringRefresh, MonitoringAlerts, MonitoringProcessor],
})
export class MonitoringJobsModule implements OnApplicationBootstrap {
  constructor(
    private readonly queues: JobQueues,
    @Inject(MonitoringConfig) private readonly config: MonitoringConfig,
  ) {}

  /** Schedulers are upserted by id, so any number of workers starting agree on one of each. */
  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queues.queue('monitoring');
    await queue.upsertJobScheduler(
      'monitoring.refresh',
      { every: this.config.MONITORING_REFRESH_SECONDS * 1000 },
      { name: 'monitoring.refresh', data: {} },
    );
    await queue.upsertJobScheduler(
      'monitoring.alerts',
      { pattern: this.config.MONITORING_ALERTS_CRON, tz: ALERTS_TIME_ZONE },
      { name: 'monitoring.alerts', data: {} },
    );
    // Workers starting together (a deployment) share one run per minute.
    const minute = Math.floor(Date.now() / 60_000);
    await this.queues.add('monitoring.refresh', {}, `monitoring.refresh.start-${minute}`, 0);
    await this.queues.add('monitoring.alerts', {}, `monitoring.alerts.start-${minute}`, 0);
  }
}
