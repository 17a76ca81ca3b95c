import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnections } from '@consortio/api/platform/redis';

export interface RateLimit {
  /** Distinguishes limits: `sign-in`, `reset`, `invite`. */
  name: string;
  /** Attempts allowed per window and key. */
  limit: number;
  windowSeconds: number;
}

/**
 * Counters in Redis, so limits hold across every api instance. A fixed window per key; failures
 * (wrong password) additionally lock the key out for a time that doubles with each failure past
 * the fifth. If Redis is down, the limiter lets requests through rather than locking everyone out.
 */
@Injectable()
export class RateLimiter {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(connections: RedisConnections) {
    this.redis = connections.open('rate-limit', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.prefix = connections.key('rl');
  }

  /** Counts one attempt for each key; throws 429 with Retry-After when any is over its limit. */
  async consume(limit: RateLimit, keys: string[]): Promise<void> {
    try {
      for (const key of keys) {
        const lock = `${this.prefix}:${limit.name}:lock:${key}`;
        const lockTtl = await this.redis.pttl(lock);
        if (lockTtl > 0) tooMany(Math.ceil(lockTtl / 1000));
        const counter = `${this.prefix}:${limit.name}:${key}`;
        const [[, count], [, ttl]] = (await this.redis.multi().incr(counter).pttl(counter).exec()) as [
          [unknown, number],
          [unknown, number],
        ];
        if (ttl < 0) await this.redis.pexpire(counter, limit.windowSeconds * 1000);
        if (count > limit.limit) tooMany(Math.ceil((ttl > 0 ? ttl : limit.windowSeconds * 1000) / 1000));
      }
    } catch (error) {
      if (error instanceof HttpException) throw error;
      // Redis unavailable: fail open; the password check itself is still slow (argon2id).
    }
  }

  /** Records a failed attempt; from the sixth in a row the key is locked for 2^(n-5) s, at most 15 min. */
  async fail(limit: RateLimit, key: string): Promise<void> {
    try {
      const failures = `${this.prefix}:${limit.name}:failures:${key}`;
      const count = await this.redis.incr(failures);
      await this.redis.expire(failures, 24 * 3600);
      if (count > 5) {
        const seconds = Math.min(2 ** (count - 5), 900);
        await this.redis.set(`${this.prefix}:${limit.name}:lock:${key}`, '1', 'EX', seconds);
      }
    } catch {
      // see consume()
    }
  }

  async succeed(limit: RateLimit, key: string): Promise<void> {
    try {
      await this.redis.del(`${this.prefix}:${limit.name}:failures:${key}`);
    } catch {
      // see consume()
    }
  }
}

function tooMany(retryAfterSeconds: number): never {
  throw new HttpException(
    {
      message: `Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
      retryAfterSeconds,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
