import { CreateNotifications1764800000000 } from './migrations/1764800000000-create-notifications';

export { NotificationsModule, NotificationsJobsModule, NotifierModule } from './notifications.module';
export { Notifier, type NotificationDraft, type Notice } from './notifier';
export { Reminders } from './reminders';

export const notificationsMigrations = [CreateNotifications1764800000000];
