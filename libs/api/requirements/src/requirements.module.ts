import { Module } from '@nestjs/common';
import { CpvController } from './cpv.controller';
import { CpvService } from './cpv.service';

/** Needs and what they are coded with; today the CPV vocabulary. */
@Module({ controllers: [CpvController], providers: [CpvService], exports: [CpvService] })
export class RequirementsModule {}
