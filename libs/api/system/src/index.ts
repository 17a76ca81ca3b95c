import { CreateSystemProbes1764100000200 } from './migrations/1764100000200-create-system-probes';

export { SystemModule, SystemJobsModule } from './system.module';
export { systemDemoSeed } from './system-demo-seed';

export const systemMigrations = [CreateSystemProbes1764100000200];
