import type { MonitoringAlertView } from '@consortio/shared/contracts';
import type { Translate } from './dashboard-charts';

/** What an alert says: how long a tender has stood still, or which milestone was missed and when it was due. */
export function alertText(alert: MonitoringAlertView, t: Translate, date: (iso: string) => string): string {
  if (alert.kind === 'stalled') return t('monitoring.alert.stalled', { days: alert.days ?? 0 });
  return t('monitoring.alert.milestone', {
    name: alert.milestone?.name ?? '',
    date: alert.milestone ? date(alert.milestone.plannedOn) : '',
  });
}
