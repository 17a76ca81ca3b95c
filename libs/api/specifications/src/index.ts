import { CreateSpecifications1764500000000 } from './migrations/1764500000000-create-specifications';

export { SpecificationsModule, SpecificationsJobsModule } from './specifications.module';
export { specificationsDemoSeed } from './specifications-demo-seed';
export { CollabConfig } from './collab.config';
export { CompactionService } from './compaction.service';
export { DocumentStore } from './document-store';
export { sectionHash } from './review.service';

export const specificationsMigrations = [CreateSpecifications1764500000000];
