import { randomUUID } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeView, SessionView } from '@consortio/shared/contracts';
import { AuditService } from '@consortio/api/platform/audit';
import { AuthConfig, issueAccessToken } from '@consortio/api/platform/auth';
import { hashToken, newToken } from './one-time-token';

interface RefreshRow {
  id: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export interface IssuedSession {
  session: SessionView;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/**
 * Short-lived access tokens and rotating refresh tokens. Each sign-in starts a family; each
 * refresh spends its token and issues the next. Presenting a spent token means it was copied:
 * the whole family is revoked, so the thief and the owner are both signed out.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  async start(user: MeView): Promise<IssuedSession> {
    return this.dataSource.transaction((manager) => this.issue(manager, user, randomUUID()));
  }

  /** Spends a refresh token and issues the next one of its family. */
  async refresh(refreshToken: string, loadUser: (userId: string) => Promise<MeView>): Promise<IssuedSession> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<RefreshRow[]>(
        'SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
        [hashToken(refreshToken)],
      );
      if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return null;
      if (row.used_at) {
        await manager.query(
          'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
          [row.family_id],
        );
        await this.audit.record(
          manager,
          { userId: row.user_id, organisationId: null },
          {
            action: 'session.reuse-detected',
            entityType: 'session',
            entityId: row.family_id,
            organisationId: null,
            summary: { after: { revoked: true, reason: 'a spent refresh token was presented again' } },
          },
        );
        return 'reused' as const;
      }
      await manager.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [row.id]);
      return this.issue(manager, await loadUser(row.user_id), row.family_id);
    });
    if (outcome === 'reused') {
      throw new UnauthorizedException(
        'This session was ended for safety because its refresh token was used twice. Sign in again.',
      );
    }
    if (!outcome) throw new UnauthorizedException('Your session has ended: sign in again.');
    return outcome;
  }

  /** Ends the session the refresh token belongs to (sign-out). Unknown tokens are ignored. */
  async end(refreshToken: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
      [hashToken(refreshToken)],
    );
  }

  private async issue(manager: EntityManager, user: MeView, familyId: string): Promise<IssuedSession> {
    const { token: refreshToken, hash } = newToken();
    const refreshExpiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await manager.query(
      'INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)',
      [familyId, user.id, hash, refreshExpiresAt],
    );
    const access = issueAccessToken(
      { sub: user.id, sid: familyId },
      this.config.AUTH_TOKEN_SECRET,
      this.config.ACCESS_TOKEN_TTL_SECONDS,
    );
    return {
      session: { accessToken: access.token, expiresAt: access.expiresAt.toISOString(), user },
      refreshToken,
      refreshExpiresAt,
    };
  }
}
