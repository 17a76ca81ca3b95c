import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { RedisConnections } from '@consortio/api/platform/redis';
import { SOCKET_PARSER } from '@consortio/shared/contracts';
import { createPeerAwareAdapter } from './peer-aware-redis-adapter';

/**
 * socket.io with the Redis adapter, so that a message to a room reaches sockets connected to
 * any api instance (through Redis only while there is another, see PeerAwareRedisAdapter).
 * Pub/sub connections reconnect by themselves after a Redis outage; clients
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
    const pub = redis.open('socket.io:pub');
    const sub = redis.open('socket.io:sub');
    server.adapter(createPeerAwareAdapter(pub, sub, { key: redis.key('socket.io') }));
    return server;
  }
}
