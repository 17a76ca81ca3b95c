import { Module } from '@nestjs/common';
import { ConsortiaModule } from '@consortio/api/consortia';
import { configProvider } from '@consortio/api/platform/config';
import { CollabConfig } from './collab.config';
import { CollabBroadcaster } from './collab-broadcaster';
import { CollabGateway } from './collab.gateway';
import { CompactionService } from './compaction.service';
import { DocumentStore } from './document-store';
import { ExportsService } from './exports.service';
import { SpecificationsProcessor } from './jobs/specifications.processor';
import { ReviewService } from './review.service';
import { SpecificationAccess } from './specification-access';
import { SpecificationsController, TemplatesController } from './specifications.controller';
import { SpecificationsService } from './specifications.service';

/** Tender specifications written together: the api side (HTTP and the `/collab` namespace). */
@Module({
  imports: [ConsortiaModule],
  controllers: [TemplatesController, SpecificationsController],
  providers: [
    configProvider(CollabConfig),
    SpecificationAccess,
    DocumentStore,
    CollabBroadcaster,
    CollabGateway,
    SpecificationsService,
    ReviewService,
    ExportsService,
  ],
})
export class SpecificationsModule {}

/** In the worker: compaction of update logs and PDF/DOCX exports. */
@Module({
  providers: [
    configProvider(CollabConfig),
    SpecificationAccess,
    DocumentStore,
    CompactionService,
    ExportsService,
    SpecificationsProcessor,
  ],
})
export class SpecificationsJobsModule {}
