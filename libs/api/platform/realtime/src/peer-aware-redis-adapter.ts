import { Logger } from '@nestjs/common';
import { RedisAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Namespace } from 'socket.io';

type BroadcastOptions = Parameters<RedisAdapter['broadcast']>[1];
type Rooms = Parameters<RedisAdapter['addAll']>[1];

/** The server-side event an instance announces itself with, per namespace. */
export const INSTANCE_UP = 'consortio:instance-up';
export interface PeerAwareAdapterOptions {
  /** The Redis key prefix of the adapter's channels. */
  key: string;
  /** How often Redis is asked how many instances there are (10 s). */
  recountMs?: number;
}

/** A peer that exists by count but has not announced itself to this instance. */
const UNNAMED_PEER = '(unnamed)';
const RETRY_MS = 2_000;
const ANNOUNCE_TIMEOUT_MS = 5_000;

/**
 * The Redis adapter, publishing a broadcast only when another api instance serves the namespace.
 * A single instance (a town's usual deployment) then sends no keystroke through Redis, where
 * every one used to cost a PUBLISH and its echo back to this instance's own subscription.
 *
 * Knowing the others is exact where it matters: an instance announces itself (and learns the
 * others from their answers) before it lets a socket into a room, so by the time a client that
 * joined there reads a document, every other instance publishes that document's broadcasts. An
 * instance that has gone is forgotten once Redis counts this instance alone; until then it costs
 * only needless publishes. If the announcement cannot finish (Redis down, an instance not
 * answering), rooms open anyway after the request's timeout, the announcement is retried, and any
 * other instance Redis counts is taken to exist: clients' periodic state-vector resync repairs
 * what an outage dropped, as it does for any lost broadcast.
 */
export class PeerAwareRedisAdapter extends RedisAdapter {
  private readonly logger = new Logger(PeerAwareRedisAdapter.name);
  private readonly namespace: Namespace;
  /** Other instances serving this namespace, with when this one learnt of each. */
  private readonly peers = new Map<string, number>();
  private announced = false;
  private readonly announcing: Promise<void>;
  private readonly recountTimer: NodeJS.Timeout;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(nsp: Namespace, pubClient: Redis, subClient: Redis, options: PeerAwareAdapterOptions) {
    super(nsp, pubClient, subClient, { key: options.key });
    this.namespace = nsp;
    nsp.on(INSTANCE_UP, (uid: unknown, answer?: unknown) => {
      if (typeof uid === 'string' && uid !== this.uid) this.peers.set(uid, Date.now());
      if (typeof answer === 'function') answer(this.uid);
    });
    // After the namespace has this adapter, and after its subscriptions: the subscriber
    // connection runs commands in order, so its PING answers once they are in place, and Redis
    // counts this instance too when it decides how many answers to wait for.
    this.announcing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => withTimeout(subClient.ping(), ANNOUNCE_TIMEOUT_MS, 'Redis did not answer'))
      .then(() => this.announce())
      .catch((error: unknown) => this.announceLater(error));
    this.recountTimer = setInterval(() => void this.recount(), options.recountMs ?? 10_000);
    this.recountTimer.unref();
  }

  /** Whether broadcasts go through Redis: another instance may have sockets in their rooms. */
  get hasPeers(): boolean {
    return this.peers.size > 0;
  }

  override broadcast(packet: unknown, opts: BroadcastOptions): void {
    if (this.peers.size > 0 || opts.flags?.local) return super.broadcast(packet, opts);
    super.broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
  }

  /** A socket enters rooms once this instance has announced itself (at once, after the first moments). */
  override addAll(id: string, rooms: Rooms): Promise<void> | void {
    if (this.announced) return super.addAll(id, rooms);
    return this.announcing.then(() => super.addAll(id, rooms));
  }

  override close(): ReturnType<RedisAdapter['close']> {
    clearInterval(this.recountTimer);
    clearTimeout(this.retryTimer);
    return super.close();
  }

  private async announce(): Promise<void> {
    const answers: unknown[] = await this.namespace.serverSideEmitWithAck(INSTANCE_UP, this.uid);
    const now = Date.now();
    for (const uid of answers) if (typeof uid === 'string' && uid !== this.uid) this.peers.set(uid, now);
    this.peers.delete(UNNAMED_PEER);
    this.announced = true;
  }

  private announceLater(error: unknown): void {
    this.logger.warn(
      `Announcing this instance on ${this.namespace.name} failed, retrying: ${(error as Error).message}`,
    );
    this.announced = true;
    this.peers.set(UNNAMED_PEER, Date.now());
    this.retryTimer = setTimeout(() => {
      this.announce().catch((again: unknown) => this.announceLater(again));
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  /** Forgets instances that have gone (Redis counts this one alone), and notices any it was not told of. */
  private async recount(): Promise<void> {
    const asked = Date.now();
    let count: number;
    try {
      count = Number(await this.serverCount());
    } catch {
      return; // Redis is down: keep what is known
    }
    if (count > 1 && this.peers.size === 0) this.peers.set(UNNAMED_PEER, asked);
    if (count <= 1) for (const [uid, learnt] of this.peers) if (learnt < asked) this.peers.delete(uid);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${reason} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The publishing connection as the adapter sees it, with every PUBLISH sent on the next tick: the
 * adapter publishes a broadcast before it writes to this instance's own sockets, and a write to
 * Redis can hold the process for as long as Redis takes to run (it often shares the core), so
 * readers here would wait for it. Publishes keep their order, and other instances get them as
 * soon as the current broadcast is written.
 */
function publishingAfterLocalWrites(connection: Redis): Redis {
  return new Proxy(connection, {
    get(target, property) {
      if (property === 'publish') {
        return (channel: string | Buffer, message: string | Buffer) =>
          new Promise<number>((resolve, reject) =>
            process.nextTick(() => target.publish(channel, message).then(resolve, reject)),
          );
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The adapter for `server.adapter(...)`, once per namespace; its publishes leave after the local
 * writes of the same broadcast (`publishingAfterLocalWrites`). A plain function, not an arrow:
 * socket.io calls it with `new`, which returns the object the function returns.
 */
export function createPeerAwareAdapter(
  pubClient: Redis,
  subClient: Redis,
  options: PeerAwareAdapterOptions,
): (nsp: Namespace) => PeerAwareRedisAdapter {
  const publisher = publishingAfterLocalWrites(pubClient);
  return function peerAwareAdapter(nsp: Namespace) {
    return new PeerAwareRedisAdapter(nsp, publisher, subClient, options);
  };
}
