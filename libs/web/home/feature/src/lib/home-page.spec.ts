import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Page, ProbeView, ReadinessReport } from '@consortio/shared/contracts';
import { EVENTS_SOCKET_FACTORY, type EventsSocket, HEALTH_POLL_INTERVAL_MS, I18nService } from '@consortio/web/core';
import { HomePage } from './home-page';

const okReport: ReadinessReport = {
  status: 'ok',
  checks: {
    database: { status: 'up', latencyMs: 4 },
    redis: { status: 'up', latencyMs: 1 },
  },
  version: '0.1.0',
  uptimeSeconds: 3_725,
  draining: false,
};
const emptyPage: Page<ProbeView> = {
  items: [],
  page: 1,
  pageSize: 10,
  total: 0,
};

/** A socket that never connects: the page must work without live updates. */
const silentSocket = {
  on() {
    return this;
  },
  disconnect() {
    return this;
  },
} as unknown as EventsSocket;

const nextMacrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('HomePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: HEALTH_POLL_INTERVAL_MS, useValue: 60 * 60 * 1000 },
        { provide: EVENTS_SOCKET_FACTORY, useValue: () => silentSocket },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(I18nService).use('en');
  });

  afterEach(() => http.verify());

  async function render(ready: { body: ReadinessReport; status?: number }): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    http.expectOne('/api/v1/system/probes?page=1&pageSize=10').flush(emptyPage);
    await nextMacrotask();
    const status = ready.status ?? 200;
    http.expectOne('/api/health/ready').flush(ready.body, {
      status,
      statusText: status === 200 ? 'OK' : 'Service Unavailable',
    });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('shows Operational, each dependency, version and uptime for an ok report', async () => {
    const root = await render({ body: okReport });
    expect(byTestId(root, 'platform-status')?.textContent).toContain('Operational');
    const database = byTestId(root, 'dependency-database');
    expect(database?.textContent).toContain('Database');
    expect(database?.textContent).toContain('Up');
    expect(database?.textContent).toContain('4 ms');
    expect(byTestId(root, 'dependency-redis')?.textContent).toContain('1 ms');
    expect(byTestId(root, 'platform-version')?.textContent).toContain('0.1.0');
    expect(byTestId(root, 'platform-uptime')?.textContent).toMatch(/1 hr 2 mins? 5 secs?/);
    expect(root.textContent).toContain('No probes yet.');
  });

  it('shows Degraded and the failing dependency for a 503 report', async () => {
    const root = await render({
      status: 503,
      body: {
        ...okReport,
        status: 'unavailable',
        checks: {
          ...okReport.checks,
          redis: { status: 'down', error: 'timeout' },
        },
      },
    });
    expect(byTestId(root, 'platform-status')?.textContent).toContain('Degraded');
    const redis = byTestId(root, 'dependency-redis');
    expect(redis?.getAttribute('data-status')).toBe('down');
    expect(redis?.textContent).toContain('Down');
    expect(redis?.textContent).toContain('timeout');
  });

  it('says Betriebsbereit in German', async () => {
    TestBed.inject(I18nService).use('de');
    const root = await render({ body: okReport });
    expect(byTestId(root, 'platform-status')?.textContent).toContain('Betriebsbereit');
    expect(byTestId(root, 'dependency-database')?.textContent).toContain('Datenbank');
  });
});
