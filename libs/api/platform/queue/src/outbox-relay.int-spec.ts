import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@consortio/api/platform/config';
import { RedisConfig, redisOptionsFromUrl } from '@consortio/api/platform/redis';
import { eventually, openTestDataSource, truncateAll } from '@consortio/api/testing';
import { JobQueues } from './job-queues';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueConfig } from './queue.config';

const prefix = `it-outbox-${process.pid}`;

function queueConfig(): QueueConfig {
  return loadConfig(QueueConfig, { ...process.env, QUEUE_PREFIX: prefix });
}

function relayWith(
  dataSource: DataSource,
  redisUrl: string,
  config = queueConfig(),
): { relay: OutboxRelay; queues: JobQueues } {
  const queues = new JobQueues(loadConfig(RedisConfig, { REDIS_URL: redisUrl }), config);
  return { relay: new OutboxRelay(dataSource, queues, config), queues };
}

interface OutboxRow {
  job_id: string;
  dispatched_at: Date | null;
  attempts: number;
  last_error: string | null;
}

describe('outbox and relay (PostgreSQL + Redis)', () => {
  let dataSource: DataSource;
  let inspector: Queue;
  const outbox = new OutboxService();
  const redisUrl = loadConfig(RedisConfig).REDIS_URL;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    inspector = new Queue('system', { prefix, connection: redisOptionsFromUrl(redisUrl) });
  });

  beforeEach(async () => {
    await truncateAll(dataSource);
    await inspector.obliterate({ force: true });
  });

  afterAll(async () => {
    await inspector.obliterate({ force: true });
    await inspector.close();
    await dataSource.destroy();
  });

  const rows = () =>
    dataSource.query<OutboxRow[]>(
      'SELECT job_id, dispatched_at, attempts, last_error FROM outbox_messages ORDER BY id',
    );

  it('refuses a job outside a transaction, because it could outlive or miss its change', async () => {
    await expect(outbox.enqueue(dataSource.manager, 'system.probe', { probeId: 'p' })).rejects.toThrow(
      /inside the transaction/,
    );
  });

  it('writes nothing when the change rolls back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, 'system.probe', { probeId: 'p' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await rows()).toHaveLength(0);
  });

  it('moves committed jobs to BullMQ once, under their deterministic id', async () => {
    await dataSource.transaction(async (manager) => {
      await outbox.enqueue(manager, 'system.probe', { probeId: 'a' }, { jobId: 'system.probe.a' });
      await outbox.enqueue(manager, 'system.probe', { probeId: 'a' }, { jobId: 'system.probe.a' });
      await outbox.enqueue(manager, 'system.probe', { probeId: 'b' }, { jobId: 'system.probe.b' });
    });
    const { relay, queues } = relayWith(dataSource, redisUrl);
    try {
      expect(await relay.relayOnce()).toEqual({ dispatched: 2, failed: false });
      expect(await relay.relayOnce()).toEqual({ dispatched: 0, failed: false });
    } finally {
      await queues.onApplicationShutdown();
    }
    const job = await inspector.getJob('system.probe.a');
    expect(job?.name).toBe('system.probe');
    expect(job?.data).toEqual({ probeId: 'a' });
    expect((await inspector.getJobCounts('waiting'))['waiting']).toBe(2);
    expect((await rows()).every((row) => row.dispatched_at !== null && row.attempts === 1)).toBe(true);
  });

  it('relays a job scheduled for later as a delayed BullMQ job', async () => {
    const runAt = new Date(Date.now() + 60_000);
    await dataSource.transaction((manager) =>
      outbox.enqueue(manager, 'system.probe', { probeId: 'later' }, { jobId: 'system.probe.later', runAt }),
    );
    const { relay, queues } = relayWith(dataSource, redisUrl);
    try {
      await relay.relayOnce();
    } finally {
      await queues.onApplicationShutdown();
    }
    const job = await inspector.getJob('system.probe.later');
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBeGreaterThan(50_000);
  });

  it('keeps jobs in the outbox while Redis is unreachable and relays them when it is back', async () => {
    await dataSource.transaction((manager) =>
      outbox.enqueue(manager, 'system.probe', { probeId: 'x' }, { jobId: 'system.probe.x' }),
    );
    const down = relayWith(dataSource, 'redis://127.0.0.1:1');
    try {
      expect(await down.relay.relayOnce()).toEqual({ dispatched: 0, failed: true });
    } finally {
      await down.queues.onApplicationShutdown();
    }
    const [pending] = await rows();
    expect(pending.dispatched_at).toBeNull();
    expect(pending.attempts).toBe(1);
    expect(pending.last_error).toEqual(expect.any(String));

    const up = relayWith(dataSource, redisUrl);
    try {
      expect(await up.relay.relayOnce()).toEqual({ dispatched: 1, failed: false });
    } finally {
      await up.queues.onApplicationShutdown();
    }
    expect(await inspector.getJob('system.probe.x')).toBeDefined();
    expect((await rows())[0].dispatched_at).not.toBeNull();
  });

  it('relays a job as its transaction commits, woken by PostgreSQL, and listens again after losing its connection', async () => {
    // Polling once a minute: within the few seconds below only a notification can bring a job out.
    const { relay, queues } = relayWith(
      dataSource,
      redisUrl,
      loadConfig(QueueConfig, { ...process.env, QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '60000' }),
    );
    const listeners = () =>
      dataSource.query<{ pid: number }[]>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN consortio_outbox'",
      );
    const relayed = async (jobId: string) => {
      const started = Date.now();
      await dataSource.transaction((manager) => outbox.enqueue(manager, 'system.probe', { probeId: jobId }, { jobId }));
      const job = await eventually(() => inspector.getJob(jobId), 5_000, `job ${jobId} in BullMQ`);
      return { job, afterMs: Date.now() - started };
    };
    await relay.onApplicationBootstrap();
    try {
      const [listener] = await listeners();
      expect(listener).toBeDefined();
      const first = await relayed('system.probe.woken');
      expect(first.job.data).toEqual({ probeId: 'system.probe.woken' });
      expect(first.afterMs).toBeLessThan(5_000);

      // A rolled-back change notifies nobody: its row never existed.
      await expect(
        dataSource.transaction(async (manager) => {
          await outbox.enqueue(manager, 'system.probe', { probeId: 'gone' }, { jobId: 'system.probe.gone' });
          throw new Error('change failed');
        }),
      ).rejects.toThrow('change failed');

      // The listening connection is cut: the relay listens again on a new one within seconds.
      await dataSource.query('SELECT pg_terminate_backend($1)', [listener.pid]);
      const again = await eventually(
        async () => (await listeners()).find((found) => found.pid !== listener.pid),
        5_000,
        'a new listening connection',
      );
      expect(again.pid).not.toBe(listener.pid);
      expect(await listeners()).toHaveLength(1);
      const second = await relayed('system.probe.heard-again');
      expect(second.job.data).toEqual({ probeId: 'system.probe.heard-again' });
      expect(second.afterMs).toBeLessThan(5_000);
    } finally {
      await relay.onApplicationShutdown();
      await queues.onApplicationShutdown();
    }
    expect(await inspector.getJob('system.probe.gone')).toBeUndefined();
    expect(await listeners()).toHaveLength(0);
  });

  it('prunes dispatched rows past retention and keeps pending ones', async () => {
    await dataSource.query(
      `INSERT INTO outbox_messages (job_name, job_id, payload, dispatched_at) VALUES
         ('system.probe', 'old', '{}', now() - interval '30 days'),
         ('system.probe', 'recent', '{}', now()),
         ('system.probe', 'pending', '{}', NULL)`,
    );
    const { relay, queues } = relayWith(dataSource, redisUrl);
    await queues.onApplicationShutdown();
    expect(await relay.prune()).toBe(1);
    expect((await rows()).map((row) => row.job_id)).toEqual(['recent', 'pending']);
  });
});
