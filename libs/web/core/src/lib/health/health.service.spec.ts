import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ReadinessReport } from '@consortio/shared/contracts';
import { HEALTH_POLL_INTERVAL_MS, HealthService } from './health.service';

const nextMacrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

const downReport: ReadinessReport = {
  status: 'unavailable',
  checks: {
    database: { status: 'up', latencyMs: 3 },
    redis: { status: 'down', error: 'connect ECONNREFUSED' },
  },
  version: '0.1.0',
  uptimeSeconds: 42,
  draining: false,
};

describe('HealthService', () => {
  let http: HttpTestingController;
  let service: HealthService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: HEALTH_POLL_INTERVAL_MS, useValue: 60 * 60 * 1000 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(HealthService);
  });

  afterEach(() => http.verify());

  it('is checking until the first answer arrives', () => {
    expect(service.status()).toBe('checking');
  });

  it('maps a 503 that carries a readiness report to degraded, keeping the report', async () => {
    await nextMacrotask();
    http.expectOne('/api/health/ready').flush(downReport, { status: 503, statusText: 'Service Unavailable' });
    expect(service.status()).toBe('degraded');
    expect(service.report()).toEqual(downReport);
    expect(service.state().checkedAt).toBeInstanceOf(Date);
  });

  it('maps an ok report to operational', async () => {
    await nextMacrotask();
    http.expectOne('/api/health/ready').flush({
      ...downReport,
      status: 'ok',
      checks: { ...downReport.checks, redis: { status: 'up', latencyMs: 1 } },
    });
    expect(service.status()).toBe('operational');
  });

  it('maps a failure without a report to unreachable, with the problem details', async () => {
    await nextMacrotask();
    http.expectOne('/api/health/ready').flush(
      {
        type: 'about:blank',
        title: 'Bad Gateway',
        status: 502,
        detail: 'upstream down',
      },
      { status: 502, statusText: 'Bad Gateway' },
    );
    expect(service.status()).toBe('unreachable');
    expect(service.report()).toBeNull();
    expect(service.state().error?.problem?.detail).toBe('upstream down');
  });

  it('checks again on refresh()', async () => {
    await nextMacrotask();
    http.expectOne('/api/health/ready').flush(downReport, { status: 503, statusText: 'Service Unavailable' });
    service.refresh();
    http.expectOne('/api/health/ready').flush({ ...downReport, status: 'ok' });
    expect(service.status()).toBe('operational');
  });
});
