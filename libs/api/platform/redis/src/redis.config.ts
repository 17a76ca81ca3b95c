import { Expose } from 'class-transformer';
import { IsUrl } from 'class-validator';

export class RedisConfig {
  @Expose()
  @IsUrl(
    { require_tld: false, protocols: ['redis', 'rediss'], require_protocol: true },
    { message: 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' },
  )
  REDIS_URL = 'redis://127.0.0.1:6379';
}
