import { CreateMonitoring1765100000100 } from './migrations/1765100000100-create-monitoring';

export { MonitoringModule, MonitoringJobsModule } from './monitoring.module';
export { MonitoringConfig } from './monitoring.config';
export { monitoringDemoSeed } from './monitoring-demo-seed';

export const monitoringMigrations = [CreateMonitoring1765100000100];
