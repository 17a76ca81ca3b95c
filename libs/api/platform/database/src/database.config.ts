import { Expose, Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min, IsBoolean } from 'class-validator';
import { Flag } from '@consortio/api/platform/config';

export class DatabaseConfig {
  @Expose()
  @IsUrl(
    { require_tld: false, protocols: ['postgres', 'postgresql'], require_protocol: true },
    {
      message: 'DATABASE_URL must be a postgres:// URL, e.g. postgres://user:password@localhost:5432/consortio',
    },
  )
  DATABASE_URL!: string;

  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number' })
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Expose()
  @Flag()
  @IsBoolean({ message: 'DATABASE_SSL must be true or false' })
  DATABASE_SSL = false;

  /** A query running longer than this is cancelled by PostgreSQL, so one bad query cannot hold a pool. */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;
}
