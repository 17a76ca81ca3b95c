import type { OcdsExportView } from '@consortio/shared/contracts';

export function isFinished(view: Pick<OcdsExportView, 'status'>): boolean {
  return view.status === 'done' || view.status === 'failed';
}

/** 0..100: the tenders written of those counted; a done export is 100 even when there was nothing to write. */
export function exportPercent(view: Pick<OcdsExportView, 'status' | 'rowsDone' | 'rowsTotal'>): number {
  if (view.status === 'done') return 100;
  if (!view.rowsTotal) return 0;
  return Math.min(100, Math.floor((view.rowsDone / view.rowsTotal) * 100));
}

const ORDER = { queued: 0, running: 1, done: 2, failed: 2 } as const;

/**
 * Whether `next` may replace `known` on screen: live reports and rereads can arrive out of order,
 * and a late "running" must not undo "done" or move the progress back.
 */
export function newerExport(
  known: Pick<OcdsExportView, 'status' | 'rowsDone'>,
  next: Pick<OcdsExportView, 'status' | 'rowsDone'>,
): boolean {
  if (ORDER[next.status] !== ORDER[known.status]) return ORDER[next.status] > ORDER[known.status];
  if (isFinished(known)) return false;
  return next.rowsDone >= known.rowsDone;
}
