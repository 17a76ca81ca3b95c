import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import type { DependencyCheck, ReadinessReport } from '@consortio/shared/contracts';
import { RedisConnections } from '@consortio/api/platform/redis';

const CHECK_TIMEOUT_MS = 2_000;

/** Answers "can this instance serve traffic now?" from live checks of PostgreSQL and Redis. */
@Injectable()
export class ReadinessService implements BeforeApplicationShutdown {
  private readonly redis: Redis;
  private draining = false;
  private readonly startedAt = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    redis: RedisConnections,
  ) {
    // Fails at once while Redis is away instead of queueing the PING until it returns.
    this.redis = redis.open('health', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
  }

  get uptimeSeconds(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }

  async report(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([
      this.check(() => this.dataSource.query('SELECT 1')),
      this.check(() => this.redis.ping()),
    ]);
    const ok = !this.draining && database.status === 'up' && redis.status === 'up';
    return {
      status: ok ? 'ok' : 'unavailable',
      checks: { database, redis },
      version: process.env['CONSORTIO_VERSION'] ?? '0.0.0',
      uptimeSeconds: this.uptimeSeconds,
      draining: this.draining,
    };
  }

  private async check(probe: () => Promise<unknown>): Promise<DependencyCheck> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : 'unreachable' };
    } finally {
      clearTimeout(timer);
    }
  }
}
