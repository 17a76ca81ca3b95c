import { toApiError } from './api-error';
import { firstValueFrom, type Observable } from 'rxjs';

/** Runs one HTTP call as a promise that rejects with an `ApiError`; an empty answer (204) resolves to undefined. */
export async function apiCall<T>(request: Observable<T>): Promise<T> {
  try {
    return await firstValueFrom(request, { defaultValue: undefined as T });
  } catch (error: unknown) {
    throw toApiError(error);
  }
}
