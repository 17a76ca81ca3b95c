export * from './lib/monitoring.routes';
