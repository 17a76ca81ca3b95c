export * from './lib/good-practice-api.service';
