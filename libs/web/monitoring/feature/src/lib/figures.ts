import { inject } from '@angular/core';
import type { MonitoringAlertView } from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { alertText } from './alert-text';
import type { FigureFormat } from './dashboard-charts';

/** A figure as the dashboard writes it in the reader's locale: euros without cents when whole, counts and days as numbers. */
export function formatFigure(value: number | null, format: FigureFormat, locale: string): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (format === 'euro')
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** A share of 0..1 as a percentage with one decimal. */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** An ISO date or timestamp as a date in the reader's locale (timestamps in their own time zone). */
export function formatDate(iso: string, locale: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(iso.length === 10 ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/**
 * The formats above (and an alert's sentence) in the reader's current locale, for templates:
 * `protected readonly fmt = localeFormats();` then `{{ fmt.euro(value) }}`. Call it in an injection context.
 */
export function localeFormats() {
  const i18n = inject(I18nService);
  const date = (iso: string): string => formatDate(iso, i18n.locale());
  return {
    figure: (value: number | null, format: FigureFormat): string => formatFigure(value, format, i18n.locale()),
    euro: (value: number | null): string => formatFigure(value, 'euro', i18n.locale()),
    count: (value: number | null): string => formatFigure(value, 'count', i18n.locale()),
    share: (share: number): string => formatShare(share, i18n.locale()),
    date,
    dateTime: (iso: string): string => i18n.formatDateTime(iso),
    alert: (alert: MonitoringAlertView): string => alertText(alert, (key, params) => i18n.t(key, params), date),
  };
}
