import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { OcdsExportsService } from '../ocds-exports.service';

/** The open data domain's jobs: bulk OCDS exports of a jurisdiction. */
@Processor('open-data')
export class OpenDataProcessor extends WorkerHost {
  private readonly logger = new Logger(OpenDataProcessor.name);
  private readonly handlers: JobHandlers<'open-data'>;

  constructor(exports: OcdsExportsService) {
    super();
    this.handlers = {
      'open-data.export': async ({ exportId }, job) => {
        try {
          const result = await exports.run(exportId);
          this.logger.log(`OCDS export ${exportId}: ${result}`);
          return result;
        } catch (error) {
          // On the last attempt the export shows why it failed instead of waiting forever.
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
            await exports.fail(exportId, (error as Error).message);
          }
          throw error;
        }
      },
    };
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('open-data', job, this.handlers);
  }
}
