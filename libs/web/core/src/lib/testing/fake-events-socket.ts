import type { ProbeView, SubscribeAck } from '@consortio/shared/contracts';
import type { EventsSocket } from '../probes/events-socket';

type Handler = (...args: never[]) => void;

/**
 * Stands in for a socket.io client in unit tests: records handlers and emits,
 * and lets the test play the server (`connectAndAck`, `push`).
 */
export class FakeEventsSocket {
  private readonly handlers = new Map<string, Handler[]>();
  readonly emitted: { event: string; payload: unknown }[] = [];
  private pendingAck: ((error: Error | null, answer: SubscribeAck) => void) | null = null;
  disconnected = false;

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  timeout(): this {
    return this;
  }

  emit(event: string, payload: unknown, ack: (error: Error | null, answer: SubscribeAck) => void): this {
    this.emitted.push({ event, payload });
    this.pendingAck = ack;
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    return this;
  }

  connectAndAck(): void {
    this.fire('connect');
    this.pendingAck?.(null, { ok: true, channel: 'system' });
  }

  push(probe: ProbeView): void {
    this.fire('probe.updated', probe);
  }

  asSocket(): EventsSocket {
    return this as unknown as EventsSocket;
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (...a: unknown[]) => void)(...args);
  }
}
