import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { RedisConnections } from '@consortio/api/platform/redis';
import { SOCKET_PARSER } from '@consortio/shared/contracts';
import { createPeerAwareAdapter } from './peer-aware-redis-adapter';

/**
 * socket.io with the Redis adapter, so that a message to a room reaches sockets connected to
 * any api instance (and goes through Redis only when there is another, see PeerAwareRedisAdapter). Pub/sub connections reconnect by themselves after a Redis outage; clients
 * resynchronise their state on reconnect, which repairs anything dropped meanwhile.
 */
export class RedisIoAdapter extends IoAdapter {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      cors: this.corsOrigins.length > 0 ? { origin: this.corsOrigins, credentials: true } : undefined,
      // Documents and notifications are small; refuse oversized frames early.
      maxHttpBufferSize: 2 * 1024 * 1024,
      parser: SOCKET_PARSER,
    } as ServerOptions) as Server;
    const redis = this.app.get(RedisConnections);
    const pub = publishingAfterLocalWrites(redis.open('socket.io:pub'));
    const sub = redis.open('socket.io:sub');
    server.adapter(createPeerAwareAdapter(pub, sub, { key: redis.key('socket.io') }));
    return server;
  }
}

/**
 * The publishing connection as the adapter sees it, with every PUBLISH sent on the next tick: the
 * adapter publishes a broadcast before it writes to this instance's own sockets, and a write to
 * Redis can hold the process for as long as Redis takes to run (it often shares the core), so
 * readers here would wait for it. Publishes keep their order, and other instances get them as
 * soon as the current broadcast is written.
 */
export function publishingAfterLocalWrites(connection: Redis): Redis {
  return new Proxy(connection, {
    get(target, property) {
      if (property === 'publish') {
        return (channel: string | Buffer, message: string | Buffer) =>
          new Promise<number>((resolve, reject) =>
            process.nextTick(() => target.publish(channel, message).then(resolve, reject)),
          );
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
