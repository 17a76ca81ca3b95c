import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { type Namespace, Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { createPeerAwareAdapter, type PeerAwareRedisAdapter } from './peer-aware-redis-adapter';

/**
 * The adapter against the real Redis: alone it publishes nothing, two instances find each other
 * before either lets a socket into a room, and one that goes is forgotten.
 */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const KEY = `it-peers-${process.pid}-${Date.now().toString(36)}`;
const ROOM = 'document:shared';

interface Instance {
  http: HttpServer;
  io: Server;
  namespace: Namespace;
  adapter: PeerAwareRedisAdapter;
  url: string;
  connections: Redis[];
}

const instances: Instance[] = [];
const clients: ClientSocket[] = [];
let monitor: Redis;
let published: string[] = [];

async function startInstance(): Promise<Instance> {
  const http = createServer();
  const connections = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
  const io = new Server(http, { transports: ['websocket'] });
  io.adapter(createPeerAwareAdapter(connections[0], connections[1], { key: KEY, recountMs: 200 }));
  const namespace = io.of('/collab');
  namespace.on('connection', (socket) => {
    socket.on('join', async (room: string, done: () => void) => {
      await socket.join(room);
      done();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const instance: Instance = {
    http,
    io,
    namespace,
    adapter: namespace.adapter as unknown as PeerAwareRedisAdapter,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/collab`,
    connections,
  };
  instances.push(instance);
  return instance;
}

async function stopInstance(instance: Instance): Promise<void> {
  await new Promise<void>((resolve) => instance.io.close(() => resolve()));
  for (const connection of instance.connections) connection.disconnect();
  instances.splice(instances.indexOf(instance), 1);
}

async function joinedClient(instance: Instance): Promise<ClientSocket> {
  const client = connect(instance.url, { transports: ['websocket'], forceNew: true });
  clients.push(client);
  await new Promise<void>((resolve) => client.on('connect', () => resolve()));
  await new Promise<void>((resolve) => client.emit('join', ROOM, resolve));
  return client;
}

const received = (client: ClientSocket, event: string): Promise<unknown> =>
  new Promise((resolve) => client.once(event, resolve));

const until = async (condition: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  monitor = new Redis(REDIS_URL);
  await monitor.psubscribe(`${KEY}#/collab#*`);
  monitor.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer) => published.push(channel.toString()));
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const instance of [...instances]) await stopInstance(instance);
  published = [];
});

afterAll(() => monitor.disconnect());

describe('PeerAwareRedisAdapter', () => {
  it('alone, delivers a room broadcast to its own sockets without publishing it to Redis', async () => {
    const alone = await startInstance();
    const reader = await joinedClient(alone);
    expect(alone.adapter.hasPeers).toBe(false);

    const arrival = received(reader, 'update');
    alone.namespace.to(ROOM).emit('update', 'hello');
    await expect(arrival).resolves.toBe('hello');
    // Give a publish time to reach the monitor: none comes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(published).toEqual([]);
  });

  it('two instances know each other before either lets a socket into a room, and broadcasts cross between them', async () => {
    const first = await startInstance();
    await joinedClient(first);
    const second = await startInstance();
    // The join on the second instance completes only after it announced itself and heard the first.
    const reader = await joinedClient(second);
    expect(second.adapter.hasPeers).toBe(true);
    expect(first.adapter.hasPeers).toBe(true);

    // Right after the join: the first instance already publishes to the second.
    const arrival = received(reader, 'update');
    first.namespace.to(ROOM).emit('update', 'from the first');
    await expect(arrival).resolves.toBe('from the first');
    expect(published).toContain(`${KEY}#/collab#${ROOM}#`);
  });

  it('forgets an instance that has gone, and stops publishing', async () => {
    const first = await startInstance();
    const second = await startInstance();
    await joinedClient(first);
    await joinedClient(second);
    expect(first.adapter.hasPeers).toBe(true);

    await stopInstance(second);
    await until(() => !first.adapter.hasPeers, 'the first instance forgets the second');
    published = [];
    first.namespace.to(ROOM).emit('update', 'alone again');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(published).toEqual([]);
  });
});
