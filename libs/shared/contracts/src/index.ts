export * from './problem';
export * from './health';
export * from './page';
export * from './system';
export * from './events';
export * from './identity';
export * from './cpv-level';
export * from './requirements';
