import type { ProbeView } from './system';

/** socket.io namespace for live application events (notifications, status changes). */
export const EVENTS_NAMESPACE = '/events';

/** Channels a client may subscribe to on the events namespace; each is one socket.io room. */
export const EVENT_CHANNELS = ['system'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

export interface SubscribeRequest {
  channel: EventChannel;
}

export type SubscribeAck = { ok: true; channel: EventChannel } | { ok: false; error: string };

/** Events the server sends to clients, by name. */
export interface ServerToClientEvents {
  'probe.updated': (probe: ProbeView) => void;
}

/** Events clients send to the server, by name; the last argument is the acknowledgement. */
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (answer: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack: (answer: SubscribeAck) => void) => void;
}

export function channelRoom(channel: EventChannel): string {
  return `channel:${channel}`;
}
