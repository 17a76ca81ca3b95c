import { type DynamicModule, Module } from '@nestjs/common';
import { EmitterEventsPublisher } from './emitter-events-publisher';
import { EventsGateway } from './events.gateway';
import { EventsPublisher } from './events-publisher';
import { AnonymousSocketAuthenticator, SocketAuthenticator } from './socket-authenticator';

@Module({})
export class RealtimeModule {
  /** In the api: the socket.io gateways and publishing through them. */
  static forApi(): DynamicModule {
    return {
      module: RealtimeModule,
      global: true,
      providers: [
        { provide: SocketAuthenticator, useClass: AnonymousSocketAuthenticator },
        EventsGateway,
        { provide: EventsPublisher, useExisting: EventsGateway },
      ],
      exports: [EventsPublisher, SocketAuthenticator],
    };
  }

  /** In the worker: publishing through Redis to whichever api instance holds the sockets. */
  static forWorker(): DynamicModule {
    return {
      module: RealtimeModule,
      global: true,
      providers: [{ provide: EventsPublisher, useClass: EmitterEventsPublisher }],
      exports: [EventsPublisher],
    };
  }
}
