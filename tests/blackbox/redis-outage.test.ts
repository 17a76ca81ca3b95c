import type { ReadinessReport } from '@consortio/shared/contracts';
import {
  type ApiProcess,
  eventually,
  OwnRedis,
  type PlatformProcess,
  startApi,
  startWorker,
} from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { completedProbe, requestProbe } from '../support/probes';

describe('Redis outage', () => {
  let redis: OwnRedis;
  let api: ApiProcess;
  let worker: PlatformProcess;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    const env = platformEnv({ REDIS_URL: redis.url });
    api = await startApi(env);
    worker = startWorker(env);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.stop();
  });

  const readiness = async () => {
    const response = await fetch(`${api.url}/api/health/ready`);
    return { status: response.status, report: (await response.json()) as ReadinessReport };
  };

  it('fails readiness but not liveness while Redis is down, keeps accepting work, and recovers by itself', async () => {
    expect((await readiness()).status).toBe(200);

    await redis.stop();
    const down = await eventually(
      async () => {
        const result = await readiness();
        return result.status === 503 ? result : undefined;
      },
      10_000,
      'readiness to fail',
    );
    expect(down.report.status).toBe('unavailable');
    expect(down.report.checks.redis.status).toBe('down');
    expect(down.report.checks.database.status).toBe('up');
    expect((await fetch(`${api.url}/api/health/live`)).status).toBe(200);

    // Work requested during the outage is committed with its job in the outbox...
    const { status, probe } = await requestProbe(api.url, 'during outage');
    expect(status).toBe(201);

    await redis.start();
    await eventually(
      async () => ((await readiness()).status === 200 ? true : undefined),
      20_000,
      'readiness to recover',
    );

    // ...and done once Redis is back: delayed, not lost.
    const completed = await completedProbe(api.url, probe.id, 30_000);
    expect(completed.id).toBe(probe.id);
    expect(api.running).toBe(true);
    expect(worker.running).toBe(true);
  });
});
