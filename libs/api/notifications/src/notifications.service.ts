import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferenceView,
  type NotificationView,
  type Page,
} from '@consortio/shared/contracts';
import type { Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export const toNotification = (row: NotificationRow): NotificationView => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});

export const NOTIFICATION_COLUMNS = 'id, kind, title, body, link, created_at, read_at';

/** A person's notification centre and their choices; everyone sees only their own. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    principal: Principal,
    unreadOnly: boolean,
    page: number,
    pageSize: number,
  ): Promise<Page<NotificationView>> {
    const { rows, total } = await queryPage<NotificationRow>(
      this.dataSource.manager,
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
        WHERE user_id = $1 AND in_app${unreadOnly ? ' AND read_at IS NULL' : ''}`,
      [principal.userId],
      'created_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(toNotification), page, pageSize, total };
  }

  async unread(principal: Principal): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL',
      [principal.userId],
    );
    return row?.n ?? 0;
  }

  /** Marks some (or all) of the caller's notifications read; ids of others' are ignored. Answers the unread count. */
  async markRead(principal: Principal, input: { ids?: string[]; all?: boolean }): Promise<number> {
    if (!input.all && (!input.ids || input.ids.length === 0))
      throw new BadRequestException('ids: name the notifications to mark as read, or send all: true');
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::boolean OR id = ANY($3::uuid[]))`,
      [principal.userId, input.all === true, input.ids ?? []],
    );
    return this.unread(principal);
  }

  async preferences(principal: Principal): Promise<NotificationPreferenceView[]> {
    const rows = await this.dataSource.query<{ kind: NotificationKind; in_app: boolean; email: boolean }[]>(
      'SELECT kind, in_app, email FROM notification_preferences WHERE user_id = $1',
      [principal.userId],
    );
    const chosen = new Map(rows.map((row) => [row.kind, row]));
    return DEFAULT_NOTIFICATION_PREFERENCES.map((fallback) => {
      const row = chosen.get(fallback.kind);
      return row ? { kind: row.kind, inApp: row.in_app, email: row.email } : { ...fallback };
    });
  }

  /** Replaces the caller's choices for the kinds given; kinds not given keep theirs. */
  async setPreferences(
    principal: Principal,
    preferences: NotificationPreferenceView[],
  ): Promise<NotificationPreferenceView[]> {
    const kinds = preferences.map((preference) => preference.kind);
    const unknown = kinds.filter((kind) => !(NOTIFICATION_KINDS as readonly string[]).includes(kind));
    if (unknown.length > 0)
      throw new BadRequestException(
        `preferences: unknown kind ${unknown.join(', ')}; kinds are ${NOTIFICATION_KINDS.join(', ')}`,
      );
    if (new Set(kinds).size !== kinds.length) throw new BadRequestException('preferences: each kind at most once');
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, kind, in_app, email)
       SELECT $1, p.kind, p.in_app, p.email FROM unnest($2::text[], $3::boolean[], $4::boolean[]) AS p (kind, in_app, email)
       ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email`,
      [
        principal.userId,
        kinds,
        preferences.map((preference) => preference.inApp),
        preferences.map((preference) => preference.email),
      ],
    );
    return this.preferences(principal);
  }
}
