import { CreateCpvCodes1764300000000 } from './migrations/1764300000000-create-cpv-codes';

export { RequirementsModule } from './requirements.module';
export { requirementsDemoSeed } from './requirements-demo-seed';
export { importCpvCodes, parseCpvJson } from './cpv-codes';

export const requirementsMigrations = [CreateCpvCodes1764300000000];
