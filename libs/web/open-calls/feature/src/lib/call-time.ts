import { DestroyRef, inject, type Signal, signal } from '@angular/core';
import type { OpenCallStatus } from '@consortio/shared/contracts';

/**
 * Times of open calls as people read them: in their own time zone, with the zone named, and a
 * countdown to the next deadline. Whether a call is open is the server's word (`status`); the
 * countdown only says how long until the next change.
 */

export type CountdownUnit = 'day' | 'hour' | 'minute';

export type Countdown =
  | { kind: 'draft' }
  | { kind: 'closed' }
  | { kind: 'opens' | 'closes'; value: number; unit: CountdownUnit };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Whole days, else whole hours, else minutes (at least one): "closes in 3 days" even with 3 days 20 hours left. */
function remaining(ms: number): { value: number; unit: CountdownUnit } {
  if (ms >= DAY) return { value: Math.floor(ms / DAY), unit: 'day' };
  if (ms >= HOUR) return { value: Math.floor(ms / HOUR), unit: 'hour' };
  return { value: Math.max(1, Math.ceil(ms / MINUTE)), unit: 'minute' };
}

/**
 * The countdown of a call at `now` (epoch ms). A call the server says is closed, or whose deadline
 * has passed on this clock, is closed; an upcoming one counts down to its opening.
 */
export function countdown(call: { status: OpenCallStatus; opensAt: string; closesAt: string }, now: number): Countdown {
  if (call.status === 'draft') return { kind: 'draft' };
  const closesIn = Date.parse(call.closesAt) - now;
  if (call.status === 'closed' || closesIn <= 0) return { kind: 'closed' };
  const opensIn = Date.parse(call.opensAt) - now;
  if (call.status === 'upcoming' && opensIn > 0) return { kind: 'opens', ...remaining(opensIn) };
  return { kind: 'closes', ...remaining(closesIn) };
}

/** "in 3 days", "in 5 Stunden": the relative part of a countdown in `locale`. */
export function relativeTime(value: number, unit: CountdownUnit, locale: string): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(value, unit);
}

/** A date and time in the viewer's own time zone, naming the zone: "12 Mar 2027, 14:00 CET". */
export function formatInViewerZone(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** The viewer's IANA time zone, shown beside date inputs, which are in local time. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An instant as the value of `<input type="datetime-local">`: local time, to the minute. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of `<input type="datetime-local">` (local time) as an ISO instant; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A clock for countdowns, read again every `everyMs` while the component lives. */
export function tickingNow(everyMs = 30_000): Signal<number> {
  const now = signal(Date.now());
  const timer = setInterval(() => now.set(Date.now()), everyMs);
  inject(DestroyRef).onDestroy(() => clearInterval(timer));
  return now.asReadonly();
}

/** Bytes as people read file sizes: "12 KB", "3.4 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const format = (value: number, unit: 'kilobyte' | 'megabyte') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
      value,
    );
  // Intl writes "512 byte"; "512 B" reads like the larger units.
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'kilobyte');
  return format(bytes / (1024 * 1024), 'megabyte');
}
