import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { OpenCallClosing } from '../open-call-closing';

/** The open-calls domain's jobs: closing calls at their deadline. */
@Processor('open-calls')
export class OpenCallsProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'open-calls'>;

  constructor(closing: OpenCallClosing) {
    super();
    this.handlers = {
      'open-calls.close': ({ callId }) => closing.close(callId),
    };
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('open-calls', job, this.handlers);
  }
}
