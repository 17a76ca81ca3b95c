import { ParseUUIDPipe } from '@nestjs/common';

/** A route parameter that must be a UUID; anything else is a 400 naming it, never a database error. */
export const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });
