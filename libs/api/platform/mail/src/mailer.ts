import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { MailConfig } from './mail.config';
import type { RenderedMail } from './mail-template';

/** Sends e-mail over SMTP. Used by worker jobs only, so a slow mail server never holds a request. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig) {
    const url = new URL(config.SMTP_URL);
    this.transport = createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      pool: true,
      connectionTimeout: 10_000,
    });
  }

  get publicUrl(): string {
    return this.config.PUBLIC_URL.replace(/\/$/, '');
  }

  async send(to: string, mail: RenderedMail): Promise<void> {
    const info = (await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to,
      subject: mail.subject,
      text: mail.text,
    })) as { messageId?: string };
    this.logger.log(`Mail "${mail.subject}" accepted by SMTP (${info.messageId ?? 'no id'})`);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
