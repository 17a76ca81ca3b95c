import { Module } from '@nestjs/common';
import { NotifierModule } from '@consortio/api/notifications';
import { AcceptingAttachmentScanner, AttachmentScanner } from './attachment-scanner';
import { OpenCallsProcessor } from './jobs/open-calls.processor';
import { OpenCallSweep } from './jobs/open-call-sweep';
import { OpenCallAccess } from './open-call-access';
import { OpenCallClosing } from './open-call-closing';
import { OpenCallEvents } from './open-call-events';
import { OpenCallQuestionsController } from './open-call-questions.controller';
import { OpenCallQuestionsService } from './open-call-questions.service';
import { OpenCallReader } from './open-call-reader';
import { OpenCallRegistrationsService } from './open-call-registrations.service';
import { OpenCallResponsesController } from './open-call-responses.controller';
import { OpenCallResponsesService } from './open-call-responses.service';
import { OpenCallsController, TenderOpenCallsController } from './open-calls.controller';
import { OpenCallsService } from './open-calls.service';

/** Open calls of tenders: drafted and published by consortia, read by the public, answered by suppliers. */
@Module({
  imports: [NotifierModule],
  controllers: [
    TenderOpenCallsController,
    OpenCallsController,
    OpenCallQuestionsController,
    OpenCallResponsesController,
  ],
  providers: [
    OpenCallAccess,
    OpenCallReader,
    OpenCallEvents,
    OpenCallClosing,
    OpenCallsService,
    OpenCallRegistrationsService,
    OpenCallQuestionsService,
    OpenCallResponsesService,
    // The virus-scan hook: replace with a real scanner here (see AttachmentScanner, docs/security.md).
    { provide: AttachmentScanner, useClass: AcceptingAttachmentScanner },
  ],
})
export class OpenCallsModule {}

/** In the worker: closing calls at their deadline, and the sweep behind it. */
@Module({ providers: [OpenCallEvents, OpenCallClosing, OpenCallsProcessor, OpenCallSweep] })
export class OpenCallsJobsModule {}
