import type { MailTemplate } from '@consortio/api/platform/mail';

export const digestMail: MailTemplate<{
  name: string;
  items: { title: string; body: string; link: string | null }[];
  more: number;
  centre: string;
  settings: string;
}> = {
  en: (p) => ({
    subject: `Consortio: ${p.items.length + p.more} new for you`,
    text:
      `Hello ${p.name},\n\nhere is what happened since your last digest:\n\n` +
      p.items.map((item) => `- ${item.title}\n  ${item.body}${item.link ? `\n  ${item.link}` : ''}\n`).join('\n') +
      (p.more > 0 ? `\n… and ${p.more} more.\n` : '') +
      `\nAll notifications: ${p.centre}\nChoose what you receive: ${p.settings}\n`,
  }),
  de: (p) => ({
    subject: `Consortio: ${p.items.length + p.more} Neuigkeiten für Sie`,
    text:
      `Hallo ${p.name},\n\ndas ist seit Ihrer letzten Zusammenfassung geschehen:\n\n` +
      p.items.map((item) => `- ${item.title}\n  ${item.body}${item.link ? `\n  ${item.link}` : ''}\n`).join('\n') +
      (p.more > 0 ? `\n… und ${p.more} weitere.\n` : '') +
      `\nAlle Benachrichtigungen: ${p.centre}\nWas Sie erhalten: ${p.settings}\n`,
  }),
};
