import { CreateTenders1764600000000 } from './migrations/1764600000000-create-tenders';
import { TenderOutcomes1764650000000 } from './migrations/1764650000000-tender-outcomes';

export { TendersModule } from './tenders.module';
export { tendersDemoSeed } from './tenders-demo-seed';
// For the good-practice library (api-knowledge) and monitoring: who may read or change a tender, and its savings.
export { PUBLISHED_SQL, TenderAccess, type TenderCaller } from './tender-access';
export { lotNeedsCentsSql, readTenderSavings } from './tender-savings-reader';
// For copying a case's tender from the library.
export { ReplicationsService } from './replications.service';
export { ReplicateTenderDto } from './dto/replication.dto';

export const tendersMigrations = [CreateTenders1764600000000, TenderOutcomes1764650000000];
