export * from './lib/notifications-api.service';
