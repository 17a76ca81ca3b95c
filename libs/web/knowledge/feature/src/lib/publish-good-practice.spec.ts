import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { GoodPracticeView, TenderGoodPracticeView } from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { PublishGoodPractice } from './publish-good-practice';

const TENDER = '33333333-3333-4333-8333-333333333333';
const STATUS = `/api/v1/tenders/${TENDER}/good-practice`;

const published: GoodPracticeView = {
  id: 'case-1',
  title: 'LED street lighting',
  consortiumName: 'Lighting group',
  domain: 'energy',
  procedureType: 'open',
  cpvCodes: ['31500000-1'],
  countries: ['AT'],
  publishedAt: '2027-03-01T08:00:00Z',
  summary: 'What we bought.',
  lessons: 'What we learnt.',
  participants: [{ name: 'Demoing', country: 'AT' }],
  kpis: [],
  savings: { lots: [], total: { awardedLots: 0, estimated: '0.00', awarded: '0.00', saved: '0.00', percent: null } },
  contractSignedOn: null,
  publishedBy: 'Demoing',
  updatedAt: '2027-03-01T08:00:00Z',
  tenderId: TENDER,
};

const status = (overrides: Partial<TenderGoodPracticeView>): TenderGoodPracticeView => ({
  tenderId: TENDER,
  case: null,
  publishRefusal: null,
  publishRefusalReason: null,
  mayEdit: true,
  mayWithdraw: true,
  ...overrides,
});

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

describe('PublishGoodPractice', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(I18nService).use('en');
  });

  afterEach(() => http.verify());

  async function render(first: TenderGoodPracticeView) {
    const fixture = TestBed.createComponent(PublishGoodPractice);
    fixture.componentRef.setInput('tenderId', TENDER);
    const emitted: (GoodPracticeView | null)[] = [];
    fixture.componentInstance.changed.subscribe((value) => emitted.push(value));
    await settle(fixture);
    http.expectOne((request) => request.url === STATUS && request.method === 'GET').flush(first);
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement, emitted };
  }

  it('explains why a tender that is not closed cannot be published yet, and shows no form', async () => {
    const { root } = await render(
      status({
        publishRefusal: 'A tender is shared … at pilot.',
        publishRefusalReason: 'not-closed',
        mayWithdraw: true,
      }),
    );
    expect(byTestId(root, 'good-practice-refusal')?.textContent).toContain('once it is closed');
    expect(byTestId(root, 'good-practice-title')).toBeNull();
  });

  it('publishes a closed tender with title, summary and lessons, and then shows the case', async () => {
    const { fixture, root, emitted } = await render(status({}));
    type(root, 'good-practice-title', '  LED street lighting ');
    type(root, 'good-practice-summary', 'What we bought.');
    type(root, 'good-practice-lessons', 'What we learnt.');
    byTestId(root, 'good-practice-submit')?.click();
    await settle(fixture);
    const post = http.expectOne((request) => request.url === STATUS && request.method === 'POST');
    expect(post.request.body).toEqual({
      title: 'LED street lighting',
      summary: 'What we bought.',
      lessons: 'What we learnt.',
    });
    post.flush(published);
    await settle(fixture);
    http
      .expectOne((request) => request.url === STATUS && request.method === 'GET')
      .flush(status({ case: published, publishRefusalReason: 'published', publishRefusal: 'In the library.' }));
    await settle(fixture);
    expect(emitted).toEqual([published]);
    expect(byTestId(root, 'good-practice-message')?.textContent).toContain('now in the good-practice library');
    expect(byTestId(root, 'good-practice-case-link')?.getAttribute('href')).toBe('/good-practice/case-1');
    expect(byTestId(root, 'good-practice-submit')?.textContent).toContain('Save changes');
    expect(byTestId(root, 'good-practice-withdraw')).not.toBeNull();
  });

  it('keeps the form from being sent empty, and shows the api refusal naming the field', async () => {
    const { fixture, root } = await render(status({ mayWithdraw: false }));
    byTestId(root, 'good-practice-submit')?.click();
    await settle(fixture);
    http.expectNone((request) => request.method === 'POST');
    type(root, 'good-practice-title', 'LED');
    type(root, 'good-practice-summary', 'x');
    type(root, 'good-practice-lessons', 'y');
    byTestId(root, 'good-practice-submit')?.click();
    await settle(fixture);
    http
      .expectOne((request) => request.method === 'POST')
      .flush(
        {
          type: 'urn:consortio:problem:validation',
          title: 'Invalid',
          status: 400,
          detail: 'The field "lessons" is invalid',
          errors: [{ field: 'lessons', message: 'lessons must not contain control characters' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(root.textContent).toContain('lessons must not contain control characters');
  });
});
