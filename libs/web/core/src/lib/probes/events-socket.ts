import { inject, InjectionToken } from '@angular/core';
import {
  type ClientToServerEvents,
  EVENTS_NAMESPACE,
  type ServerToClientEvents,
  SOCKET_PARSER,
} from '@consortio/shared/contracts';
import { io, type Socket } from 'socket.io-client';

export type EventsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * What the `/events` handshake carries as `auth`; read again on every (re)connect, so a
 * refreshed access token is used after a reconnect. Anonymous (`{}`) unless the session
 * library provides its own.
 */
export const EVENTS_SOCKET_AUTH = new InjectionToken<() => Record<string, unknown>>('EVENTS_SOCKET_AUTH', {
  providedIn: 'root',
  factory: () => () => ({}),
});

/**
 * Opens the `/events` namespace on the page's own origin. WebSocket first: several api
 * instances behind a balancer then need no sticky sessions; long polling stays as fallback.
 * A token so unit tests can hand in a fake socket.
 */
export const EVENTS_SOCKET_FACTORY = new InjectionToken<() => EventsSocket>('EVENTS_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => {
    const auth = inject(EVENTS_SOCKET_AUTH);
    return () =>
      io(EVENTS_NAMESPACE, {
        path: '/socket.io',
        parser: SOCKET_PARSER,
        transports: ['websocket', 'polling'],
        tryAllTransports: true,
        auth: (send) => send(auth()),
      });
  },
});
