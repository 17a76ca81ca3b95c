import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { RedisConfig } from './redis.config';

/**
 * Owns every Redis connection of the process, so that they are named in Redis' CLIENT LIST,
 * reconnect by themselves after an outage, and are all closed on shutdown.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  private readonly connections = new Set<Redis>();

  constructor(private readonly config: RedisConfig) {}

  get url(): string {
    return this.config.REDIS_URL;
  }

  /** `<REDIS_KEY_PREFIX>:<name>`: the namespace of one kind of key. */
  key(name: string): string {
    return `${this.config.REDIS_KEY_PREFIX}:${name}`;
  }

  /**
   * A new connection. `purpose` names it; `options` may override defaults such as
   * `maxRetriesPerRequest` (BullMQ workers need null, fail-fast callers want a number).
   */
  open(purpose: string, options: RedisOptions = {}): Redis {
    const connection = new Redis(this.config.REDIS_URL, {
      connectionName: `consortio:${purpose}`,
      // Keep trying forever, backing off to 2 s: Redis coming back must heal the process.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
      lazyConnect: false,
      ...options,
    });
    let reported = false;
    connection.on('error', (error: Error) => {
      // ioredis emits an error per failed reconnect; say it once per outage.
      if (!reported) this.logger.warn(`Redis connection "${purpose}" failed: ${error.message}`);
      reported = true;
    });
    connection.on('ready', () => {
      if (reported) this.logger.log(`Redis connection "${purpose}" is back`);
      reported = false;
    });
    this.connections.add(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.connections].map(async (connection) => {
        try {
          await connection.quit();
        } catch {
          connection.disconnect();
        }
      }),
    );
    this.connections.clear();
  }
}
