import { type INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AuditModule, AuditService } from '@consortio/api/platform/audit';
import { loadConfig } from '@consortio/api/platform/config';
import { DatabaseModule } from '@consortio/api/platform/database';
import { OutboxService, QueueModule } from '@consortio/api/platform/queue';
import { EmitterEventsPublisher, RealtimeModule } from '@consortio/api/platform/realtime';
import { RedisConfig, RedisConnections, RedisModule, redisOptionsFromUrl } from '@consortio/api/platform/redis';
import { deleteRedisKeys, openTestDataSource, truncateAll } from '@consortio/api/testing';
import { CreateOpenCalls1764700000000 } from './migrations/1764700000000-create-open-calls';
import { OpenCallClosing } from './open-call-closing';
import { OpenCallEvents } from './open-call-events';
import { OpenCallsJobsModule } from './open-calls.module';

/**
 * The deadline of an open call against the real PostgreSQL and Redis: a worker made of the same
 * modules as apps/worker (outbox relay, BullMQ, the open-calls processor and its sweep) closes a
 * call at its deadline through the delayed job, re-checks a job that fires early, and, when the
 * job is lost (the queue emptied in Redis), closes the call by its sweep when a worker starts.
 */

const prefix = `it-calls-${process.pid}`;

/** The worker's wiring for this domain, as WorkerAppModule composes it. */
@Module({
  imports: [
    RedisModule,
    DatabaseModule.forRoot({ migrations: [CreateOpenCalls1764700000000], applicationName: 'int-open-calls' }),
    QueueModule.forWorker(),
    RealtimeModule.forWorker(),
    AuditModule,
    OpenCallsJobsModule,
  ],
})
class OpenCallsWorkerModule {}

async function startWorker(): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [OpenCallsWorkerModule] }).compile();
  moduleRef.useLogger(['error']);
  return moduleRef.init();
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface CallRow {
  closes_at: Date;
  closed_at: Date | null;
}

