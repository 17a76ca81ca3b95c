import { ConflictException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  InvitationAccepted,
  InvitationPreview,
  InvitationView,
  MembershipRole,
  Page,
} from '@consortio/shared/contracts';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { RequestValidationException } from '@consortio/api/platform/http';
import { OutboxService } from '@consortio/api/platform/queue';
import type { AcceptInvitationDto, CreateInvitationDto } from './dto/invitation.dto';
import { hashToken } from './one-time-token';
import { hashPassword } from './passwords';

export const INVITATION_DAYS = 7;

interface InvitationRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  email: string;
  role: MembershipRole;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

const statusOf = (row: InvitationRow): InvitationView['status'] =>
  row.accepted_at
    ? 'accepted'
    : row.revoked_at
      ? 'revoked'
      : row.expires_at.getTime() <= Date.now()
        ? 'expired'
        : 'open';

const toView = (row: InvitationRow): InvitationView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: statusOf(row),
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
});

const SELECT = `SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id`;

@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Records the invitation and its e-mail job together; an earlier open invitation to the same address lapses. */
  async invite(principal: Principal, organisationId: string, request: CreateInvitationDto): Promise<InvitationView> {
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.query<unknown[]>(
        'SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND lower(u.email) = lower($2)',
        [organisationId, request.email],
      );
      if (member.length > 0) throw new ConflictException(`${request.email} is already a member of this organisation.`);
      await manager.query(
        `UPDATE invitations SET revoked_at = now()
          WHERE organisation_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL`,
        [organisationId, request.email],
      );
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO invitations (organisation_id, email, role, invited_by, locale, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) RETURNING id`,
        [organisationId, request.email.trim(), request.role, principal.userId, request.locale ?? 'en', INVITATION_DAYS],
      );
      await this.outbox.enqueue(manager, 'mail.invitation', { invitationId: id }, { jobId: `mail.invitation.${id}` });
      await this.audit.record(manager, actorOf(principal), {
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: id,
        organisationId,
        summary: { after: { email: request.email, role: request.role } },
      });
      const [row] = await manager.query<InvitationRow[]>(`${SELECT} WHERE i.id = $1`, [id]);
      return toView(row);
    });
  }

  async list(organisationId: string, page: number, pageSize: number): Promise<Page<InvitationView>> {
    const rows = await this.dataSource.query<InvitationRow[]>(
      `${SELECT} WHERE i.organisation_id = $1 ORDER BY i.created_at DESC, i.id LIMIT $2 OFFSET $3`,
      [organisationId, pageSize, (page - 1) * pageSize],
    );
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM invitations WHERE organisation_id = $1',
      [organisationId],
    );
    return { items: rows.map(toView), page, pageSize, total: Number(count) };
  }

  async revoke(principal: Principal, organisationId: string, invitationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, affected] = await manager.query<[unknown[], number]>(
        `UPDATE invitations SET revoked_at = now()
          WHERE id = $1 AND organisation_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [invitationId, organisationId],
      );
      if (affected === 0) throw new NotFoundException('There is no open invitation with this id.');
      await this.audit.record(manager, actorOf(principal), {
        action: 'invitation.revoked',
        entityType: 'invitation',
        entityId: invitationId,
        organisationId,
        summary: { after: { revoked: true } },
      });
    });
  }

  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.openByToken(token, false);
    const account = await this.dataSource.query<unknown[]>('SELECT 1 FROM users WHERE lower(email) = lower($1)', [
      row.email,
    ]);
    return {
      organisationName: row.organisation_name,
      email: row.email,
      role: row.role,
      accountExists: account.length > 0,
    };
  }

  /** Single use: the invitation is spent in the same transaction that adds the membership. */
  async accept(request: AcceptInvitationDto): Promise<InvitationAccepted> {
    const passwordHash = request.password ? await hashPassword(request.password) : null;
    return this.dataSource.transaction(async (manager) => {
      const row = await this.openByToken(request.token, true, manager.query.bind(manager));
      const [existing] = await manager.query<{ id: string }[]>('SELECT id FROM users WHERE lower(email) = lower($1)', [
        row.email,
      ]);
      let userId = existing?.id;
      if (!userId) {
        const missing = [
          ...(request.displayName
            ? []
            : [{ field: 'displayName', message: 'displayName is needed to create your account' }]),
          ...(passwordHash ? [] : [{ field: 'password', message: 'password is needed to create your account' }]),
        ];
        if (missing.length > 0) throw new RequestValidationException(missing);
        [{ id: userId }] = await manager.query<{ id: string }[]>(
          'INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id',
          [row.email, request.displayName, passwordHash],
        );
      }
      await manager.query(
        'INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) ON CONFLICT (user_id, organisation_id) DO NOTHING',
        [userId, row.organisation_id, row.role],
      );
      await manager.query('UPDATE invitations SET accepted_at = now() WHERE id = $1', [row.id]);
      await this.audit.record(
        manager,
        { userId, organisationId: row.organisation_id },
        {
          action: 'membership.joined',
          entityType: 'membership',
          entityId: userId,
          organisationId: row.organisation_id,
          summary: { after: { role: row.role, invitation: row.id, accountCreated: !existing } },
        },
      );
      return { organisationId: row.organisation_id, accountCreated: !existing };
    });
  }

  private async openByToken(
    token: string,
    lock: boolean,
    query: <T>(sql: string, params: unknown[]) => Promise<T> = (sql, params) => this.dataSource.query(sql, params),
  ): Promise<InvitationRow> {
    const [row] = await query<InvitationRow[]>(`${SELECT} WHERE i.token_hash = $1${lock ? ' FOR UPDATE OF i' : ''}`, [
      hashToken(token),
    ]);
    if (!row) throw new NotFoundException('This invitation link is not valid. Ask for a new invitation.');
    if (statusOf(row) !== 'open')
      throw new GoneException('This invitation has expired, was withdrawn or was already used. Ask for a new one.');
    return row;
  }
}
