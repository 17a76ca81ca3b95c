export * from './lib/consortia.routes';
export * from './lib/consortia-nav';
