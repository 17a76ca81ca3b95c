export * from './lib/monitoring-api.service';
export * from './lib/monitoring-csv';
export * from './lib/monitoring-filters';
