/** The UI languages; every template has a text in each. */
export const MAIL_LOCALES = ['en', 'de'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export interface RenderedMail {
  subject: string;
  text: string;
}

/** One message in every UI language; `params` are the values it needs (names, links). */
export type MailTemplate<P> = Record<MailLocale, (params: P) => RenderedMail>;

export function mailLocale(locale: string | null | undefined): MailLocale {
  return (MAIL_LOCALES as readonly string[]).includes(locale ?? '') ? (locale as MailLocale) : 'en';
}
