export * from './test-database';
export * from './truncate';
export * from './data-source';
export * from './redis-keys';
export * from './ocds-schemas';
export * from './eventually';
