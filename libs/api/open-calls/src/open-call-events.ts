import { Injectable } from '@nestjs/common';
import { consortiumChannel, type OpenCallChangeEvent } from '@consortio/shared/contracts';
import { EventsPublisher } from '@consortio/api/platform/realtime';

/**
 * Tells the consortium's live channel that one of its calls changed, after the change committed.
 * Only members subscribe there, so the event may say that a supplier acted, never who.
 */
@Injectable()
export class OpenCallEvents {
  constructor(private readonly events: EventsPublisher) {}

  changed(change: OpenCallChangeEvent): void {
    this.events.publish(consortiumChannel(change.consortiumId), 'open-call.changed', change);
  }
}
