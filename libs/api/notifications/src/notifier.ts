import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationKind } from '@consortio/shared/contracts';
import { OutboxService } from '@consortio/api/platform/queue';

/** What happened, as every recipient reads it. */
export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  body: string;
  /** Path in the web app, e.g. `/tenders/<id>`. */
  link?: string | null;
  /** Makes the same reminder found again by a later run a no-op, per person. */
  dedupeKey?: string;
}

/** One notice to some people. */
export interface Notice {
  userIds: readonly string[];
  draft: NotificationDraft;
}

const DEFAULTS = new Map(DEFAULT_NOTIFICATION_PREFERENCES.map((preference) => [preference.kind, preference]));

/**
 * How the domains tell people things. A notification is written in the transaction of the change
 * that caused it, one row per person with the channels that person chose for its kind (none: no
 * row), and delivered live by the worker from the outbox; the daily digest mails the rest. So a
 * change that rolls back tells nobody, and one that commits is never lost.
 */
@Injectable()
export class Notifier {
  constructor(private readonly outbox: OutboxService) {}

  /** Notifies the given people (duplicates and unknown ids are ignored); answers how many rows were written. */
  toPeople(manager: EntityManager, userIds: readonly string[], draft: NotificationDraft): Promise<number> {
    return this.toEach(manager, [{ userIds, draft }]);
  }

  /**
   * Many notices at once (a daily job's findings): one statement and one delivery job however
   * many there are. Answers how many rows were written.
   */
  async toEach(manager: EntityManager, notices: readonly Notice[]): Promise<number> {
    const wanted = notices.filter((notice) => notice.userIds.length > 0);
    if (wanted.length === 0) return 0;
    const rows = await manager.query<{ id: string; in_app: boolean }[]>(
      `WITH notice AS (
              SELECT n.value AS notice, u.user_id::uuid AS user_id
                FROM jsonb_array_elements($1::jsonb) n
                CROSS JOIN LATERAL jsonb_array_elements_text(n.value->'userIds') u (user_id)),
            chosen AS (
              SELECT DISTINCT ON (n.user_id, n.notice) n.user_id, n.notice,
                     COALESCE(np.in_app, (n.notice->>'inApp')::boolean) AS in_app,
                     COALESCE(np.email, (n.notice->>'email')::boolean) AS email
                FROM notice n
                JOIN users u ON u.id = n.user_id
                LEFT JOIN notification_preferences np ON np.user_id = n.user_id AND np.kind = n.notice->>'kind')
       INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, in_app, email)
       SELECT user_id, notice->>'kind', notice->>'title', notice->>'body', notice->>'link', notice->>'dedupeKey',
              in_app, email
         FROM chosen WHERE in_app OR email
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id, in_app`,
      [
        JSON.stringify(
          wanted.map(({ userIds, draft }) => {
            const fallback = DEFAULTS.get(draft.kind) ?? { inApp: true, email: false };
            return {
              userIds,
              kind: draft.kind,
              inApp: fallback.inApp,
              email: fallback.email,
              title: draft.title.slice(0, 300),
              body: draft.body.slice(0, 2000),
              link: draft.link ?? null,
              dedupeKey: draft.dedupeKey ?? null,
            };
          }),
        ),
      ],
    );
    const live = rows.filter((row) => row.in_app).map((row) => row.id);
    if (live.length > 0) {
      await this.outbox.enqueue(
        manager,
        'notifications.deliver',
        { notificationIds: live },
        {
          jobId: `notifications.deliver.${live[0]}`,
        },
      );
    }
    return rows.length;
  }

  /**
   * Notifies the people of a consortium's participating organisations (lead and members, not
   * observers), except `exceptUserId` (who caused it and knows).
   */
  async toConsortium(
    manager: EntityManager,
    consortiumId: string,
    draft: NotificationDraft,
    exceptUserId?: string | null,
  ): Promise<number> {
    const people = await manager.query<{ user_id: string }[]>(
      `SELECT DISTINCT ms.user_id FROM consortium_members m
         JOIN memberships ms ON ms.organisation_id = m.organisation_id
        WHERE m.consortium_id = $1 AND m.role <> 'observer' AND ms.user_id IS DISTINCT FROM $2::uuid`,
      [consortiumId, exceptUserId ?? null],
    );
    return this.toPeople(
      manager,
      people.map((row) => row.user_id),
      draft,
    );
  }
}
