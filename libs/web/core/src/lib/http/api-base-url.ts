import { InjectionToken } from '@angular/core';

/** Prefix for API calls; empty because the API serves the web app from the same origin. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '',
});
