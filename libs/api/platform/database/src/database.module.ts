import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configProvider } from '@consortio/api/platform/config';
import { DatabaseConfig } from './database.config';
import { dataSourceOptions, type MigrationList } from './data-source-options';
import { SchemaGuard } from './schema-guard';

export interface DatabaseModuleOptions {
  /** Every migration of the deployed build, so that a process can tell whether the schema is current. */
  migrations: MigrationList;
  /** Shown in pg_stat_activity: api, worker, migrate. */
  applicationName: string;
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const configModule = {
      module: DatabaseConfigModule,
      global: true,
    };
    return {
      module: DatabaseModule,
      imports: [
        configModule,
        TypeOrmModule.forRootAsync({
          imports: [configModule],
          inject: [DatabaseConfig],
          useFactory: (config: DatabaseConfig) => ({
            ...dataSourceOptions(config, options.migrations, `consortio-${options.applicationName}`),
            autoLoadEntities: true,
            // Start-up fails fast and clearly; the launcher and orchestrators restart us.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [SchemaGuard],
    };
  }
}

@Module({ providers: [configProvider(DatabaseConfig)], exports: [DatabaseConfig] })
class DatabaseConfigModule {}
