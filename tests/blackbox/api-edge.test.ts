import type { ProbeView, ProblemDetails, ReadinessReport } from '@consortio/shared/contracts';
import { type ApiProcess, eventually, type PlatformProcess, startApi, startWorker } from '../support/processes';
import { completedProbe, requestProbe } from '../support/probes';
import { platformEnv } from '../support/platform-env';

describe('api over HTTP (built process)', () => {
  let api: ApiProcess;
  let worker: PlatformProcess;

  beforeAll(async () => {
    worker = startWorker(platformEnv());
    api = await startApi(platformEnv());
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('is live and ready, with PostgreSQL and Redis up', async () => {
    const live = await fetch(`${api.url}/api/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as ReadinessReport;
    expect(report).toMatchObject({
      status: 'ok',
      draining: false,
      checks: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('publishes an OpenAPI document that describes the versioned routes and the health probes', async () => {
    const response = await fetch(`${api.url}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      info: { title: string };
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Consortio API');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/health/live',
        '/api/health/ready',
        '/api/v1/system/probes',
        '/api/v1/system/probes/{id}',
      ]),
    );
    const ui = await fetch(`${api.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('answers an unknown route with problem+json 404 that carries the request id', async () => {
    const response = await fetch(`${api.url}/api/v1/no-such-thing`, { headers: { 'X-Request-Id': 'trace-abc-12345' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('x-request-id')).toBe('trace-abc-12345');
    const problem = (await response.json()) as ProblemDetails;
    expect(problem).toMatchObject({
      status: 404,
      title: 'Not Found',
      instance: '/api/v1/no-such-thing',
      requestId: 'trace-abc-12345',
    });
    expect(problem.detail).toContain('/api/v1/no-such-thing');
  });

  it('rejects unknown and invalid fields with problem+json naming each field, and saves nothing', async () => {
    const before = (await (await fetch(`${api.url}/api/v1/system/probes`)).json()) as { total: number };
    const response = await fetch(`${api.url}/api/v1/system/probes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(201), priority: 'high' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as ProblemDetails;
    expect(problem.type).toBe('urn:consortio:problem:validation');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'note', message: 'note must be at most 200 characters' },
        { field: 'priority', message: '"priority" is not a known field' },
      ]),
    );
    const after = (await (await fetch(`${api.url}/api/v1/system/probes`)).json()) as { total: number };
    expect(after.total).toBe(before.total);
  });

  it('rejects a malformed JSON body and a bad page size with 400 problem+json', async () => {
    const malformed = await fetch(`${api.url}/api/v1/system/probes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"note":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const page = await fetch(`${api.url}/api/v1/system/probes?pageSize=1000`);
    expect(page.status).toBe(400);
    expect(((await page.json()) as ProblemDetails).errors).toEqual([
      { field: 'pageSize', message: 'pageSize must be at most 100' },
    ]);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${api.url}/api/health/live`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('completes a probe through outbox, BullMQ and the worker, and pages the list', async () => {
    const { status, probe } = await requestProbe(api.url, 'black-box round trip');
    expect(status).toBe(201);
    expect(probe.status).toBe('pending');
    const completed = await completedProbe(api.url, probe.id, 15_000);
    expect(completed.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(completed.completedBy).toEqual(expect.any(String));
    const page = (await (await fetch(`${api.url}/api/v1/system/probes?page=1&pageSize=1`)).json()) as {
      items: ProbeView[];
      total: number;
      pageSize: number;
    };
    expect(page.pageSize).toBe(1);
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(1);
  });

  it('logs structured JSON with the request id', async () => {
    await fetch(`${api.url}/api/v1/system/probes`, { headers: { 'X-Request-Id': 'log-check-0001' } });
    const line = await eventually(
      async () => api.output.find((entry) => entry.includes('log-check-0001')),
      5_000,
      'a log line',
    );
    const entry = JSON.parse(line) as { req?: { id?: string }; level: number };
    expect(entry.req?.id).toBe('log-check-0001');
  });
});
