/**
 * Error answers follow RFC 9457 (problem details), served as `application/problem+json`.
 * `errors` is the extension member that names every failing field of a request.
 */
export interface FieldError {
  /** Dotted path of the field in the request body or query, e.g. `note` or `lots.0.value`. */
  field: string;
  /** What is wrong, in words a person can act on. */
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
