import type { MailTemplate } from '@consortio/api/platform/mail';

export const invitationMail: MailTemplate<{
  organisation: string;
  inviter: string;
  role: string;
  link: string;
  days: number;
}> = {
  en: (p) => ({
    subject: `Invitation to ${p.organisation} on Consortio`,
    text:
      `${p.inviter} invites you to join ${p.organisation} on Consortio as ${p.role}.\n\n` +
      `Accept the invitation here (valid for ${p.days} days, once):\n${p.link}\n\n` +
      'If you did not expect this e-mail, ignore it.',
  }),
  de: (p) => ({
    subject: `Einladung zu ${p.organisation} auf Consortio`,
    text:
      `${p.inviter} lädt Sie ein, ${p.organisation} auf Consortio als ${p.role} beizutreten.\n\n` +
      `Hier nehmen Sie die Einladung an (${p.days} Tage gültig, einmal verwendbar):\n${p.link}\n\n` +
      'Wenn Sie diese E-Mail nicht erwartet haben, ignorieren Sie sie.',
  }),
};

export const passwordResetMail: MailTemplate<{ name: string; link: string; minutes: number }> = {
  en: (p) => ({
    subject: 'Reset your Consortio password',
    text:
      `Hello ${p.name},\n\nsomeone asked to reset the password of your Consortio account. ` +
      `Choose a new password here (valid for ${p.minutes} minutes, once):\n${p.link}\n\n` +
      'If it was not you, ignore this e-mail; your password stays as it is.',
  }),
  de: (p) => ({
    subject: 'Consortio-Passwort zurücksetzen',
    text:
      `Hallo ${p.name},\n\njemand möchte das Passwort Ihres Consortio-Kontos zurücksetzen. ` +
      `Hier wählen Sie ein neues Passwort (${p.minutes} Minuten gültig, einmal verwendbar):\n${p.link}\n\n` +
      'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
  }),
};

export const emailChangeMail: MailTemplate<{ name: string; link: string; hours: number }> = {
  en: (p) => ({
    subject: 'Confirm your new e-mail address for Consortio',
    text: `Hello ${p.name},\n\nconfirm that this is your new address for Consortio (valid for ${p.hours} hours, once):\n${p.link}\n`,
  }),
  de: (p) => ({
    subject: 'Neue E-Mail-Adresse für Consortio bestätigen',
    text: `Hallo ${p.name},\n\nbestätigen Sie, dass dies Ihre neue Adresse für Consortio ist (${p.hours} Stunden gültig, einmal verwendbar):\n${p.link}\n`,
  }),
};

export const ROLE_NAMES: Record<string, Record<'en' | 'de', string>> = {
  'org-admin': { en: 'organisation administrator', de: 'Organisationsadministrator/in' },
  'procurement-officer': { en: 'procurement officer', de: 'Beschaffer/in' },
  'legal-reviewer': { en: 'legal reviewer', de: 'rechtliche Prüfung' },
  viewer: { en: 'viewer', de: 'Leserecht' },
};
