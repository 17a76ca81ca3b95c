import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pendingMigrations } from './migration-runner';

/**
 * Stops a process that would run against an older schema than its code expects. Migrations are
 * a deployment step (`main.js migrate`), never something an api or worker does on its own.
 */
@Injectable()
export class SchemaGuard implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const pending = await pendingMigrations(this.dataSource);
    if (pending.length > 0) {
      throw new Error(
        `The database schema is behind this build: ${pending.length} migration(s) pending (${pending.join(', ')}). ` +
          'Run "node dist/apps/api/main.js migrate" (or "npm run migrate") before starting the api or worker.',
      );
    }
  }
}
