import { Queue } from 'bullmq';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  DEFAULT_NOTIFICATION_PREFERENCES,
  type NotificationEvent,
  type NotificationPreferenceView,
  type NotificationView,
  type OpenCallView,
  type Page,
  personChannel,
  type ProblemDetails,
  type ServerToClientEvents,
  SOCKET_PARSER,
  type SubscribeAck,
  type TenderView,
} from '@consortio/shared/contracts';
import { demoConsortiumId } from '../support/collab';
import { Mailbox } from '../support/mailbox';
import { type ApiProcess, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, type SignedIn, signIn } from '../support/sessions';

type EventsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Notifications end to end: a change in one domain (a tender's stage, a decision put to the
 * vote) tells the other people of the consortium live on their own channel and in their
 * notification centre, each by the channels they chose; the worker's daily reminders and digest
 * run as jobs and remind once.
 */
describe('notifications', () => {
  let mailbox: Mailbox;
  let api: ApiProcess;
  let worker: PlatformProcess;
  let db: pg.Client;
  let queue: Queue;
  let anna: SignedIn; // procurement officer, Musterstadt (lead of the demo consortium)
  let lukas: SignedIn; // procurement officer, Beispielheim (member)
  let consortiumId: string;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await startApi(platformEnv());
    worker = startWorker(platformEnv({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://consortio.example' }));
    db = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
    await db.connect();
    const redis = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    queue = new Queue('notifications', {
      prefix: process.env['QUEUE_PREFIX'],
      connection: { host: redis.hostname, port: Number(redis.port || 6379) },
    });
    [anna, lukas] = await Promise.all([
      signIn(api.url, 'officer@musterstadt.test'),
      signIn(api.url, 'officer@beispielheim.test'),
    ]);
    consortiumId = await demoConsortiumId(api.url, anna);
  });

  afterAll(async () => {
    await queue?.close();
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
    await mailbox?.close();
  });

  const call = async <T>(who: SignedIn, method: string, path: string, json?: unknown) => {
    const response = await as(who, api.url, `/api/v1${path}`, { method, json });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const mine = async (who: SignedIn, query = '') =>
    (await call<Page<NotificationView>>(who, 'GET', `/notifications?pageSize=100${query}`)).body;
  const runJob = async (name: 'notifications.digest' | 'notifications.remind') => {
    const job = await queue.add(name, {}, { jobId: `${name}-${Date.now()}` });
    for (let i = 0; i < 100; i += 1) {
      const state = await job.getState();
      if (state === 'completed') return;
      if (state === 'failed') throw new Error(`${name} failed: ${(await queue.getJob(job.id ?? ''))?.failedReason}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`${name} did not complete within 10 s`);
  };

  async function personSocket(who: SignedIn): Promise<EventsSocket> {
    const socket: EventsSocket = io(`${api.url}/events`, {
      parser: SOCKET_PARSER,
      transports: ['websocket'],
      auth: { token: who.token },
      reconnection: false,
    });
    await new Promise<void>((done, fail) => {
      socket.once('connect', () => done());
      socket.once('connect_error', fail);
    });
    return socket;
  }

  it('tells the other people of the consortium live and in their centre when a tender changes stage', async () => {
    await call(lukas, 'PUT', '/notifications/preferences', { preferences: DEFAULT_NOTIFICATION_PREFERENCES });
    const socket = await personSocket(lukas);
    try {
      const ack = await new Promise<SubscribeAck>((done) =>
        socket.emit('subscribe', { channel: personChannel(lukas.user.id) }, done),
      );
      expect(ack).toEqual({ ok: true, channel: personChannel(lukas.user.id) });
      // Only this tender's: the worker may still be delivering what earlier files left in the outbox.
      let tenderLink = '';
      const arrived = new Promise<NotificationEvent>((done) =>
        socket.on('notification', (event) => {
          if (event.notification.link === tenderLink) done(event);
        }),
      );

      const created = await call<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
        title: 'Smart street lighting 2028',
        procedureType: 'open',
      });
      expect(created.status).toBe(201);
      tenderLink = `/tenders/${created.body.id}`;
      const moved = await call<TenderView>(anna, 'POST', `/tenders/${created.body.id}/transitions`, {
        to: 'market-consultation',
      });
      expect(moved.status).toBe(200);

      const live = await arrived;
      expect(live.notification).toMatchObject({ kind: 'stage-change', link: `/tenders/${created.body.id}` });
      expect(live.notification.title).toContain('Smart street lighting 2028');
      expect(live.unread).toBeGreaterThanOrEqual(1);
      const centre = await mine(lukas);
      expect(centre.items.map((item) => item.id)).toContain(live.notification.id);
      // The one who moved it is not told what they did.
      expect((await mine(anna)).items.some((item) => item.link === `/tenders/${created.body.id}`)).toBe(false);
    } finally {
      socket.disconnect();
    }
  });

  it('keeps a person’s channel to that person', async () => {
    const socket = await personSocket(anna);
    try {
      const ack = await new Promise<SubscribeAck>((done) =>
        socket.emit('subscribe', { channel: personChannel(lukas.user.id) }, done),
      );
      expect(ack.ok).toBe(false);
    } finally {
      socket.disconnect();
    }
  });

  it('tells members when a decision is put to the vote, and marks read one or all', async () => {
    const before = (await call<{ unread: number }>(lukas, 'GET', '/notifications/unread-count')).body.unread;
    const proposed = await call<{ id: string }>(anna, 'POST', `/consortia/${consortiumId}/decisions`, {
      kind: 'procedure',
      title: 'Open procedure for the street lighting',
      options: ['Open procedure', 'Competitive dialogue'],
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(proposed.status).toBe(201);
    const vote = (await mine(lukas, '&unread=true')).items.find((item) => item.kind === 'vote');
    expect(vote?.title).toContain('Open procedure for the street lighting');
    expect((await call<{ unread: number }>(lukas, 'GET', '/notifications/unread-count')).body.unread).toBe(before + 1);

    const one = await call<{ unread: number }>(lukas, 'POST', '/notifications/read', { ids: [vote?.id] });
    expect(one.body.unread).toBe(before);
    // Someone else's id is ignored, not an error.
    const theirs = (await mine(anna)).items[0];
    if (theirs) {
      await call(lukas, 'POST', '/notifications/read', { ids: [theirs.id] });
      expect((await mine(anna)).items.find((item) => item.id === theirs.id)?.readAt).toBeNull();
    }
    expect((await call<{ unread: number }>(lukas, 'POST', '/notifications/read', { all: true })).body.unread).toBe(0);
    const bad = await call<ProblemDetails>(lukas, 'POST', '/notifications/read', {});
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('ids');
    const notUuid = await call<ProblemDetails>(lukas, 'POST', '/notifications/read', { ids: ['x'] });
    expect(notUuid.status).toBe(400);
  });

  it('follows each person’s choices: off in the app, on in the e-mail digest, sent once', async () => {
    // Other files may have changed Lukas's choices: start from the defaults.
    await call(lukas, 'PUT', '/notifications/preferences', { preferences: DEFAULT_NOTIFICATION_PREFERENCES });
    const defaults = await call<NotificationPreferenceView[]>(lukas, 'GET', '/notifications/preferences');
    expect(defaults.body.find((item) => item.kind === 'stage-change')).toEqual({
      kind: 'stage-change',
      inApp: true,
      email: false,
    });
    const chosen = await call<NotificationPreferenceView[]>(lukas, 'PUT', '/notifications/preferences', {
      preferences: [{ kind: 'stage-change', inApp: false, email: true }],
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.find((item) => item.kind === 'stage-change')).toEqual({
      kind: 'stage-change',
      inApp: false,
      email: true,
    });
    const unknown = await call<ProblemDetails>(lukas, 'PUT', '/notifications/preferences', {
      preferences: [{ kind: 'gossip', inApp: true, email: true }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('kind');

    const before = (await mine(lukas)).total;
    const created = await call<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
      title: 'Bike sharing for three towns',
      procedureType: 'open',
    });
    await call(anna, 'POST', `/tenders/${created.body.id}/transitions`, { to: 'market-consultation' });
    expect((await mine(lukas)).total).toBe(before); // not in the app

    await runJob('notifications.digest');
    const mail = await mailbox.waitFor('officer@beispielheim.test');
    expect(mail.text).toContain('Bike sharing for three towns');
    expect(mail.text).toContain(`https://consortio.example/tenders/${created.body.id}`);
    // Everything unread and meant for the mail went out (what was read in the app is not mailed).
    const pending = await db.query(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.email = 'officer@beispielheim.test' AND n.email AND n.emailed_at IS NULL AND n.read_at IS NULL`,
    );
    expect(pending.rows[0].n).toBe(0);
    await runJob('notifications.digest');
    const digests = mailbox.messages.filter(
      (message) => message.to.includes('officer@beispielheim.test') && message.text.includes('Bike sharing'),
    );
    expect(digests).toHaveLength(1);
  });

  it('reminds of a milestone due within a week once, however often the reminders run', async () => {
    const created = await call<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
      title: 'Charging hubs at three stations',
      procedureType: 'open',
    });
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (await call(anna, 'POST', `/tenders/${created.body.id}/milestones`, { name: 'Site visits', plannedOn: soon }))
        .status,
    ).toBe(201);
    await call(anna, 'POST', `/tenders/${created.body.id}/milestones`, { name: 'Far away', plannedOn: later });

    await runJob('notifications.remind');
    await runJob('notifications.remind');
    const reminders = (await mine(lukas)).items.filter(
      (item) => item.kind === 'deadline' && item.link === `/tenders/${created.body.id}`,
    );
    expect(reminders.map((item) => item.title)).toEqual([`Site visits: due ${soon}`]);
  });

  it('tells the suppliers signed up for an open call that have not responded, once, before it closes', async () => {
    const created = await call<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
      title: 'Smart street lighting, market consultation',
      procedureType: 'open',
    });
    const closesAt = new Date(Date.now() + 30 * 3_600_000).toISOString();
    const opened = await call<OpenCallView>(anna, 'POST', `/tenders/${created.body.id}/open-calls`, {
      kind: 'market-consultation',
      title: 'Dimmable street lights',
      summary: 'What dimmable lights with open interfaces cost to run.',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt,
    });
    expect(opened.status).toBe(201);
    const later = await call<OpenCallView>(anna, 'POST', `/tenders/${created.body.id}/open-calls`, {
      kind: 'market-consultation',
      title: 'Dimmable street lights, second round',
      summary: 'The second round.',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    });
    for (const id of [opened.body.id, later.body.id])
      expect((await call(anna, 'POST', `/open-calls/${id}/publish`)).status).toBe(200);
    // Two suppliers sign up for both; one has already responded to the first (set directly: the
    // response path with its files is covered in open-calls.test.ts).
    const [nora, jakob] = await Promise.all([
      signIn(api.url, 'sales@smartgrid.test'),
      signIn(api.url, 'bids@alpen-efahrzeuge.test'),
    ]);
    for (const supplier of [nora, jakob])
      for (const id of [opened.body.id, later.body.id])
        expect((await call(supplier, 'POST', `/open-calls/${id}/registrations`, {})).status).toBe(201);
    await db.query(
      "INSERT INTO open_call_responses (call_id, organisation_id, submitted_by, text) VALUES ($1, $2, $3, 'Our offer.')",
      [opened.body.id, jakob.user.memberships[0].organisationId, jakob.user.id],
    );

    await runJob('notifications.remind');
    await runJob('notifications.remind');
    const told = (who: SignedIn) =>
      mine(who).then((page) =>
        // Calls of other test files (the database is shared) are left out.
        page.items.filter(
          (item) =>
            item.kind === 'deadline' &&
            [`/open-calls/${opened.body.id}`, `/open-calls/${later.body.id}`].includes(item.link ?? ''),
        ),
      );
    const toNora = await told(nora);
    expect(toNora.map((item) => item.link)).toEqual([`/open-calls/${opened.body.id}`]);
    expect(toNora[0].title).toBe(
      `Open call closes ${closesAt.slice(0, 16).replace('T', ' ')} UTC: Dimmable street lights`,
    );
    expect(await told(jakob)).toEqual([]);
  });

  it('asks each participant for a KPI value of the last finished month it has not entered', async () => {
    const created = await call<TenderView>(anna, 'POST', `/consortia/${consortiumId}/tenders`, {
      title: 'E-bus pilot on two lines',
      procedureType: 'open',
    });
    // The stages up to a running pilot are covered in tender-outcomes.test.ts; here the pilot is set directly.
    await db.query("UPDATE tenders SET stage = 'pilot' WHERE id = $1", [created.body.id]);
    const [{ id: kpiId }] = (
      await db.query<{ id: string }>(
        `INSERT INTO tender_kpis (tender_id, name, unit, baseline, target, created_at)
         VALUES ($1, 'Diesel saved', 'l', 0, 12000, now() - interval '100 days') RETURNING id`,
        [created.body.id],
      )
    ).rows;
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const period = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
    // Musterstadt has entered it; Beispielheim has not.
    await db.query(
      `INSERT INTO tender_kpi_values (kpi_id, period, period_start, organisation_id, value)
       VALUES ($1, $2, $3, $4, 900)`,
      [kpiId, period, `${period}-01`, anna.user.memberships[0].organisationId],
    );

    await runJob('notifications.remind');
    const asked = (person: SignedIn) =>
      mine(person).then((page) =>
        page.items.filter((item) => item.kind === 'kpi-reminder' && item.link === `/tenders/${created.body.id}`),
      );
    expect((await asked(lukas)).map((item) => item.title)).toEqual([`Diesel saved: value for ${period} missing`]);
    expect(await asked(anna)).toEqual([]);
  });
});
