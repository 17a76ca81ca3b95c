import { CreateOpenCalls1764700000000 } from './migrations/1764700000000-create-open-calls';

export { OpenCallsModule, OpenCallsJobsModule } from './open-calls.module';
export { AttachmentScanner, type AttachmentToScan, type ScanVerdict } from './attachment-scanner';

export const openCallsMigrations = [CreateOpenCalls1764700000000];
