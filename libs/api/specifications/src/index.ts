import { CreateSpecifications1764500000000 } from './migrations/1764500000000-create-specifications';
import { SnapshotDeletions1765200000000 } from './migrations/1765200000000-snapshot-deletions';
import { SnapshotStorage1765300000000 } from './migrations/1765300000000-snapshot-storage';

export { SpecificationsModule, SpecificationsJobsModule } from './specifications.module';
export { specificationsDemoSeed } from './specifications-demo-seed';
export { CollabConfig } from './collab.config';
export { CompactionService } from './compaction.service';
export { DocumentStore } from './document-store';
export { sectionHash } from './review.service';
// For replication of a tender: its specification version becomes the copying consortium's own.
export { SpecificationCopies, type SpecificationCopy } from './specification-copies';

export const specificationsMigrations = [
  CreateSpecifications1764500000000,
  SnapshotDeletions1765200000000,
  SnapshotStorage1765300000000,
];
