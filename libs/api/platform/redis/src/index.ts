export * from './redis.config';
export * from './redis-connections';
export * from './redis.module';
export * from './redis-options';
