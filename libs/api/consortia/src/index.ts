import { CreateConsortia1764400000000 } from './migrations/1764400000000-create-consortia';

export { ConsortiaModule, ConsortiaJobsModule } from './consortia.module';
export { consortiaDemoSeed } from './consortia-demo-seed';
export { readNeedRows } from './needs.service';
export { ConsortiumAccess, type ConsortiumCaller } from './consortium-access';

export const consortiaMigrations = [CreateConsortia1764400000000];
