import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { CompactionService } from '../compaction.service';
import { ExportsService } from '../exports.service';

/** The specifications domain's jobs: compacting update logs and rendering exports. */
@Processor('specifications')
export class SpecificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(SpecificationsProcessor.name);
  private readonly handlers: JobHandlers<'specifications'>;

  constructor(compaction: CompactionService, exports: ExportsService) {
    super();
    this.handlers = {
      'specifications.compact': async ({ specificationId }) => {
        const result = await compaction.compact(specificationId);
        this.logger.log(`Specification ${specificationId}: folded ${result.folded} updates up to ${result.uptoId}`);
        return result;
      },
      'specifications.export': async ({ exportId }, job) => {
        try {
          return await exports.render(exportId);
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
    return dispatchJob('specifications', job, this.handlers);
  }
}
