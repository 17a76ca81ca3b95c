import { type ArgumentsHost, BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { ProblemDetails } from '@consortio/shared/contracts';
import { ProblemDetailsFilter, VALIDATION_PROBLEM_TYPE } from './problem-details.filter';
import { RequestValidationException } from './request-validation.exception';

interface Captured {
  status?: number;
  type?: string;
  body?: ProblemDetails;
}

function hostFor(url = '/api/v1/things', requestId = 'req-12345678'): { host: ArgumentsHost; captured: Captured } {
  const captured: Captured = {};
  const response = {
    headersSent: false,
    status(code: number) {
      captured.status = code;
      return this;
    },
    type(value: string) {
      captured.type = value;
      return this;
    },
    send(body: string) {
      captured.body = JSON.parse(body) as ProblemDetails;
      return this;
    },
  };
  const request = { method: 'POST', originalUrl: url, id: requestId };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, captured };
}

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  it('answers validation failures with every failing field', () => {
    const { host, captured } = hostFor();
    filter.catch(
      new RequestValidationException([
        { field: 'note', message: 'note must be at most 200 characters' },
        { field: 'extra', message: '"extra" is not a known field' },
      ]),
      host,
    );
    expect(captured.status).toBe(400);
    expect(captured.type).toBe('application/problem+json');
    expect(captured.body).toEqual({
      type: VALIDATION_PROBLEM_TYPE,
      title: 'Your request has invalid fields',
      status: 400,
      detail: '2 fields are invalid: note, extra.',
      instance: '/api/v1/things',
      requestId: 'req-12345678',
      errors: [
        { field: 'note', message: 'note must be at most 200 characters' },
        { field: 'extra', message: '"extra" is not a known field' },
      ],
    });
  });

  it('keeps the message of a client error and names the status', () => {
    const { host, captured } = hostFor();
    filter.catch(new ForbiddenException('Only members of the consortium may read its drafts.'), host);
    expect(captured.body).toMatchObject({
      status: 403,
      title: 'Forbidden',
      detail: 'Only members of the consortium may read its drafts.',
    });
  });

  it('rephrases the framework’s unknown-route message', () => {
    const { host, captured } = hostFor('/api/v1/nope');
    filter.catch(new NotFoundException('Cannot GET /api/v1/nope'), host);
    expect(captured.body?.detail).toBe('There is no resource at /api/v1/nope.');
  });

  it('hides the details of an unexpected error and points to the request id', () => {
    const { host, captured } = hostFor();
    filter.catch(new Error('duplicate key value violates unique constraint "users_pkey" at SELECT * FROM users'), host);
    expect(captured.status).toBe(500);
    expect(JSON.stringify(captured.body)).not.toMatch(/SELECT|users_pkey|at /);
    expect(captured.body?.detail).toContain('req-12345678');
  });

  it('treats a body-parser error as the client’s', () => {
    const { host, captured } = hostFor();
    filter.catch(Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400 }), host);
    expect(captured.status).toBe(400);
    expect(captured.body?.detail).toMatch(/valid JSON/);
  });

  it('formats a single invalid field as one sentence', () => {
    const { host, captured } = hostFor();
    filter.catch(new RequestValidationException([{ field: 'page', message: 'page must be 1 or more' }]), host);
    expect(captured.body?.detail).toBe('The field "page" is invalid: page must be 1 or more.');
    expect(new BadRequestException()).toBeInstanceOf(BadRequestException);
  });
});
