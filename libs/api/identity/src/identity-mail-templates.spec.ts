import { MAIL_LOCALES } from '@consortio/api/platform/mail';
import { emailChangeMail, invitationMail, passwordResetMail, ROLE_NAMES } from './identity-mail-templates';

describe('identity e-mail templates', () => {
  const link = 'https://consortio.example/x?token=abc';

  it.each(MAIL_LOCALES)('has every message in %s, each carrying its link', (locale) => {
    const mails = [
      invitationMail[locale]({
        organisation: 'Gemeinde Musterstadt',
        inviter: 'Jonas',
        role: ROLE_NAMES['viewer'][locale],
        link,
        days: 7,
      }),
      passwordResetMail[locale]({ name: 'Anna', link, minutes: 60 }),
      emailChangeMail[locale]({ name: 'Anna', link, hours: 24 }),
    ];
    for (const mail of mails) {
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.text).toContain(link);
    }
  });

  it('speaks the reader’s language', () => {
    expect(passwordResetMail.de({ name: 'Anna', link, minutes: 60 }).text).toContain('60 Minuten gültig');
    expect(passwordResetMail.en({ name: 'Anna', link, minutes: 60 }).text).toContain('valid for 60 minutes');
  });
});
