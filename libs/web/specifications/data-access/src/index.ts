export * from './lib/specifications-api.service';
