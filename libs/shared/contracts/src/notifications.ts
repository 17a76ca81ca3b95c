/**
 * What a person can be told about. Each kind can be shown in the app (live, and in the
 * notification centre) and sent in the e-mail digest; each person chooses per kind.
 */
export const NOTIFICATION_KINDS = [
  'deadline',
  'vote',
  'supplier-question',
  'stage-change',
  'kpi-reminder',
  /** A tender stalled or a milestone missed (monitoring), to its consortium's lead and the observing authorities. */
  'monitoring-alert',
  /** A ministry's or region's note on a tender, to the consortium's lead. */
  'observer-note',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Path in the web app, e.g. `/tenders/<id>`. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPreferenceView {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

/** Defaults for a person who has chosen nothing: everything in the app, deadlines and votes by e-mail too. */
export const DEFAULT_NOTIFICATION_PREFERENCES: readonly NotificationPreferenceView[] = NOTIFICATION_KINDS.map(
  (kind) => ({ kind, inApp: true, email: kind === 'deadline' || kind === 'vote' }),
);

export interface NotificationReadInput {
  /** The notifications to mark as read; omitted with `all: true`. */
  ids?: string[];
  all?: boolean;
}

/** Unread count, sent with every live notification so the badge needs no extra request. */
export interface NotificationEvent {
  notification: NotificationView;
  unread: number;
}
