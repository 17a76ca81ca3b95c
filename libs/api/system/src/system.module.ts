import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SystemProbe } from './entities/system-probe.entity';
import { SystemJobsProcessor } from './jobs/system-jobs.processor';
import { SystemProbesController } from './system-probes.controller';
import { SystemProbesService } from './system-probes.service';

/** In the api: operators' checks of the platform. */
@Module({
  imports: [TypeOrmModule.forFeature([SystemProbe])],
  controllers: [SystemProbesController],
  providers: [SystemProbesService],
})
export class SystemModule {}

/** In the worker: the jobs of the system queue. */
@Module({
  imports: [TypeOrmModule.forFeature([SystemProbe])],
  providers: [SystemProbesService, SystemJobsProcessor],
})
export class SystemJobsModule {}
