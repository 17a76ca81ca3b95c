import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { type NotificationKind, personChannel } from '@consortio/shared/contracts';
import { Mailer, mailLocale } from '@consortio/api/platform/mail';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { EventsPublisher } from '@consortio/api/platform/realtime';
import { digestMail } from '../digest-mail';
import { NOTIFICATION_COLUMNS, toNotification } from '../notifications.service';
import { Reminders } from '../reminders';

/** Most items one digest lists; the rest are counted and wait in the notification centre. */
const DIGEST_ITEMS = 20;

/**
 * The notifications domain's jobs: live delivery of what the api wrote, the daily e-mail digest
 * and the daily reminders (deadlines ahead, KPI values due).
 */
@Processor('notifications')
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);
  private readonly handlers: JobHandlers<'notifications'>;

  constructor(dataSource: DataSource, events: EventsPublisher, mailer: Mailer, reminders: Reminders) {
    super();
    this.handlers = {
      'notifications.deliver': async ({ notificationIds }) => {
        const rows = await dataSource.query<
          {
            id: string;
            user_id: string;
            kind: NotificationKind;
            title: string;
            body: string;
            link: string | null;
            created_at: Date;
            read_at: Date | null;
            unread: number;
          }[]
        >(
          `SELECT n.user_id, n.${NOTIFICATION_COLUMNS.split(', ').join(', n.')},
                  (SELECT count(*)::int FROM notifications u
                    WHERE u.user_id = n.user_id AND u.in_app AND u.read_at IS NULL) AS unread
             FROM notifications n WHERE n.id = ANY($1::uuid[]) AND n.in_app`,
          [notificationIds],
        );
        for (const row of rows) {
          events.publish(personChannel(row.user_id), 'notification', {
            notification: toNotification(row),
            unread: row.unread,
          });
        }
        return `${rows.length} delivered`;
      },
      'notifications.digest': async () => {
        const people = await dataSource.query<{ user_id: string; email: string; name: string; locale: string }[]>(
          `SELECT DISTINCT n.user_id, u.email, u.display_name AS name, u.locale
             FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.email AND n.emailed_at IS NULL AND n.read_at IS NULL`,
        );
        let sent = 0;
        for (const person of people) {
          // Claimed before sending: a digest that fails is retried by the next run, not sent twice by this one.
          const claimed = await dataSource.query<
            [{ id: string; title: string; body: string; link: string | null; created_at: Date }[], number]
          >(
            `UPDATE notifications SET emailed_at = now()
              WHERE user_id = $1 AND email AND emailed_at IS NULL AND read_at IS NULL
              RETURNING id, title, body, link, created_at`,
            [person.user_id],
          );
          const items = claimed[0].sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
          if (items.length === 0) continue;
          const listed = items.slice(0, DIGEST_ITEMS);
          try {
            await mailer.send(
              person.email,
              digestMail[mailLocale(person.locale)]({
                name: person.name,
                items: listed.map((item) => ({
                  title: item.title,
                  body: item.body,
                  link: item.link ? `${mailer.publicUrl}${item.link}` : null,
                })),
                more: items.length - listed.length,
                centre: `${mailer.publicUrl}/notifications`,
                settings: `${mailer.publicUrl}/notifications/settings`,
              }),
            );
            sent += 1;
          } catch (error) {
            this.logger.warn(`digest to ${person.user_id} failed: ${(error as Error).message}`);
            await dataSource.query('UPDATE notifications SET emailed_at = NULL WHERE id = ANY($1::uuid[])', [
              items.map((item) => item.id),
            ]);
          }
        }
        return `${sent} digests`;
      },
      'notifications.remind': async () => {
        const written = await reminders.run(new Date());
        return `${written} reminders`;
      },
    };
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('notifications', job, this.handlers);
  }
}
