import type { en } from './dictionary.en';

export type TranslationKey = keyof typeof en;

/** A dictionary with exactly the English keys: an object literal typed this way rejects missing and extra keys. */
export type Dictionary = { readonly [K in TranslationKey]: string };

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LanguageOption {
  code: Language;
  /** The language's own name, shown in the switch so a reader finds their language. */
  nativeName: string;
  /** BCP 47 locale used for dates and numbers. */
  locale: string;
}

export const LANGUAGE_OPTIONS: readonly LanguageOption[] = [
  { code: 'en', nativeName: 'English', locale: 'en-GB' },
  { code: 'de', nativeName: 'Deutsch', locale: 'de-DE' },
];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export type TranslationParams = Readonly<Record<string, string | number>>;
