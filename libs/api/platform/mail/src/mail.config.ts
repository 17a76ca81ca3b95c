import { Expose } from 'class-transformer';
import { IsEmail, IsUrl } from 'class-validator';

export class MailConfig {
  /**
   * SMTP server, e.g. smtp://user:password@mail.example:587 (STARTTLS when offered) or
   * smtps://…:465. Add ?ignoreTLS=true only for a local test server.
   */
  @Expose()
  @IsUrl(
    { require_tld: false, protocols: ['smtp', 'smtps'], require_protocol: true },
    { message: 'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example:587' },
  )
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @Expose()
  @IsEmail(
    { allow_display_name: true },
    { message: 'MAIL_FROM must be an address such as "Consortio <noreply@example.org>"' },
  )
  MAIL_FROM = 'Consortio <noreply@consortio.localhost>';

  /** Where people open the web app; links in e-mails start with it. */
  @Expose()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'PUBLIC_URL must be the web address of this platform, e.g. https://consortio.example' },
  )
  PUBLIC_URL = 'http://localhost:3000';
}
