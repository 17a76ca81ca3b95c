export * from './lib/tenders-api.service';
