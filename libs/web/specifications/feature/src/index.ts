export * from './lib/specifications.routes';
