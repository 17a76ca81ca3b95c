import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { configProvider } from '@consortio/api/platform/config';
import { ExportFiles } from './jobs/export-file';
import { OpenDataProcessor } from './jobs/open-data.processor';
import { OcdsExportsService } from './ocds-exports.service';
import { OcdsPublicationSettings } from './ocds-publication';
import { OcdsController, OcdsExportsController } from './ocds.controller';
import { OcdsService } from './ocds.service';
import { OpenDataConfig } from './open-data.config';
import { OpenDataReader } from './open-data-reader';

const SHARED = [
  configProvider(OpenDataConfig),
  OcdsPublicationSettings,
  OpenDataReader,
  ExportFiles,
  OcdsExportsService,
];

/** Open data: published tenders as OCDS for anyone, and bulk exports for observers of a jurisdiction. */
@Module({
  controllers: [OcdsController, OcdsExportsController],
  providers: [...SHARED, OcdsService],
})
export class OpenDataModule implements OnModuleInit {
  private readonly logger = new Logger('OpenData');

  constructor(private readonly settings: OcdsPublicationSettings) {}

  onModuleInit(): void {
    if (this.settings.placeholderPrefix) {
      this.logger.warn(
        `OCDS_OCID_PREFIX is the placeholder "${this.settings.config.OCDS_OCID_PREFIX}": register a prefix with the Open Contracting Partnership and set it before publishing data others rely on.`,
      );
    }
  }
}

/** In the worker: writing bulk exports. */
@Module({ providers: [...SHARED, OpenDataProcessor] })
export class OpenDataJobsModule {}
