import { CreateNotifications1764800000000 } from './migrations/1764800000000-create-notifications';
import { MonitoringNotificationKinds1765100000000 } from './migrations/1765100000000-monitoring-notification-kinds';

export { NotificationsModule, NotificationsJobsModule, NotifierModule } from './notifications.module';
export { Notifier, type NotificationDraft, type Notice } from './notifier';
export { Reminders } from './reminders';

export const notificationsMigrations = [CreateNotifications1764800000000, MonitoringNotificationKinds1765100000000];
