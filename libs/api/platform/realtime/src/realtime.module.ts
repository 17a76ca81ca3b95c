import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { EmitterEventsPublisher } from './emitter-events-publisher';
import { ChannelAccess } from './channel-access';
import { EventsGateway } from './events.gateway';
import { EventsPublisher } from './events-publisher';
import { AnonymousSocketAuthenticator, SocketAuthenticator } from './socket-authenticator';

@Module({})
export class RealtimeModule {
  /** In the api: the socket.io gateways and publishing through them; `authenticator` checks handshakes. */
  static forApi(authenticator: Type<SocketAuthenticator> = AnonymousSocketAuthenticator): DynamicModule {
    return {
      module: RealtimeModule,
      global: true,
      providers: [
        { provide: SocketAuthenticator, useClass: authenticator },
        ChannelAccess,
        EventsGateway,
        { provide: EventsPublisher, useExisting: EventsGateway },
      ],
      exports: [EventsPublisher, SocketAuthenticator, ChannelAccess],
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
