import type { FieldError } from '@consortio/shared/contracts';
import { RequestValidationException } from '@consortio/api/platform/http';

/** A 400 naming the field, with a domain rule's own words (its closing full stop left to the frame). */
export function fieldError(field: string, message: string): RequestValidationException {
  const error: FieldError = { field, message: message.replace(/\.$/, '') };
  return new RequestValidationException([error]);
}
