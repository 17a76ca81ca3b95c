import type { EventChannel, ServerToClientEvents } from '@consortio/shared/contracts';

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Sends an event to everyone subscribed to a channel, on every api instance. The api publishes
 * through its socket.io server; the worker, which has none, through the Redis emitter.
 */
export abstract class EventsPublisher {
  abstract publish<E extends ServerEventName>(channel: EventChannel, event: E, payload: ServerEventPayload<E>): void;
}
