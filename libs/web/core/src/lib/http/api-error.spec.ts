import { HttpErrorResponse } from '@angular/common/http';
import { describeApiError, toApiError } from './api-error';

const i18n = {
  t: (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`,
};

describe('toApiError', () => {
  it('reads problem details and field errors from a validation answer', () => {
    const error = toApiError(
      new HttpErrorResponse({
        status: 400,
        error: {
          type: 'https://consortio.eu/problems/validation',
          title: 'Bad Request',
          status: 400,
          detail: 'The request has invalid fields.',
          errors: [{ field: 'note', message: 'note must be at most 200 characters' }],
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual([{ field: 'note', message: 'note must be at most 200 characters' }]);
    expect(describeApiError(error, i18n)).toBe('The request has invalid fields.');
  });

  it('parses a problem sent as text', () => {
    const body = JSON.stringify({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: '',
    });
    const error = toApiError(new HttpErrorResponse({ status: 404, error: body }));
    expect(describeApiError(error, i18n)).toBe('Not Found');
  });

  it('explains an unreachable server and an answer without problem details', () => {
    expect(describeApiError(toApiError(new HttpErrorResponse({ status: 0 })), i18n)).toBe('errors.network');
    expect(describeApiError(toApiError(new HttpErrorResponse({ status: 500, error: '<html>' })), i18n)).toBe(
      'errors.unexpected{"status":500}',
    );
  });
});
