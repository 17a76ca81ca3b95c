import { Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelAccess } from '@consortio/api/platform/realtime';
import { NotifierModule } from '@consortio/api/notifications';
import { AdviceController } from './advice.controller';
import { AgreementController } from './agreement.controller';
import { AgreementsService } from './agreements.service';
import { ApplicationsService } from './applications.service';
import { ConsortiaController, MyApplicationsController } from './consortia.controller';
import { ConsortiaService } from './consortia.service';
import { ConsortiumAccess } from './consortium-access';
import { ConsortiumFounding } from './consortium-founding';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { DiscoveryService } from './discovery.service';
import { ConsortiaProcessor } from './jobs/consortia.processor';
import { NeedsController } from './needs.controller';
import { NeedsService } from './needs.service';
import { PooledDemandController } from './pooled-demand.controller';
import { PooledDemandService } from './pooled-demand.service';

const SERVICES = [
  ConsortiumAccess,
  ConsortiumFounding,
  ConsortiaService,
  ApplicationsService,
  AgreementsService,
  DecisionsService,
  NeedsService,
  PooledDemandService,
  DiscoveryService,
];

/** Consortia, their agreements, decisions, needs and pooled demand: the api side. */
@Module({
  imports: [NotifierModule],
  controllers: [
    ConsortiaController,
    MyApplicationsController,
    AgreementController,
    DecisionsController,
    NeedsController,
    PooledDemandController,
    AdviceController,
  ],
  providers: SERVICES,
  exports: [ConsortiumAccess, ConsortiumFounding],
})
export class ConsortiaModule implements OnModuleInit {
  constructor(
    private readonly channels: ChannelAccess,
    private readonly dataSource: DataSource,
  ) {}

  /** A consortium's live channel is for people of its member organisations, checked at every subscribe. */
  onModuleInit(): void {
    this.channels.register('consortium', async (principal, id) => {
      if (!principal || !/^[0-9a-f-]{36}$/i.test(id)) return false;
      const organisations = principal.acting
        ? [principal.acting.organisationId]
        : principal.memberships.map((membership) => membership.organisationId);
      const rows = await this.dataSource.query<unknown[]>(
        'SELECT 1 FROM consortium_members WHERE consortium_id = $1 AND organisation_id = ANY($2) LIMIT 1',
        [id, organisations],
      );
      return rows.length > 0;
    });
  }
}

/** In the worker: closing decisions at their deadline and the mail that follows. */
@Module({ imports: [NotifierModule], providers: [...SERVICES, ConsortiaProcessor] })
export class ConsortiaJobsModule {}
