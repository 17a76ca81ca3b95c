import { CreateConsortia1764400000000 } from './migrations/1764400000000-create-consortia';

export { ConsortiaModule, ConsortiaJobsModule } from './consortia.module';
export { consortiaDemoSeed } from './consortia-demo-seed';
export { readNeedRows } from './needs.service';
export { ConsortiumAccess, type ConsortiumCaller } from './consortium-access';
// For a municipality that replicates a tender on its own: a consortium of one, founded as any other.
export { ConsortiumFounding } from './consortium-founding';

export const consortiaMigrations = [CreateConsortia1764400000000];
