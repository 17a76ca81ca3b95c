import type { AuditEventView } from '@consortio/shared/contracts';

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

const show = (value: unknown): string =>
  value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

/** What an event changed, field by field: only the fields whose value differs before and after. */
export function auditChanges(event: Pick<AuditEventView, 'before' | 'after'>): AuditChange[] {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: show(before[field]), after: show(after[field]) }));
}
