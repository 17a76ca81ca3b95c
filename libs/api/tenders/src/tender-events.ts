import { Injectable } from '@nestjs/common';
import { consortiumChannel, type TenderChangeEvent, type TenderStage } from '@consortio/shared/contracts';
import { EventsPublisher } from '@consortio/api/platform/realtime';

/** Tells the consortium's live channel that one of its tenders changed, after the change committed. */
@Injectable()
export class TenderEvents {
  constructor(private readonly events: EventsPublisher) {}

  changed(
    consortiumId: string,
    tenderId: string,
    what: TenderChangeEvent['what'],
    stage: TenderStage,
    previousStage: TenderStage | null = null,
  ): void {
    this.events.publish(consortiumChannel(consortiumId), 'tender.changed', {
      consortiumId,
      tenderId,
      what,
      stage,
      previousStage,
    });
  }
}
