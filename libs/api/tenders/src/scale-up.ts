import { ConflictException } from '@nestjs/common';
import type { TenderStage } from '@consortio/shared/contracts';

/** Stages at which the solution runs under the signed contract and its spread is tracked. */
export const TRACKED_STAGES: readonly TenderStage[] = ['contract-signed', 'pilot', 'city-rollout', 'regional-scaleup'];

/** Why sites and KPIs cannot be changed at `stage`, as a 409. */
export function assertTracked(stage: TenderStage): void {
  if (stage === 'closed') throw new ConflictException('A closed tender cannot be changed.');
  if (!TRACKED_STAGES.includes(stage))
    throw new ConflictException(`Sites and KPIs are tracked once the contract is signed; the tender is at ${stage}.`);
}
