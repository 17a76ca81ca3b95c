export * from './load-config';
export * from './env-transforms';
export * from './log.config';
export * from './logging.module';
