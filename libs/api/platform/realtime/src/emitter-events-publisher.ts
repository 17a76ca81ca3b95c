import { Injectable } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { channelRoom, EVENTS_NAMESPACE, type EventChannel } from '@consortio/shared/contracts';
import { RedisConnections } from '@consortio/api/platform/redis';
import { EventsPublisher, type ServerEventName, type ServerEventPayload } from './events-publisher';

/** Publishing from processes without a socket.io server (the worker), through Redis. */
@Injectable()
export class EmitterEventsPublisher extends EventsPublisher {
  private readonly emitter: Emitter;

  constructor(redis: RedisConnections) {
    super();
    this.emitter = new Emitter(redis.open('socket.io:emitter'), { key: redis.key('socket.io') }).of(EVENTS_NAMESPACE);
  }

  publish<E extends ServerEventName>(channel: EventChannel, event: E, payload: ServerEventPayload<E>): void {
    this.emitter.to(channelRoom(channel)).emit(event, payload);
  }
}
