import { CreateAuditEvents1764200000000 } from './migrations/1764200000000-create-audit-events';

export * from './audit-chain';
export * from './canonical-json';
export * from './audit.service';
export * from './audit.module';

export const auditMigrations = [CreateAuditEvents1764200000000];
export * from './audit-actor';
