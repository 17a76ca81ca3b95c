import type { DecisionView } from './consortia';
import type { SpecificationExportView } from './specifications';
import type { ProbeView } from './system';
import type { TenderChangeEvent } from './tenders';
import type { OpenCallChangeEvent } from './open-calls';
import type { NotificationEvent } from './notifications';
import type { OcdsExportView } from './open-data';

/** socket.io namespace for live application events (notifications, status changes). */
export const EVENTS_NAMESPACE = '/events';

/**
 * Channels a client may subscribe to on the events namespace; each is one socket.io room.
 * `system` is public; `consortium.<id>` carries a consortium's live changes to its members;
 * `person.<user id>` carries one person's notifications to that person alone.
 */
export const EVENT_CHANNELS = ['system'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number] | `consortium.${string}` | `person.${string}`;

const SCOPED_CHANNEL = /^(consortium|person)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isEventChannel(value: unknown): value is EventChannel {
  return (
    typeof value === 'string' && ((EVENT_CHANNELS as readonly string[]).includes(value) || SCOPED_CHANNEL.test(value))
  );
}

export function consortiumChannel(consortiumId: string): EventChannel {
  return `consortium.${consortiumId}`;
}

export function personChannel(userId: string): EventChannel {
  return `person.${userId}`;
}

export interface SubscribeRequest {
  channel: EventChannel;
}

export type SubscribeAck = { ok: true; channel: EventChannel } | { ok: false; error: string };

/** Events the server sends to clients, by name. */
export interface ServerToClientEvents {
  'probe.updated': (probe: ProbeView) => void;
  /** A vote was cast or a decision closed; the view is neutral (no acting organisation's vote). */
  'decision.updated': (decision: Omit<DecisionView, 'myVote'>) => void;
  /** Something in a consortium changed (members, agreement, needs, lots); clients reload what they show. */
  'consortium.changed': (change: {
    consortiumId: string;
    what: 'members' | 'agreement' | 'needs' | 'lots' | 'specifications';
  }) => void;
  /** An export of a consortium's specification made progress, finished or failed. */
  'specification.export': (exportView: SpecificationExportView) => void;
  /** A tender of the consortium was created or changed, or moved to another stage. */
  'tender.changed': (change: TenderChangeEvent) => void;
  /** An open call of the consortium was created, changed, published or closed, or a supplier acted on it. */
  'open-call.changed': (change: OpenCallChangeEvent) => void;
  /** A bulk OCDS export this person asked for made progress, finished or failed (on `person.<user id>`). */
  'ocds.export': (exportView: OcdsExportView) => void;
  /** Something for this person (on `person.<user id>`), with their unread count. */
  notification: (event: NotificationEvent) => void;
}

/** Events clients send to the server, by name; the last argument is the acknowledgement. */
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (answer: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack: (answer: SubscribeAck) => void) => void;
}

export function channelRoom(channel: EventChannel): string {
  return `channel:${channel}`;
}
