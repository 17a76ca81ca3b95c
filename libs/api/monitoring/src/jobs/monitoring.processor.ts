import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { MonitoringAlerts } from './monitoring-alerts';
import { MonitoringRefresh } from './monitoring-refresh';

/** The monitoring domain's jobs: refreshing the read models, and raising and clearing alerts. */
@Processor('monitoring')
export class MonitoringProcessor extends WorkerHost {
  private readonly logger = new Logger(MonitoringProcessor.name);
  private readonly handlers: JobHandlers<'monitoring'>;

  constructor(refresh: MonitoringRefresh, alerts: MonitoringAlerts) {
    super();
    this.handlers = {
      'monitoring.refresh': async () => refresh.run(),
      'monitoring.alerts': async () => {
        const result = await alerts.run();
        if (result.raised > 0 || result.cleared > 0) {
          this.logger.log(`alerts: ${result.raised} raised, ${result.cleared} cleared, ${result.notified} notified`);
        }
        return result;
      },
    };
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('monitoring', job, this.handlers);
  }
}
