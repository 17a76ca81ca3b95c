import { type Signal } from '@angular/core';
import type { OpenCallKind, OpenCallStatus } from '@consortio/shared/contracts';
import type { I18nService, TranslationKey } from '@consortio/web/core';
import type { BadgeStatus } from '@consortio/web/ui';
import { type Countdown, countdown, formatInViewerZone, relativeTime } from './call-time';

export const KIND_LABEL: Record<OpenCallKind, TranslationKey> = {
  'market-consultation': 'openCalls.kind.market-consultation',
  'call-for-tenders': 'openCalls.kind.call-for-tenders',
};

export const STATUS_LABEL: Record<OpenCallStatus, TranslationKey> = {
  draft: 'openCalls.status.draft',
  upcoming: 'openCalls.status.upcoming',
  open: 'openCalls.status.open',
  closed: 'openCalls.status.closed',
};

/** Status as icon and words; closed is not an error, so it is shown as neutral. */
export const STATUS_BADGE: Record<OpenCallStatus, BadgeStatus> = {
  draft: 'pending',
  upcoming: 'pending',
  open: 'up',
  closed: 'unknown',
};

export const PAGE_SIZE_OPTIONS = [10, 20, 50];

/** The countdown in words: "closes in 3 days", "opens in 5 hours", "closed". */
export function countdownText(state: Countdown, i18n: Pick<I18nService, 't' | 'locale'>): string {
  switch (state.kind) {
    case 'draft':
      return i18n.t('openCalls.countdown.draft');
    case 'closed':
      return i18n.t('openCalls.countdown.closed');
    case 'opens':
      return i18n.t('openCalls.countdown.opens', { relative: relativeTime(state.value, state.unit, i18n.locale()) });
    case 'closes':
      return i18n.t('openCalls.countdown.closes', { relative: relativeTime(state.value, state.unit, i18n.locale()) });
  }
}

/** Shared helpers of the open-call views: times in the viewer's zone and the countdown, both in the page's language. */
export class CallTimes {
  constructor(
    private readonly i18n: Pick<I18nService, 't' | 'locale'>,
    private readonly now: Signal<number>,
  ) {}

  at(iso: string | null): string {
    return iso ? formatInViewerZone(iso, this.i18n.locale()) : '–';
  }

  countdown(call: { status: OpenCallStatus; opensAt: string; closesAt: string }): string {
    return countdownText(countdown(call, this.now()), this.i18n);
  }
}
