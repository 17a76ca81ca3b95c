import { InjectionToken } from '@angular/core';
import { de } from './dictionary.de';
import { en } from './dictionary.en';
import type { Dictionary, Language } from './dictionary';

export const I18N_DICTIONARIES = new InjectionToken<Readonly<Record<Language, Dictionary>>>('I18N_DICTIONARIES', {
  providedIn: 'root',
  factory: () => ({ en, de }),
});

/** localStorage key under which the chosen language survives a reload. */
export const I18N_STORAGE_KEY = 'consortio.lang';
