import { ConflictException, GoneException, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { OutboxService } from '@consortio/api/platform/queue';
import { hashToken } from './one-time-token';
import { hashPassword, passwordMatches } from './passwords';

export const RESET_MINUTES = 60;
export const EMAIL_CHANGE_HOURS = 24;

interface TokenRow {
  id: string;
  user_id: string;
  new_email: string | null;
  expires_at: Date;
  used_at: Date | null;
}

/** Password reset and e-mail change, both proven by a one-time link sent by e-mail. */
@Injectable()
export class AccountRecoveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Sends a reset link if the account exists; the caller answers the same either way. */
  async requestReset(email: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [user] = await manager.query<{ id: string }[]>('SELECT id FROM users WHERE lower(email) = lower($1)', [
        email,
      ]);
      if (!user) return;
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO account_tokens (purpose, user_id, expires_at) VALUES ('password-reset', $1, now() + make_interval(mins => $2)) RETURNING id`,
        [user.id, RESET_MINUTES],
      );
      await this.outbox.enqueue(
        manager,
        'mail.password-reset',
        { tokenId: id },
        { jobId: `mail.password-reset.${id}` },
      );
    });
  }

  /** Sets the new password and ends every session of the account. */
  async confirmReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.spend(manager.query.bind(manager), token, 'password-reset');
      await manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [row.user_id, passwordHash]);
      await manager.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
        row.user_id,
      ]);
      await this.audit.record(
        manager,
        { userId: row.user_id, organisationId: null },
        {
          action: 'user.password-reset',
          entityType: 'user',
          entityId: row.user_id,
          organisationId: null,
          summary: { after: { sessionsEnded: true } },
        },
      );
    });
  }

  async requestEmailChange(principal: Principal, newEmail: string, password: string): Promise<void> {
    const [user] = await this.dataSource.query<{ password_hash: string | null }[]>(
      'SELECT password_hash FROM users WHERE id = $1',
      [principal.userId],
    );
    if (!(await passwordMatches(password, user?.password_hash ?? null))) {
      throw new UnauthorizedException('The password is wrong.');
    }
    await this.dataSource.transaction(async (manager) => {
      await this.ensureFree(manager.query.bind(manager), newEmail);
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO account_tokens (purpose, user_id, new_email, expires_at)
         VALUES ('email-change', $1, $2, now() + make_interval(hours => $3)) RETURNING id`,
        [principal.userId, newEmail.trim(), EMAIL_CHANGE_HOURS],
      );
      await this.outbox.enqueue(manager, 'mail.email-change', { tokenId: id }, { jobId: `mail.email-change.${id}` });
    });
  }

  async confirmEmailChange(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.spend(manager.query.bind(manager), token, 'email-change');
      const newEmail = row.new_email ?? '';
      await this.ensureFree(manager.query.bind(manager), newEmail);
      const [{ email }] = await manager.query<{ email: string }[]>('SELECT email FROM users WHERE id = $1', [
        row.user_id,
      ]);
      await manager.query('UPDATE users SET email = $2 WHERE id = $1', [row.user_id, newEmail]);
      await this.audit.record(
        manager,
        { userId: row.user_id, organisationId: null },
        {
          action: 'user.email-changed',
          entityType: 'user',
          entityId: row.user_id,
          organisationId: null,
          summary: { before: { email }, after: { email: newEmail } },
        },
      );
    });
  }

  private async spend(
    query: <T>(sql: string, params: unknown[]) => Promise<T>,
    token: string,
    purpose: string,
  ): Promise<TokenRow> {
    const [row] = await query<TokenRow[]>(
      'SELECT id, user_id, new_email, expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE',
      [hashToken(token), purpose],
    );
    if (!row || row.used_at || row.expires_at.getTime() <= Date.now()) {
      throw new GoneException('This link has expired or was already used. Ask for a new one.');
    }
    await query('UPDATE account_tokens SET used_at = now() WHERE id = $1', [row.id]);
    return row;
  }

  private async ensureFree(query: <T>(sql: string, params: unknown[]) => Promise<T>, email: string): Promise<void> {
    const taken = await query<unknown[]>('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email]);
    if (taken.length > 0) throw new ConflictException('Another account uses this e-mail address.');
  }
}
