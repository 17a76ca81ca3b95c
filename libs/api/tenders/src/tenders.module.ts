import { Module } from '@nestjs/common';
import { ConsortiaModule } from '@consortio/api/consortia';
import { NotifierModule } from '@consortio/api/notifications';
import { SpecificationCopies } from '@consortio/api/specifications';
import { LotAwardsService } from './lot-awards.service';
import { LotEvaluationsService } from './lot-evaluations.service';
import { LotOutcomesController } from './lot-outcomes.controller';
import { MilestonesService } from './milestones.service';
import { ReplicationsController } from './replications.controller';
import { ReplicationsService } from './replications.service';
import { ScaleUpController } from './scale-up.controller';
import { ScaleUpService } from './scale-up.service';
import { SpecificationApproval } from './specification-approval';
import { TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { TenderKpisService } from './tender-kpis.service';
import { TenderLotsService } from './tender-lots.service';
import { TenderReader } from './tender-reader';
import { TenderStagesService } from './tender-stages.service';
import { MilestonesController, TenderLotsController, TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';

/** Tenders of consortia, from pooled demand to a signed contract and beyond: the api side. */
@Module({
  imports: [ConsortiaModule, NotifierModule],
  controllers: [
    TendersController,
    TenderLotsController,
    MilestonesController,
    LotOutcomesController,
    ScaleUpController,
    ReplicationsController,
  ],
  providers: [
    TenderAccess,
    SpecificationApproval,
    SpecificationCopies,
    TenderReader,
    TenderEvents,
    TendersService,
    TenderStagesService,
    TenderLotsService,
    MilestonesService,
    LotEvaluationsService,
    LotAwardsService,
    ScaleUpService,
    TenderKpisService,
    ReplicationsService,
  ],
  exports: [TenderAccess, ReplicationsService],
})
export class TendersModule {}
