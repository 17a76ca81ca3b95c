import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Mailer, mailLocale } from '@consortio/api/platform/mail';
import { dispatchJob, type JobHandlers } from '@consortio/api/platform/queue';
import { emailChangeMail, invitationMail, passwordResetMail, ROLE_NAMES } from '../identity-mail-templates';
import { EMAIL_CHANGE_HOURS, RESET_MINUTES } from '../account-recovery.service';
import { INVITATION_DAYS } from '../invitations.service';
import { newToken } from '../one-time-token';

/**
 * Sends the e-mails of the identity domain. The link token is made here, at sending time, and
 * only its hash is stored: no usable token ever sits in the outbox, the queue or a log. A lapsed
 * or used invitation or token is skipped.
 */
@Processor('mail')
export class IdentityMailProcessor extends WorkerHost {
  private readonly logger = new Logger(IdentityMailProcessor.name);
  private readonly handlers: JobHandlers<'mail'>;

  constructor(dataSource: DataSource, mailer: Mailer) {
    super();
    this.handlers = {
      'mail.invitation': async ({ invitationId }) => {
        const { token, hash } = newToken();
        // For UPDATE … RETURNING, TypeORM's PostgreSQL driver answers [rows, affected count].
        const [[row]] = await dataSource.query<
          [{ email: string; locale: string; role: string; organisation: string; inviter: string | null }[], number]
        >(
          `UPDATE invitations i SET token_hash = $2
             FROM organisations o, users u
            WHERE i.id = $1 AND o.id = i.organisation_id AND u.id = i.invited_by
              AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
           RETURNING i.email, i.locale, i.role, o.name AS organisation, u.display_name AS inviter`,
          [invitationId, hash],
        );
        if (!row) return this.skip('invitation', invitationId);
        const locale = mailLocale(row.locale);
        const link = `${mailer.publicUrl}/accept-invitation?token=${token}`;
        await mailer.send(
          row.email,
          invitationMail[locale]({
            organisation: row.organisation,
            inviter: row.inviter ?? 'Consortio',
            role: ROLE_NAMES[row.role]?.[locale] ?? row.role,
            link,
            days: INVITATION_DAYS,
          }),
        );
        return invitationId;
      },
      'mail.password-reset': async ({ tokenId }) => {
        const row = await this.arm(dataSource, tokenId, 'password-reset');
        if (!row) return this.skip('password reset', tokenId);
        const link = `${mailer.publicUrl}/reset-password?token=${row.token}`;
        await mailer.send(
          row.email,
          passwordResetMail[mailLocale(row.locale)]({ name: row.display_name, link, minutes: RESET_MINUTES }),
        );
        return tokenId;
      },
      'mail.email-change': async ({ tokenId }) => {
        const row = await this.arm(dataSource, tokenId, 'email-change');
        if (!row) return this.skip('e-mail change', tokenId);
        const link = `${mailer.publicUrl}/confirm-email?token=${row.token}`;
        await mailer.send(
          row.new_email ?? row.email,
          emailChangeMail[mailLocale(row.locale)]({ name: row.display_name, link, hours: EMAIL_CHANGE_HOURS }),
        );
        return tokenId;
      },
    };
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('mail', job, this.handlers);
  }

  /** Gives an unused, unexpired account token a fresh secret and returns who gets the mail. */
  private async arm(dataSource: DataSource, tokenId: string, purpose: string) {
    const { token, hash } = newToken();
    const [rows] = await dataSource.query<
      [{ email: string; new_email: string | null; locale: string; display_name: string }[], number]
    >(
      `UPDATE account_tokens t SET token_hash = $3
         FROM users u
        WHERE t.id = $1 AND t.purpose = $2 AND u.id = t.user_id AND t.used_at IS NULL AND t.expires_at > now()
       RETURNING u.email, t.new_email, u.locale, u.display_name`,
      [tokenId, purpose, hash],
    );
    return rows[0] ? { ...rows[0], token } : null;
  }

  private skip(what: string, id: string): null {
    this.logger.log(`No mail for ${what} ${id}: it lapsed or was used before sending`);
    return null;
  }
}
