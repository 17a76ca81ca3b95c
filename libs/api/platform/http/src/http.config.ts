import { Expose, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { CommaSeparated, Flag } from '@consortio/api/platform/config';

export class HttpConfig {
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Expose()
  @IsString()
  HOST = '0.0.0.0';

  /** Origins allowed to call the api from a browser; empty means same origin only. */
  @Expose()
  @CommaSeparated()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { each: true, message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://consortio.example' },
  )
  CORS_ORIGINS: string[] = [];

  /** Folder of the built web app (index.html); when set, the api serves it on the same port. */
  @Expose()
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  /** How long a SIGTERM waits for requests in flight before the process exits anyway. */
  @Expose()
  @Type(() => Number)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Behind a reverse proxy, trust X-Forwarded-* so client addresses and protocols are right. */
  @Expose()
  @Flag()
  @IsBoolean({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY = false;
}
