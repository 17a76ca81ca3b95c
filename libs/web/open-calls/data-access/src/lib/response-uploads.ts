import {
  HttpBackend,
  HttpClient,
  HttpEventType,
  type HttpInterceptorFn,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { type EnvironmentProviders, inject, Injectable, makeEnvironmentProviders } from '@angular/core';
import type { AttachmentContentType, OpenCallResponseView } from '@consortio/shared/contracts';
import { API_BASE_URL, toApiError } from '@consortio/web/core';
import { catchError, filter, map, type Observable, throwError } from 'rxjs';

/** How a response on its way to the api is doing. */
export type UploadEvent =
  | { kind: 'progress'; loaded: number; total: number | null }
  | { kind: 'done'; response: OpenCallResponseView };

export interface OutgoingAttachment {
  file: Blob & { readonly name: string };
  contentType: AttachmentContentType;
}

/**
 * Sends a supplier's response as `multipart/form-data` and reports how far the upload is. The
 * stream fails with an `ApiError` (409 past the deadline, 413 naming a file that is too large,
 * 400 naming a refused file).
 */
@Injectable()
export class ResponseUploads {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/api/v1`;

  submit(callId: string, text: string, attachments: readonly OutgoingAttachment[]): Observable<UploadEvent> {
    const form = new FormData();
    form.append('text', text);
    // The type sent is the checked one: a browser may give none for a file it does not know.
    for (const { file, contentType } of attachments)
      form.append('attachments', new Blob([file], { type: contentType }), file.name);
    return this.http
      .post<OpenCallResponseView>(`${this.base}/open-calls/${callId}/responses`, form, {
        observe: 'events',
        reportProgress: true,
      })
      .pipe(
        map((event): UploadEvent | null => {
          if (event.type === HttpEventType.UploadProgress)
            return { kind: 'progress', loaded: event.loaded, total: event.total ?? null };
          if (event.type === HttpEventType.Response && event.body) return { kind: 'done', response: event.body };
          return null;
        }),
        filter((event): event is UploadEvent => event !== null),
        catchError((error: unknown) => throwError(() => toApiError(error))),
      );
  }
}

/**
 * Route providers for pages that upload responses. The app's HttpClient uses fetch, which
 * reports no upload progress; this one uses XMLHttpRequest, with the same `interceptors` (the
 * session's bearer token and acting organisation), for `ResponseUploads` only.
 */
export function provideResponseUploads(interceptors: readonly HttpInterceptorFn[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withInterceptors([...interceptors])),
    { provide: HttpBackend, useExisting: HttpXhrBackend },
    ResponseUploads,
  ]);
}
