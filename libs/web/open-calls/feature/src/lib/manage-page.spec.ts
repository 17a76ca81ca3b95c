import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { OpenCallQuestionView, OpenCallView, Page } from '@consortio/shared/contracts';
import { EVENTS_SOCKET_FACTORY, type EventsSocket, I18nService } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { ManagePage } from './manage-page';

const CALL = '55555555-5555-4555-8555-555555555555';
const BASE = `/api/v1/open-calls/${CALL}`;
const page = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length });

const view: OpenCallView = {
  id: CALL,
  tenderId: 'tender-1',
  consortiumId: '66666666-6666-4666-8666-666666666666',
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
const asked: OpenCallQuestionView = {
  id: 'q1',
  text: 'Is a cable included?',
  askedAt: '2027-03-02T08:00:00Z',
  answer: null,
  answeredAt: null,
  answerPublished: false,
  mine: false,
  askedBy: { organisationId: 'org-s', name: 'Smart Grid Werke GmbH (Demo)' },
};

class FakeSocket {
  readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit() {
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

describe('ManagePage', () => {
  let http: HttpTestingController;
  let socket: FakeSocket;

  beforeEach(() => {
    socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ callId: CALL }) } } },
        { provide: EVENTS_SOCKET_FACTORY, useValue: () => socket as unknown as EventsSocket },
        {
          provide: SessionService,
          useValue: {
            actingOrganisation: () => ({
              organisationId: 'org-m',
              organisationKind: 'municipality',
              role: 'procurement-officer',
            }),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(I18nService).use('en');
  });

  afterEach(() => http.verify());

  async function flushAll(
    fixture: { whenStable(): Promise<unknown> },
    call: OpenCallView,
    questions: OpenCallQuestionView[] = [],
  ) {
    http.expectOne(`${BASE}/consortium-view`).flush(call);
    await settle(fixture);
    http.expectOne((request) => request.url === `${BASE}/registrations`).flush(page([]));
    http.expectOne((request) => request.url === `${BASE}/questions`).flush(page(questions));
    http.expectOne((request) => request.url === `${BASE}/responses`).flush(page([]));
    await settle(fixture);
  }

  it('publishes the draft and then offers to extend the deadline', async () => {
    const fixture = TestBed.createComponent(ManagePage);
    const root = fixture.nativeElement as HTMLElement;
    await settle(fixture);
    await flushAll(fixture, view);
    expect(byTestId(root, 'manage-status')?.textContent).toContain('Draft');
    expect((byTestId(root, 'draft-title') as HTMLInputElement).value).toBe('Market consultation: vehicles');

    byTestId(root, 'publish')?.click();
    await settle(fixture);
    http
      .expectOne(`${BASE}/publish`)
      .flush({ ...view, status: 'open', publishedAt: '2027-03-01T09:00:00Z', serverTime: '2027-03-01T09:00:00Z' });
    await settle(fixture);
    expect(byTestId(root, 'manage-status')?.textContent).toContain('Open');
    expect(byTestId(root, 'manage-done')?.textContent).toContain('The call is published');
    expect(byTestId(root, 'draft-form')).toBeNull();
    expect(byTestId(root, 'extend-form')).not.toBeNull();
  });

  it('shows who asked, reloads on a live change, and answers to every supplier by default', async () => {
    const fixture = TestBed.createComponent(ManagePage);
    const root = fixture.nativeElement as HTMLElement;
    const open = { ...view, status: 'open' as const, publishedAt: '2027-03-01T09:00:00Z' };
    await settle(fixture);
    await flushAll(fixture, open);
    expect(byTestId(root, 'manage-question')).toBeNull();

    // A supplier asked: the consortium's channel says so, and the page reads the call again.
    socket.fire('open-call.changed', { callId: CALL, what: 'question' });
    await settle(fixture);
    await flushAll(fixture, { ...open, questions: 1, unansweredQuestions: 1 }, [asked]);
    const card = byTestId(root, 'manage-question');
    expect(byTestId(root, 'asked-by')?.textContent).toContain('Smart Grid Werke GmbH (Demo)');
    const publish = card?.querySelector<HTMLInputElement>('[data-testid="answer-publish"] input');
    expect(publish?.checked).toBe(true);

    const text = byTestId(root, 'answer-text') as HTMLTextAreaElement;
    text.value = 'Yes, one cable per vehicle.';
    text.dispatchEvent(new Event('input'));
    byTestId(root, 'answer-submit')?.click();
    await settle(fixture);
    const answer = http.expectOne(`${BASE}/questions/q1/answer`);
    expect(answer.request.body).toEqual({ text: 'Yes, one cable per vehicle.', publish: true });
    const answered = {
      ...asked,
      answer: 'Yes, one cable per vehicle.',
      answeredAt: '2027-03-02T09:00:00Z',
      answerPublished: true,
    };
    answer.flush(answered);
    await settle(fixture);
    http.expectOne(`${BASE}/consortium-view`).flush({ ...open, questions: 1 });
    http.expectOne((request) => request.url === `${BASE}/questions`).flush(page([answered]));
    await settle(fixture);
    expect(byTestId(root, 'manage-done')?.textContent).toContain('published to every supplier');
    // Published stays published: the box can no longer be cleared.
    expect(card?.querySelector<HTMLInputElement>('[data-testid="answer-publish"] input')?.disabled).toBe(true);
  });
});
