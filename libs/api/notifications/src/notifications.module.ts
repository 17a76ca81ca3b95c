import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ChannelAccess } from '@consortio/api/platform/realtime';
import { JobQueues } from '@consortio/api/platform/queue';
import { NotificationsProcessor } from './jobs/notifications.processor';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier';
import { Reminders } from './reminders';

/** When the worker mails digests and looks for reminders, in the platform's time zone. */
export const DIGEST_SCHEDULE = { pattern: '0 7 * * *', tz: 'Europe/Berlin' };
export const REMINDER_SCHEDULE = { pattern: '0 6 * * *', tz: 'Europe/Berlin' };

/** `Notifier` for the domains that tell people things, in the api and in the worker alike. */
@Module({ providers: [Notifier], exports: [Notifier] })
export class NotifierModule {}

/**
 * Notifications: the centre and choices over HTTP, and `Notifier` for the other domains. A
 * person's live channel (`person.<user id>` on `/events`) is theirs alone.
 */
@Module({
  imports: [NotifierModule],
  controllers: [NotificationsController],
  providers: [NotificationsService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(private readonly channels: ChannelAccess) {}

  onModuleInit(): void {
    this.channels.register('person', async (principal, id) => principal !== null && principal.userId === id);
  }
}

/** In the worker: live delivery, the daily digest and the daily reminders (BullMQ job schedulers). */
@Module({
  imports: [NotifierModule],
  providers: [Reminders, NotificationsProcessor],
})
export class NotificationsJobsModule implements OnApplicationBootstrap {
  constructor(private readonly queues: JobQueues) {}

  /** Schedulers are upserted by id, so any number of workers starting agree on one of each. */
  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queues.queue('notifications');
    await queue.upsertJobScheduler('notifications.digest', DIGEST_SCHEDULE, { name: 'notifications.digest', data: {} });
    await queue.upsertJobScheduler('notifications.remind', REMINDER_SCHEDULE, {
      name: 'notifications.remind',
      data: {},
    });
  }
}
