import { Module } from '@nestjs/common';
import { ConsortiaModule } from '@consortio/api/consortia';
import { MilestonesService } from './milestones.service';
import { SpecificationApproval } from './specification-approval';
import { TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { TenderLotsService } from './tender-lots.service';
import { TenderReader } from './tender-reader';
import { TenderStagesService } from './tender-stages.service';
import { MilestonesController, TenderLotsController, TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';

/** Tenders of consortia, from pooled demand to a signed contract and beyond: the api side. */
@Module({
  imports: [ConsortiaModule],
  controllers: [TendersController, TenderLotsController, MilestonesController],
  providers: [
    TenderAccess,
    SpecificationApproval,
    TenderReader,
    TenderEvents,
    TendersService,
    TenderStagesService,
    TenderLotsService,
    MilestonesService,
  ],
})
export class TendersModule {}
