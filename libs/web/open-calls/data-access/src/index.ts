export * from './lib/open-calls-api.service';
export * from './lib/attachment-checks';
export * from './lib/response-uploads';
