import { HttpEventType } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type {
  OpenCallQuestionView,
  OpenCallRegistrationView,
  OpenCallResponseView,
  Page,
} from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { provideResponseUploads } from '@consortio/web/open-calls/data-access';
import { SupplierPanel } from './supplier-panel';

const CALL = '22222222-2222-4222-8222-222222222222';
const BASE = `/api/v1/open-calls/${CALL}`;
const page = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length });
const registration: OpenCallRegistrationView = {
  organisationId: 'org-1',
  organisationName: 'Smart Grid Werke GmbH (Demo)',
  registeredAt: '2027-03-01T10:00:00Z',
};
const problem = (status: number, detail: string) => ({
  body: { type: 'about:blank', title: 'Refused', status, detail },
  options: { status, statusText: 'Refused', headers: { 'content-type': 'application/problem+json' } },
});

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('SupplierPanel', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideResponseUploads([]), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(I18nService).use('en');
  });

  afterEach(() => http.verify());

  async function render(signedUp: OpenCallRegistrationView | null, status: 'open' | 'closed' = 'open') {
    const fixture = TestBed.createComponent(SupplierPanel);
    fixture.componentRef.setInput('callId', CALL);
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('closesAt', '2027-03-10T12:00:00Z');
    await settle(fixture);
    http.expectOne((request) => request.url === `${BASE}/registrations`).flush(page(signedUp ? [signedUp] : []));
    await settle(fixture);
    if (signedUp) await flushLists(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  async function flushLists(
    fixture: { whenStable(): Promise<unknown> },
    questions: OpenCallQuestionView[] = [],
    responses: OpenCallResponseView[] = [],
  ) {
    http.expectOne((request) => request.url === `${BASE}/questions`).flush(page(questions));
    http.expectOne((request) => request.url === `${BASE}/responses/mine`).flush(page(responses));
    await settle(fixture);
  }

  it('signs the company up, then offers the question and response forms', async () => {
    const { fixture, root } = await render(null);
    expect(byTestId(root, 'question-form')).toBeNull();
    byTestId(root, 'register-call')?.click();
    await settle(fixture);
    const signUp = http.expectOne((request) => request.url === `${BASE}/registrations` && request.method === 'POST');
    signUp.flush(registration);
    await settle(fixture);
    await flushLists(fixture);
    expect(byTestId(root, 'registered')?.textContent).toContain('Smart Grid Werke GmbH (Demo)');
    expect(byTestId(root, 'register-call')).toBeNull();
    expect(byTestId(root, 'question-form')).not.toBeNull();
    expect(byTestId(root, 'response-form')).not.toBeNull();
  });

  it('shows the server’s refusal of a question after the deadline as sent', async () => {
    const { fixture, root } = await render(registration);
    const text = byTestId(root, 'question-text') as HTMLTextAreaElement;
    text.value = 'Still open?';
    text.dispatchEvent(new Event('input'));
    byTestId(root, 'question-submit')?.click();
    await settle(fixture);
    const ask = http.expectOne((request) => request.url === `${BASE}/questions` && request.method === 'POST');
    expect(ask.request.body).toEqual({ text: 'Still open?' });
    const refused = problem(
      409,
      'This open call closed at its deadline 2027-03-10T12:00:00.000Z (server time now 2027-03-10T12:00:05.000Z); it accepts no more questions.',
    );
    ask.flush(refused.body, refused.options);
    await settle(fixture);
    const error = byTestId(root, 'question-error');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toContain('closed at its deadline 2027-03-10T12:00:00.000Z');
  });

  it('refuses files by name before the upload, and shows the upload’s progress', async () => {
    const { fixture, root } = await render(registration);
    const picker = byTestId(root, 'response-files') as HTMLInputElement;
    const offer = new File(['%PDF-1.7'], 'offer.pdf', { type: 'application/pdf' });
    const setup = new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' });
    Object.defineProperty(picker, 'files', { value: [offer, setup], configurable: true });
    picker.dispatchEvent(new Event('change'));
    await settle(fixture);
    expect(byTestId(root, 'file-refusals')?.textContent).toContain('“setup.exe” is not a type a response takes');
    expect(byTestId(root, 'chosen-files')?.textContent).toContain('offer.pdf');

    const text = byTestId(root, 'response-text') as HTMLTextAreaElement;
    text.value = 'Our offer';
    text.dispatchEvent(new Event('input'));
    byTestId(root, 'response-submit')?.click();
    await settle(fixture);
    const upload = http.expectOne((request) => request.url === `${BASE}/responses` && request.method === 'POST');
    const body = upload.request.body as FormData;
    expect((body.getAll('attachments') as File[]).map((file) => file.name)).toEqual(['offer.pdf']);
    upload.event({ type: HttpEventType.UploadProgress, loaded: 50, total: 200 });
    await settle(fixture);
    expect(byTestId(root, 'upload-progress')?.textContent).toContain('Uploading: 25 %');

    upload.flush({
      id: 'r1',
      callId: CALL,
      organisation: { id: 'org-1', name: 'Smart Grid Werke GmbH (Demo)' },
      text: 'Our offer',
      submittedAt: '2027-03-02T10:00:00Z',
      attachments: [{ id: 'a1', fileName: 'offer.pdf', contentType: 'application/pdf', sizeBytes: 8, sha256: 'ab' }],
    } satisfies OpenCallResponseView);
    await settle(fixture);
    http.expectOne((request) => request.url === `${BASE}/responses/mine`).flush(page([]));
    await settle(fixture);
    expect(byTestId(root, 'upload-progress')).toBeNull();
    expect(byTestId(root, 'response-sent')?.textContent).toContain('files: 1');
    expect(byTestId(root, 'chosen-files')).toBeNull();
  });

  it('takes nothing more once the server says the call is closed', async () => {
    const { root } = await render(registration, 'closed');
    expect(byTestId(root, 'call-closed')).not.toBeNull();
    expect(byTestId(root, 'question-form')).toBeNull();
    expect(byTestId(root, 'response-form')).toBeNull();
  });
});
