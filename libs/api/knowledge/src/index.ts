import { CreateGoodPractice1764900000000 } from './migrations/1764900000000-create-good-practice';

export { KnowledgeModule } from './knowledge.module';
export { knowledgeDemoSeed } from './knowledge-demo-seed';

export const knowledgeMigrations = [CreateGoodPractice1764900000000];
