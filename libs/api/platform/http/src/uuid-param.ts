import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { RequestValidationException } from './request-validation.exception';

/** A route parameter that must be a UUID; anything else is a 400 naming it, never a database error. */
class UuidParam implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    throw new RequestValidationException([{ field, message: `${field} must be a UUID` }]);
  }
}

export const uuid = new UuidParam();
