import { HttpEventType } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { OpenCallResponseView } from '@consortio/shared/contracts';
import type { ApiError } from '@consortio/web/core';
import { provideResponseUploads, ResponseUploads, type UploadEvent } from './response-uploads';

describe('ResponseUploads', () => {
  let uploads: ResponseUploads;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideResponseUploads([]), provideHttpClientTesting()] });
    uploads = TestBed.inject(ResponseUploads);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends text and files as multipart with the checked types, and reports progress then the response', () => {
    const events: UploadEvent[] = [];
    const file = Object.assign(new Blob(['%PDF-1.7'], { type: '' }), { name: 'Angebot.pdf' });
    uploads.submit('call-1', 'Our answer', [{ file, contentType: 'application/pdf' }]).subscribe((event) => {
      events.push(event);
    });
    const request = http.expectOne('/api/v1/open-calls/call-1/responses');
    expect(request.request.method).toBe('POST');
    expect(request.request.reportProgress).toBe(true);
    const body = request.request.body as FormData;
    expect(body.get('text')).toBe('Our answer');
    const sent = body.getAll('attachments') as File[];
    expect(sent.map((part) => [part.name, part.type])).toEqual([['Angebot.pdf', 'application/pdf']]);

    request.event({ type: HttpEventType.UploadProgress, loaded: 4, total: 8 });
    const response = {
      id: 'r1',
      callId: 'call-1',
      text: 'Our answer',
      attachments: [],
    } as unknown as OpenCallResponseView;
    request.flush(response, { status: 201, statusText: 'Created' });
    expect(events).toEqual([
      { kind: 'progress', loaded: 4, total: 8 },
      { kind: 'done', response },
    ]);
  });

  it('fails with the api’s problem, such as a closed call', () => {
    let failure: ApiError | null = null;
    uploads.submit('call-1', 'Late', []).subscribe({ error: (error: ApiError) => (failure = error) });
    http
      .expectOne('/api/v1/open-calls/call-1/responses')
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409, detail: 'This open call closed at its deadline.' },
        { status: 409, statusText: 'Conflict' },
      );
    expect(failure).toMatchObject({ status: 409, problem: { detail: 'This open call closed at its deadline.' } });
  });
});
