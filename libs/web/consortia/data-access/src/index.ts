export * from './lib/consortia-api.service';
