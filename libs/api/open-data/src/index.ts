import { CreateOcdsExports1765000000000 } from './migrations/1765000000000-create-ocds-exports';

export { OpenDataModule, OpenDataJobsModule } from './open-data.module';
export { OpenDataConfig } from './open-data.config';
// For monitoring: the same rule for who observes a jurisdiction.
export { actingForAuthority } from './authority-policy';

export const openDataMigrations = [CreateOcdsExports1765000000000];
