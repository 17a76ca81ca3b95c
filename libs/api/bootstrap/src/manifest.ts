import { auditMigrations } from '@consortio/api/platform/audit';
import { AuthConfig } from '@consortio/api/platform/auth';
import { LogConfig } from '@consortio/api/platform/config';
import { DatabaseConfig, databaseMigrations, type DemoSeed } from '@consortio/api/platform/database';
import { HttpConfig } from '@consortio/api/platform/http';
import { MailConfig } from '@consortio/api/platform/mail';
import { RedisConfig } from '@consortio/api/platform/redis';
import { QueueConfig, queueMigrations } from '@consortio/api/platform/queue';
import { identityDemoSeed, identityMigrations } from '@consortio/api/identity';
import { requirementsDemoSeed, requirementsMigrations } from '@consortio/api/requirements';
import { consortiaDemoSeed, consortiaMigrations } from '@consortio/api/consortia';
import { CollabConfig, specificationsDemoSeed, specificationsMigrations } from '@consortio/api/specifications';
import { systemMigrations, systemDemoSeed } from '@consortio/api/system';
import { tendersDemoSeed, tendersMigrations } from '@consortio/api/tenders';
import { knowledgeDemoSeed, knowledgeMigrations } from '@consortio/api/knowledge';
import { openCallsMigrations } from '@consortio/api/open-calls';
import { notificationsMigrations } from '@consortio/api/notifications';
import { OpenDataConfig, openDataMigrations } from '@consortio/api/open-data';
import { MonitoringConfig, monitoringDemoSeed, monitoringMigrations } from '@consortio/api/monitoring';

/**
 * What every domain contributes to a deployment, in one list each: the api, the worker and the
 * migrate and seed commands all read from here, so nothing can be registered in one and
 * forgotten in another. A new domain adds its migrations and demo seeds here.
 */
export const MIGRATIONS = [
  ...databaseMigrations,
  ...queueMigrations,
  ...systemMigrations,
  ...auditMigrations,
  ...identityMigrations,
  ...requirementsMigrations,
  ...consortiaMigrations,
  ...specificationsMigrations,
  ...tendersMigrations,
  ...knowledgeMigrations,
  ...openCallsMigrations,
  ...notificationsMigrations,
  ...openDataMigrations,
  ...monitoringMigrations,
];

export const DEMO_SEEDS: DemoSeed[] = [
  systemDemoSeed,
  identityDemoSeed,
  requirementsDemoSeed,
  consortiaDemoSeed,
  specificationsDemoSeed,
  tendersDemoSeed,
  knowledgeDemoSeed,
  // Last: it fills the monitoring read models from everything above.
  monitoringDemoSeed,
];

/** Configuration sections each process checks before it starts (each module checks its own again). */
export const API_CONFIG = [
  LogConfig,
  HttpConfig,
  DatabaseConfig,
  RedisConfig,
  AuthConfig,
  OpenDataConfig,
  MonitoringConfig,
  CollabConfig,
];
export const WORKER_CONFIG = [
  LogConfig,
  HttpConfig,
  DatabaseConfig,
  RedisConfig,
  QueueConfig,
  MailConfig,
  OpenDataConfig,
  MonitoringConfig,
];
