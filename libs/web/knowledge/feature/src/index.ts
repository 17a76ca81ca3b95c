export * from './lib/knowledge.routes';
export * from './lib/publish-good-practice';
