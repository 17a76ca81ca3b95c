import { Global, Module } from '@nestjs/common';
import { configProvider } from '@consortio/api/platform/config';
import { RedisConfig } from './redis.config';
import { RedisConnections } from './redis-connections';

@Global()
@Module({
  providers: [configProvider(RedisConfig), RedisConnections],
  exports: [RedisConfig, RedisConnections],
})
export class RedisModule {}
