import { Expose } from 'class-transformer';
import { IsUrl, Matches } from 'class-validator';

export class RedisConfig {
  @Expose()
  @IsUrl(
    { require_tld: false, protocols: ['redis', 'rediss'], require_protocol: true },
    { message: 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' },
  )
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Starts every key the platform writes (rate limits, socket.io channels), so deployments can share a Redis. */
  @Expose()
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'REDIS_KEY_PREFIX must be 1 to 40 letters, digits, - or _' })
  REDIS_KEY_PREFIX = 'consortio';
}
