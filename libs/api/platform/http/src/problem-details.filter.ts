import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@consortio/shared/contracts';
import { RequestValidationException } from './request-validation.exception';

export const VALIDATION_PROBLEM_TYPE = 'urn:consortio:problem:validation';

/**
 * Every HTTP error leaves as RFC 9457 problem details. Client errors say what to fix; server
 * errors say only that something failed and which request id to quote, never a stack or SQL.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error(
        { err: exception, requestId: problem.requestId },
        `Unhandled error on ${request.method} ${request.originalUrl}`,
      );
    }
    if (response.headersSent) return;
    const retryAfter = retryAfterOf(exception);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request & { id?: unknown }): ProblemDetails {
    const requestId = typeof request.id === 'string' ? request.id : undefined;
    const base = { instance: request.originalUrl, ...(requestId ? { requestId } : {}) };
    if (exception instanceof RequestValidationException) {
      return {
        type: VALIDATION_PROBLEM_TYPE,
        title: 'Your request has invalid fields',
        status: HttpStatus.BAD_REQUEST,
        detail: exception.message,
        ...base,
        errors: exception.fieldErrors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: detailOf(exception, status),
        ...base,
      };
    }
    // Body-parser and similar middleware errors carry a status but are not HttpExceptions.
    const status = statusOf(exception);
    if (status && status >= 400 && status < 500) {
      return {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail:
          status === 413
            ? 'The request body is too large.'
            : 'The request could not be read: check that the body is valid JSON.',
        ...base,
      };
    }
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: `Something went wrong on our side. Please try again; if it keeps happening, report request id ${requestId ?? 'unknown'}.`,
      ...base,
    };
  }
}

function detailOf(exception: HttpException, status: number): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') {
    // Nest's own "Cannot GET /x" for unknown routes is accurate but terse.
    if (status === 404 && message.startsWith('Cannot '))
      return `There is no resource at ${message.replace(/^Cannot \w+ /, '')}.`;
    return message;
  }
  return exception.message;
}

function retryAfterOf(exception: unknown): number | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const body = exception.getResponse();
  const value = typeof body === 'object' ? (body as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof value === 'number' ? value : undefined;
}

function statusOf(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const candidate =
    (exception as { status?: unknown; statusCode?: unknown }).status ??
    (exception as { statusCode?: unknown }).statusCode;
  return typeof candidate === 'number' ? candidate : undefined;
}
