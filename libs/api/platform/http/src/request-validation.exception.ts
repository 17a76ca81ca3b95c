import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldError } from '@consortio/shared/contracts';

/** A request whose body or query failed validation; carries every failing field. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(
      fieldErrors.length === 1
        ? `The field "${fieldErrors[0].field}" is invalid: ${fieldErrors[0].message}.`
        : `${fieldErrors.length} fields are invalid: ${[...new Set(fieldErrors.map((error) => error.field))].join(', ')}.`,
    );
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationException {
    return new RequestValidationException(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], parent: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? `"${field}" is not a known field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
