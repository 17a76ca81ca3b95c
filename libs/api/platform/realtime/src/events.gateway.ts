import { Injectable, Logger, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  channelRoom,
  EVENTS_NAMESPACE,
  type EventChannel,
  isEventChannel,
  type SubscribeAck,
} from '@consortio/shared/contracts';
import { EventsPublisher, type ServerEventName, type ServerEventPayload } from './events-publisher';
import { Policies, Policy, PolicyGuard, type WithPrincipal } from '@consortio/api/platform/auth';
import { ChannelAccess } from './channel-access';
import { SocketAuthenticator } from './socket-authenticator';

type SocketData = WithPrincipal;

/** Live application events: clients subscribe to channels, each a room shared across api instances. */
@WebSocketGateway({ namespace: EVENTS_NAMESPACE })
@UseGuards(PolicyGuard)
@Injectable()
export class EventsGateway extends EventsPublisher implements OnGatewayInit {
  private readonly logger = new Logger(EventsGateway.name);

  @WebSocketServer()
  private namespace!: Namespace;

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly channels: ChannelAccess,
  ) {
    super();
  }

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticator
        .authenticate(socket.handshake)
        .then((principal) => {
          (socket.data as SocketData).principal = principal;
          next();
        })
        .catch((error: unknown) => {
          this.logger.debug(`Socket handshake refused: ${(error as Error).message}`);
          next(new Error(error instanceof Error ? error.message : 'Not authenticated'));
        });
    });
  }

  // Anyone may ask; whether they may enter the channel's room is decided by the authenticator
  // (who the caller is) and by the channel's owner (whether that caller belongs there).
  @Policy(Policies.public)
  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() request: unknown): Promise<SubscribeAck> {
    const channel = this.channelOf(request);
    if (!channel) return { ok: false, error: 'channel must be one of the documented event channels' };
    const room = channelRoom(channel);
    const principal = (socket.data as SocketData).principal ?? null;
    if (!(await this.authenticator.mayJoin(principal, room)) || !(await this.channels.mayJoin(principal, channel))) {
      return { ok: false, error: `not allowed to subscribe to ${channel}` };
    }
    await socket.join(room);
    return { ok: true, channel };
  }

  @Policy(Policies.public)
  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() request: unknown): Promise<SubscribeAck> {
    const channel = this.channelOf(request);
    if (!channel) return { ok: false, error: 'channel must be one of the documented event channels' };
    await socket.leave(channelRoom(channel));
    return { ok: true, channel };
  }

  publish<E extends ServerEventName>(channel: EventChannel, event: E, payload: ServerEventPayload<E>): void {
    this.namespace.to(channelRoom(channel)).emit(event, payload);
  }

  private channelOf(request: unknown): EventChannel | undefined {
    const channel = (request as { channel?: unknown } | null)?.channel;
    return isEventChannel(channel) ? channel : undefined;
  }
}
