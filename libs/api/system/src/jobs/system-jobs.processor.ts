import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { SystemProbesService } from '../system-probes.service';

@Processor('system')
export class SystemJobsProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemJobsProcessor.name);
  private readonly handlers: JobHandlers<'system'>;

  constructor(probes: SystemProbesService) {
    super();
    this.handlers = {
      'system.probe': async ({ probeId }) => {
        const completed = await probes.complete(probeId);
        if (!completed) this.logger.debug(`Probe ${probeId} was already completed or no longer exists`);
        return completed?.id ?? null;
      },
    };
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('system', job, this.handlers);
  }
}
