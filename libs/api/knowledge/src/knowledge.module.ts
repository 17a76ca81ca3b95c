import { Module } from '@nestjs/common';
import { TendersModule } from '@consortio/api/tenders';
import { GoodPracticeController, TenderGoodPracticeController } from './good-practice.controller';
import { GoodPracticeLibraryService } from './good-practice-library.service';
import { GoodPracticeService } from './good-practice.service';

/** What consortia learnt, for everyone: the good-practice library of finished tenders. */
@Module({
  imports: [TendersModule],
  controllers: [GoodPracticeController, TenderGoodPracticeController],
  providers: [GoodPracticeLibraryService, GoodPracticeService],
})
export class KnowledgeModule {}
