import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, InjectionToken } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { LivenessReport, ReadinessReport } from '@consortio/shared/contracts';
import { catchError, map, merge, type Observable, of, Subject, switchMap, timeout, timer } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';
import { type ApiError, toApiError } from '../http/api-error';

export const HEALTH_POLL_INTERVAL_MS = new InjectionToken<number>('HEALTH_POLL_INTERVAL_MS', {
  providedIn: 'root',
  factory: () => 15_000,
});

export type PlatformStatus = 'checking' | 'operational' | 'degraded' | 'unreachable';

export interface HealthState {
  status: PlatformStatus;
  /** Last readiness report; also present when the API answered 503. */
  report: ReadinessReport | null;
  checkedAt: Date | null;
  /** Why the readiness endpoint itself could not be read (only for `unreachable`). */
  error: ApiError | null;
}

const CHECKING: HealthState = {
  status: 'checking',
  report: null,
  checkedAt: null,
  error: null,
};
const CHECK_TIMEOUT_MS = 10_000;

function isReadinessReport(value: unknown): value is ReadinessReport {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ReadinessReport, unknown>>;
  return (
    (candidate.status === 'ok' || candidate.status === 'unavailable') &&
    typeof candidate.checks === 'object' &&
    candidate.checks !== null
  );
}

/** Maps one readiness answer, including the 503 that still carries a report, to what the UI shows. */
export function toHealthState(answer: unknown, now = new Date()): HealthState {
  // A 503 still carries a full report: the api answers but a dependency is down.
  const report = answer instanceof HttpErrorResponse ? (answer.status === 503 ? answer.error : null) : answer;
  if (isReadinessReport(report)) {
    return {
      status: report.status === 'ok' ? 'operational' : 'degraded',
      report,
      checkedAt: now,
      error: null,
    };
  }
  return { status: 'unreachable', report: null, checkedAt: now, error: toApiError(answer) };
}

/** Polls `GET /api/health/ready` while the app runs and exposes the result as signals. */
@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly refreshRequests = new Subject<void>();

  readonly state = toSignal(
    merge(timer(0, inject(HEALTH_POLL_INTERVAL_MS)), this.refreshRequests).pipe(switchMap(() => this.checkReadiness())),
    { initialValue: CHECKING },
  );
  readonly status = computed(() => this.state().status);
  readonly report = computed(() => this.state().report);

  /** Checks again now instead of waiting for the next poll. */
  refresh(): void {
    this.refreshRequests.next();
  }

  checkReadiness(): Observable<HealthState> {
    return this.http.get<ReadinessReport>(`${this.baseUrl}/api/health/ready`).pipe(
      timeout(CHECK_TIMEOUT_MS),
      map((report) => toHealthState(report)),
      catchError((error: unknown) => of(toHealthState(error))),
    );
  }

  live(): Observable<LivenessReport> {
    return this.http.get<LivenessReport>(`${this.baseUrl}/api/health/live`);
  }
}
