import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  isLanguage,
  LANGUAGE_OPTIONS,
  type Language,
  type LanguageOption,
  type TranslationKey,
  type TranslationParams,
} from './dictionary';
import { I18N_DICTIONARIES, I18N_STORAGE_KEY } from './i18n.tokens';

const FALLBACK_LANGUAGE: Language = 'en';

/**
 * Runtime language switch. `lang` is a signal, so every template or `computed` that
 * translates through `t` is refreshed when the user picks another language.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly dictionaries = inject(I18N_DICTIONARIES);
  private readonly current = signal<Language>(this.initialLanguage());

  readonly lang = this.current.asReadonly();
  readonly options = LANGUAGE_OPTIONS;
  readonly option = computed<LanguageOption>(
    () => LANGUAGE_OPTIONS.find((o) => o.code === this.current()) ?? LANGUAGE_OPTIONS[0],
  );
  readonly locale = computed(() => this.option().locale);

  constructor() {
    this.applyToDocument(this.current());
  }

  use(lang: Language): void {
    this.current.set(lang);
    this.applyToDocument(lang);
    try {
      this.storage()?.setItem(I18N_STORAGE_KEY, lang);
    } catch {
      // A full or blocked storage only costs the preference after a reload.
    }
  }

  /** Translates in the current language, falling back to English, then to the key itself. */
  t(key: TranslationKey, params?: TranslationParams): string {
    const text = this.dictionaries[this.current()][key] || this.dictionaries[FALLBACK_LANGUAGE][key] || key;
    return params ? interpolate(text, params) : text;
  }

  formatDateTime(iso: string | Date): string {
    const date = typeof iso === 'string' ? new Date(iso) : iso;
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(this.locale(), {
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(date);
  }

  formatNumber(value: number): string {
    return new Intl.NumberFormat(this.locale()).format(value);
  }

  /** "2 days, 3 hr, 4 min" style, largest units first, at most three of them. */
  formatDuration(totalSeconds: number): string {
    const seconds = Math.max(0, Math.floor(totalSeconds));
    const parts: [number, 'day' | 'hour' | 'minute' | 'second'][] = [
      [Math.floor(seconds / 86_400), 'day'],
      [Math.floor((seconds % 86_400) / 3_600), 'hour'],
      [Math.floor((seconds % 3_600) / 60), 'minute'],
      [seconds % 60, 'second'],
    ];
    const shown = parts.filter(([n]) => n > 0).slice(0, 3);
    const list = shown.length > 0 ? shown : [parts[3]];
    return list
      .map(([n, unit]) =>
        new Intl.NumberFormat(this.locale(), {
          style: 'unit',
          unit,
          unitDisplay: 'short',
        }).format(n),
      )
      .join(' ');
  }

  private initialLanguage(): Language {
    const stored = this.storage()?.getItem(I18N_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
    const preferred = this.document.defaultView?.navigator?.languages ?? [];
    for (const tag of preferred) {
      const primary = tag.toLowerCase().split('-')[0];
      if (isLanguage(primary)) return primary;
    }
    return FALLBACK_LANGUAGE;
  }

  private applyToDocument(lang: Language): void {
    this.document.documentElement.lang = lang;
  }

  /** localStorage may be missing (server rendering) or throw (privacy modes); the switch must still work. */
  private storage(): Pick<Storage, 'getItem' | 'setItem'> | null {
    try {
      return this.document.defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  }
}

function interpolate(text: string, params: TranslationParams): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
  );
}
