import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  type ProbeView,
  type ServerToClientEvents,
  SOCKET_PARSER,
  type SubscribeAck,
} from '@consortio/shared/contracts';
import { type ApiProcess, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { requestProbe } from '../support/probes';

type EventsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function subscribedClient(url: string): Promise<EventsSocket> {
  const socket: EventsSocket = io(`${url}/events`, {
    parser: SOCKET_PARSER,
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', fail);
  });
  const ack = await new Promise<SubscribeAck>((done) => socket.emit('subscribe', { channel: 'system' }, done));
  expect(ack).toEqual({ ok: true, channel: 'system' });
  return socket;
}

function nextProbeUpdate(socket: EventsSocket, id: string, status: ProbeView['status']): Promise<ProbeView> {
  return new Promise((done) => {
    const listener = (probe: ProbeView) => {
      if (probe.id === id && probe.status === status) {
        socket.off('probe.updated', listener);
        done(probe);
      }
    };
    socket.on('probe.updated', listener);
  });
}

describe('two api instances behind one PostgreSQL and Redis', () => {
  let first: ApiProcess;
  let second: ApiProcess;
  let worker: PlatformProcess;
  const sockets: EventsSocket[] = [];

  beforeAll(async () => {
    [first, second] = await Promise.all([startApi(platformEnv()), startApi(platformEnv())]);
    worker = startWorker(platformEnv());
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all([first?.stop(), second?.stop(), worker?.stop()]);
  });

  it('both serve HTTP', async () => {
    for (const api of [first, second]) {
      expect((await fetch(`${api.url}/api/health/ready`)).status).toBe(200);
    }
  });

  it('delivers a room message sent through one instance to a client connected to the other, and the worker’s too', async () => {
    const onSecond = await subscribedClient(second.url);
    const onFirst = await subscribedClient(first.url);
    sockets.push(onSecond, onFirst);
    // Attached before the request: the first update may arrive before its HTTP answer.
    const pendingSeen = new Promise<ProbeView>((done) => onSecond.once('probe.updated', done));

    const { probe: created } = await requestProbe(first.url, 'fan-out');
    const completedOnSecond = nextProbeUpdate(onSecond, created.id, 'completed');
    const completedOnFirst = nextProbeUpdate(onFirst, created.id, 'completed');

    // Published by the first api's socket.io server, received through the Redis adapter on the second.
    const pending = await pendingSeen;
    expect(pending).toMatchObject({ id: created.id, status: 'pending', note: 'fan-out' });
    // Published by the worker through the Redis emitter, received on both instances.
    const [second_, first_] = await Promise.all([completedOnSecond, completedOnFirst]);
    expect(second_.status).toBe('completed');
    expect(first_.id).toBe(created.id);
  });

  it('refuses a subscription to an unknown channel with a reason', async () => {
    const socket: EventsSocket = io(`${second.url}/events`, {
      parser: SOCKET_PARSER,
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((done) => socket.once('connect', () => done()));
    const ack = await new Promise<SubscribeAck>((done) =>
      socket.emit('subscribe', { channel: 'secret-drafts' } as unknown as { channel: 'system' }, done),
    );
    expect(ack.ok).toBe(false);
  });
});
