export * from './manifest';
export * from './api-app.module';
export * from './worker-app.module';
export * from './commands';
