import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OpenCallChangeEvent, OpenCallView, Page } from '@consortio/shared/contracts';
import { EVENTS_SOCKET_FACTORY, type EventsSocket, I18nService } from '@consortio/web/core';
import { TenderOpenCalls } from './tender-open-calls';

const TENDER = '33333333-3333-4333-8333-333333333333';
const CONSORTIUM = '44444444-4444-4444-8444-444444444444';
const LIST = `/api/v1/tenders/${TENDER}/open-calls`;

const draft: OpenCallView = {
  id: 'c1',
  tenderId: TENDER,
  consortiumId: CONSORTIUM,
  round: 1,
  kind: 'market-consultation',
  title: 'Market consultation: vehicles',
  summary: 'What we ask.',
  opensAt: '2027-03-01T08:00:00Z',
  closesAt: '2027-03-29T12:00:00Z',
  status: 'draft',
  publishedAt: null,
  closedAt: null,
  createdAt: '2027-02-20T08:00:00Z',
  registrations: 0,
  questions: 0,
  unansweredQuestions: 0,
  responses: 0,
  serverTime: '2027-02-20T08:00:00Z',
};
const page = (items: OpenCallView[]): Page<OpenCallView> => ({ items, page: 1, pageSize: 5, total: items.length });

/** Plays the server's side of the `/events` socket. */
class FakeSocket {
  readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  readonly emitted: unknown[] = [];
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(_event: string, payload: unknown) {
    this.emitted.push(payload);
    return this;
  }
  disconnect() {
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function type(root: HTMLElement, id: string, value: string): void {
  const input = byTestId(root, id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('TenderOpenCalls', () => {
  let http: HttpTestingController;
  let socket: FakeSocket;

  beforeEach(() => {
    socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENTS_SOCKET_FACTORY, useValue: () => socket as unknown as EventsSocket },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(I18nService).use('en');
  });

  afterEach(() => http.verify());

  async function render(mayEdit: boolean, items: OpenCallView[] = [draft]) {
    const fixture = TestBed.createComponent(TenderOpenCalls);
    fixture.componentRef.setInput('tenderId', TENDER);
    fixture.componentRef.setInput('mayEdit', mayEdit);
    fixture.componentRef.setInput('consortiumId', CONSORTIUM);
    await settle(fixture);
    http.expectOne((request) => request.url === LIST && request.method === 'GET').flush(page(items));
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('lists the rounds with status and the way to manage them; only editors publish and draft', async () => {
    const readOnly = await render(false);
    const row = byTestId(readOnly.root, 'tender-open-call');
    expect(row?.textContent).toContain('Market consultation: vehicles');
    expect(row?.textContent).toContain('Draft');
    expect(row?.querySelector('[data-testid="manage-call"]')?.getAttribute('href')).toBe('/open-calls/c1/manage');
    expect(byTestId(readOnly.root, 'publish-call')).toBeNull();
    expect(byTestId(readOnly.root, 'open-call-new')).toBeNull();
  });

  it('drafts a call with its times as instants, and publishes a draft', async () => {
    const { fixture, root } = await render(true);
    byTestId(root, 'open-call-new')?.click();
    await settle(fixture);
    type(root, 'open-call-title', 'Call for tenders: vehicles');
    type(root, 'open-call-summary', 'Send your offers.');
    type(root, 'open-call-opens', '2027-04-01T09:00');
    type(root, 'open-call-closes', '2027-05-01T12:00');
    byTestId(root, 'open-call-create-submit')?.click();
    await settle(fixture);
    const create = http.expectOne((request) => request.url === LIST && request.method === 'POST');
    expect(create.request.body).toEqual({
      kind: 'market-consultation',
      title: 'Call for tenders: vehicles',
      summary: 'Send your offers.',
      opensAt: new Date('2027-04-01T09:00').toISOString(),
      closesAt: new Date('2027-05-01T12:00').toISOString(),
    });
    create.flush({ ...draft, id: 'c2', round: 2 });
    await settle(fixture);
    http.expectOne((request) => request.url === LIST && request.method === 'GET').flush(page([draft]));
    await settle(fixture);
    expect(byTestId(root, 'tender-open-calls-done')?.textContent).toContain('round 2');

    byTestId(root, 'publish-call')?.click();
    await settle(fixture);
    http
      .expectOne((request) => request.url === '/api/v1/open-calls/c1/publish')
      .flush({ ...draft, status: 'open', publishedAt: '2027-02-20T09:00:00Z' });
    await settle(fixture);
    http
      .expectOne((request) => request.url === LIST && request.method === 'GET')
      .flush(page([{ ...draft, status: 'open', publishedAt: '2027-02-20T09:00:00Z' }]));
    await settle(fixture);
    expect(byTestId(root, 'tender-open-call')?.textContent).toContain('Open');
    expect(byTestId(root, 'publish-call')).toBeNull();
  });

  it('follows the consortium channel and reads the list again when a call of this tender changes', async () => {
    const { fixture } = await render(true);
    socket.fire('connect');
    expect(socket.emitted).toEqual([{ channel: `consortium.${CONSORTIUM}` }]);
    const change: OpenCallChangeEvent = {
      consortiumId: CONSORTIUM,
      tenderId: TENDER,
      callId: 'c1',
      what: 'question',
      status: 'open',
    };
    socket.fire('open-call.changed', { ...change, tenderId: 'another-tender' });
    socket.fire('open-call.changed', change);
    await settle(fixture);
    http
      .expectOne((request) => request.url === LIST && request.method === 'GET')
      .flush(page([{ ...draft, status: 'open', questions: 1, unansweredQuestions: 1 }]));
    await settle(fixture);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('questions: 1 (1 unanswered)');
  });
});
