import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Page, ProbeView } from '@consortio/shared/contracts';
import { FakeEventsSocket } from '../testing/fake-events-socket';
import { EVENTS_SOCKET_FACTORY } from './events-socket';
import { applyProbeUpdate, mergeProbe, ProbesService } from './probes.service';

const pending: ProbeView = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  note: 'hello',
  status: 'pending',
  requestedAt: '2025-01-01T10:00:00.000Z',
  completedAt: null,
  roundTripMs: null,
  completedBy: null,
};
const completed: ProbeView = {
  ...pending,
  status: 'completed',
  completedAt: '2025-01-01T10:00:00.120Z',
  roundTripMs: 120,
  completedBy: 'worker-1',
};
const emptyPage: Page<ProbeView> = {
  items: [],
  page: 1,
  pageSize: 10,
  total: 0,
};

describe('probe merging', () => {
  it('never turns a completed probe back into a pending one', () => {
    expect(mergeProbe(completed, pending)).toBe(completed);
    expect(mergeProbe(pending, completed)).toBe(completed);
  });

  it('adds new probes on the first page only, newest first, within the page size', () => {
    const full: Page<ProbeView> = {
      items: [{ ...pending, id: 'x' }],
      page: 1,
      pageSize: 1,
      total: 1,
    };
    expect(applyProbeUpdate(full, pending)).toEqual({
      ...full,
      items: [pending],
      total: 2,
    });
    expect(applyProbeUpdate({ ...full, page: 2 }, pending)).toEqual({
      ...full,
      page: 2,
      total: 2,
    });
    expect(applyProbeUpdate({ ...emptyPage, items: [pending], total: 1 }, completed).items).toEqual([completed]);
  });
});

describe('ProbesService', () => {
  let http: HttpTestingController;
  let socket: FakeEventsSocket;
  let service: ProbesService;

  beforeEach(() => {
    socket = new FakeEventsSocket();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENTS_SOCKET_FACTORY, useValue: () => socket.asSocket() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(ProbesService);
  });

  afterEach(() => http.verify());

  it('subscribes to the system channel and shows a probe turning from pending to completed', async () => {
    service.connectLive();
    expect(service.connection()).toBe('connecting');
    socket.connectAndAck();
    expect(socket.emitted).toEqual([{ event: 'subscribe', payload: { channel: 'system' } }]);
    expect(service.connection()).toBe('live');
    http.expectOne('/api/v1/system/probes?page=1&pageSize=10').flush(emptyPage);

    const created = service.create({ note: 'hello' });
    const post = http.expectOne({
      method: 'POST',
      url: '/api/v1/system/probes',
    });
    expect(post.request.body).toEqual({ note: 'hello' });
    post.flush(pending);
    await created;
    expect(service.latest()?.status).toBe('pending');
    expect(service.page().items).toEqual([pending]);

    socket.push(pending);
    expect(service.page().items).toHaveLength(1);
    socket.push(completed);
    expect(service.latest()).toEqual(completed);
    expect(service.page().items).toEqual([completed]);
    expect(service.page().total).toBe(1);
  });

  it('rejects with the field errors of a validation problem', async () => {
    const created = service.create({ note: 'x'.repeat(201) });
    http.expectOne('/api/v1/system/probes').flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Invalid request',
        errors: [
          {
            field: 'note',
            message: 'note must be shorter than or equal to 200 characters',
          },
        ],
      },
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'content-type': 'application/problem+json' },
      },
    );
    await expect(created).rejects.toMatchObject({
      status: 400,
      fieldErrors: [
        {
          field: 'note',
          message: 'note must be shorter than or equal to 200 characters',
        },
      ],
    });
  });
});
