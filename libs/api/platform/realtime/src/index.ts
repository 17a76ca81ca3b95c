export * from './socket-authenticator';
export * from './redis-io.adapter';
export * from './events-publisher';
export * from './events.gateway';
export * from './emitter-events-publisher';
export * from './realtime.module';
export * from './channel-access';
export * from './peer-aware-redis-adapter';
