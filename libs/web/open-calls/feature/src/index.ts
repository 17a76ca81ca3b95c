export * from './lib/open-calls.routes';
export * from './lib/tender-open-calls';