describe('open calls close at their deadline (PostgreSQL + Redis + BullMQ worker)', () => {
  let dataSource: DataSource;
  let queue: Queue;
  let tenderId: string;
  let round = 0;
  const workers: INestApplicationContext[] = [];
  const redisUrl = loadConfig(RedisConfig).REDIS_URL;
  const saved = { QUEUE_PREFIX: process.env['QUEUE_PREFIX'], REDIS_KEY_PREFIX: process.env['REDIS_KEY_PREFIX'] };

  beforeAll(async () => {
    // Queues, socket.io emitter and everything else this worker writes to Redis are this run's own.
    process.env['QUEUE_PREFIX'] = prefix;
    process.env['REDIS_KEY_PREFIX'] = prefix;
    dataSource = await openTestDataSource();
    await truncateAll(dataSource);
    queue = new Queue('open-calls', { prefix, connection: redisOptionsFromUrl(redisUrl) });
    await queue.obliterate({ force: true });
    const [{ id: lead }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO organisations (kind, name, country, verification)
       VALUES ('central-purchasing-body', 'Einkauf Süd', 'DE', 'verified') RETURNING id`,
    );
    const [{ id: consortiumId }] = await dataSource.query<{ id: string }[]>(
      "INSERT INTO consortia (name, domain, lead_organisation_id) VALUES ('Deadline consortium', 'mobility', $1) RETURNING id",
      [lead],
    );
    await dataSource.query(
      "INSERT INTO consortium_members (consortium_id, organisation_id, role) VALUES ($1, $2, 'lead')",
      [consortiumId, lead],
    );
    [{ id: tenderId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, stage, lot_rules)
       VALUES ($1, 'Depot lighting', 'open', 14400, 'published', '{"bidsOn":"all","maxLotsPerTenderer":null}') RETURNING id`,
      [consortiumId],
    );
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await dataSource?.destroy();
    await deleteRedisKeys(redisUrl, prefix);
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  /** A call published now that closes `inMs` from now by the database's clock. */
  async function publishedCall(inMs: number): Promise<{ id: string; closesAt: Date }> {
    round += 1;
    const [row] = await dataSource.query<{ id: string; closes_at: Date }[]>(
      `INSERT INTO open_calls (tender_id, round, kind, title, summary, opens_at, closes_at, published_at)
       VALUES ($1, $2, 'market-consultation', $3, 'Tell us what you can deliver.', now() - interval '1 hour',
               now() + make_interval(secs => $4::double precision / 1000), now())
       RETURNING id, closes_at`,
      [tenderId, round, `Consultation round ${round}`, inMs],
    );
    return { id: row.id, closesAt: row.closes_at };
  }

  const call = async (id: string): Promise<CallRow> =>
    (await dataSource.query<CallRow[]>('SELECT closes_at, closed_at FROM open_calls WHERE id = $1', [id]))[0];

  const closedAudit = (id: string) =>
    dataSource.query<{ summary: { after: { closesAt: string; closedAt: string } } }[]>(
      "SELECT summary FROM audit_events WHERE action = 'open-call.closed' AND entity_id = $1",
      [id],
    );

  const waitClosed = (id: string, what: string) =>
    eventually(
      async () => {
        const row = await call(id);
        return row.closed_at ? row : undefined;
      },
      20_000,
      what,
    );

  it('closes a call a second after publication through the delayed job run by the worker', async () => {
    const worker = await startWorker();
    workers.push(worker);
    const closing = worker.get(OpenCallClosing);
    const { id, closesAt } = await publishedCall(1_000);
    // As OpenCallsService.publish does: the job goes to the outbox in the publishing transaction.
    const jobId = await dataSource.transaction((manager) => closing.schedule(manager, id, closesAt));
    expect(jobId).toBe(`open-calls.close.${id}.${closesAt.getTime()}`);

    const closed = await waitClosed(id, 'the closing job');
    expect(closed.closed_at?.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
    // The job did it (the sweep of this worker ran once, at its start, before the deadline).
    const job = await eventually(
      async () => {
        const found = await queue.getJob(jobId);
        return found && (await found.isCompleted()) ? found : undefined;
      },
      5_000,
      'the completed job',
    );
    expect(job.returnvalue).toBe('closed');
    expect(await closedAudit(id)).toEqual([
      { summary: { after: { closesAt: closesAt.toISOString(), closedAt: closed.closed_at?.toISOString() } } },
    ]);
  });

  it('re-checks a job that fires before the deadline and closes the call at it', async () => {
    const worker = await startWorker();
    workers.push(worker);
    const closing = worker.get(OpenCallClosing);
    // The deadline was moved on after this job was scheduled (or the clocks differ): it fires early.
    const { id, closesAt } = await publishedCall(1_500);
    const early = new Date(Date.now());
    const jobId = await dataSource.transaction((manager) => closing.schedule(manager, id, early));
    const job = await eventually(
      async () => {
        const found = await queue.getJob(jobId);
        return found && (await found.isCompleted()) ? found : undefined;
      },
      10_000,
      'the early job',
    );
    expect(job.returnvalue).toBe('not due');
    const closed = await waitClosed(id, 'the re-check job');
    expect(closed.closed_at?.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
    const recheck = await queue.getJob(`open-calls.close.${id}.${closesAt.getTime()}.recheck`);
    expect(recheck?.returnvalue).toBe('closed');
    expect(await closedAudit(id)).toHaveLength(1);
  });

  it('closes a call whose job was lost by the sweep of the next worker to start', async () => {
    // One worker takes the job into Redis and stops; then Redis loses it.
    const first = await startWorker();
    const closing = first.get(OpenCallClosing);
    const { id, closesAt } = await publishedCall(3_000);
    const jobId = await dataSource.transaction((manager) => closing.schedule(manager, id, closesAt));
    await eventually(async () => ((await queue.getJob(jobId)) ? true : undefined), 10_000, 'the relayed job');
    await first.close();
    await queue.obliterate({ force: true });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt.getTime() - Date.now()) + 300));
    // Past its deadline and nothing left to close it: still marked open in the table.
    expect((await call(id)).closed_at).toBeNull();
    const [{ dispatched }] = await dataSource.query<{ dispatched: boolean }[]>(
      'SELECT dispatched_at IS NOT NULL AS dispatched FROM outbox_messages WHERE job_id = $1',
      [jobId],
    );
    expect(dispatched).toBe(true);

    const next = await startWorker();
    workers.push(next);
    const closed = await waitClosed(id, 'the sweep at start');
    expect(closed.closed_at?.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
    expect(await queue.getJob(jobId)).toBeUndefined();
    expect(await closedAudit(id)).toHaveLength(1);
  });

  it('closes each call once when the sweep and jobs race, and leaves calls not yet due alone', async () => {
    // Built by hand, without a worker whose own sweep would join the race at an unknown moment.
    const redis = new RedisConnections(loadConfig(RedisConfig));
    const closing = new OpenCallClosing(
      dataSource,
      new OutboxService(),
      new AuditService(dataSource),
      new OpenCallEvents(new EmitterEventsPublisher(redis)),
    );
    const overdue = await Promise.all([publishedCall(-2_000), publishedCall(-1_000)]);
    const later = await publishedCall(60 * 60_000);
    const outcomes = await Promise.all([
      closing.closeOverdue(),
      closing.closeOverdue(),
      ...overdue.map((item) => closing.close(item.id)),
      closing.close(later.id),
    ]);
    const [sweepA, sweepB, ...rest] = outcomes as [number, number, ...string[]];
    const byJobs = rest.slice(0, 2).filter((outcome) => outcome === 'closed').length;
    expect(sweepA + sweepB + byJobs).toBe(2);
    expect(rest[2]).toBe('not due');
    for (const item of overdue) expect(await closedAudit(item.id)).toHaveLength(1);
    expect((await call(later.id)).closed_at).toBeNull();
    expect(await closing.close(overdue[0].id)).toBe('nothing to close');
    await redis.onApplicationShutdown();
  });
});
