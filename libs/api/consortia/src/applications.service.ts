import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ApplicationDirection,
  ApplicationStatus,
  ConsortiumApplicationView,
  ConsortiumStatus,
  Page,
} from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import { actingFor, type Principal } from '@consortio/api/platform/auth';
import { assertVerifiedPublicBody, ConsortiumAccess } from './consortium-access';
import { ConsortiaService } from './consortia.service';
import { queryPage } from '@consortio/api/platform/database';

interface ApplicationRow {
  id: string;
  consortium_id: string;
  consortium_name: string;
  organisation_id: string;
  organisation_name: string;
  direction: ApplicationDirection;
  status: ApplicationStatus;
  role: 'member' | 'observer';
  message: string | null;
  created_at: Date;
  decided_at: Date | null;
  consortium_status?: ConsortiumStatus;
}

const SELECT = `
  SELECT a.id, a.consortium_id, c.name AS consortium_name, a.organisation_id, o.name AS organisation_name,
         a.direction, a.status, a.role, a.message, a.created_at, a.decided_at, c.status AS consortium_status
    FROM consortium_applications a
    JOIN consortia c ON c.id = a.consortium_id
    JOIN organisations o ON o.id = a.organisation_id`;

const toView = (row: ApplicationRow): ConsortiumApplicationView => ({
  id: row.id,
  consortiumId: row.consortium_id,
  consortiumName: row.consortium_name,
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  direction: row.direction,
  status: row.status,
  role: row.role,
  message: row.message,
  createdAt: row.created_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});

const OPEN_FOR_JOINING: readonly ConsortiumStatus[] = ['forming', 'active'];

/**
 * The two ways in: the lead invites an organisation, or an organisation asks to join a listed
 * consortium. The other side accepts or declines; the side that asked may withdraw.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ConsortiumAccess,
    private readonly consortia: ConsortiaService,
    private readonly audit: AuditService,
  ) {}

  async invite(
    principal: Principal,
    consortiumId: string,
    organisationId: string,
    role: 'member' | 'observer',
    message: string | undefined,
  ): Promise<ConsortiumApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, consortiumId, 'lead', { lock: true });
      this.assertOpen(caller.consortium.status);
      const [target] = await manager.query<{ kind: string; verification: string }[]>(
        'SELECT kind, verification FROM organisations WHERE id = $1',
        [organisationId],
      );
      if (!target)
        throw new UnprocessableEntityException(`organisationId: there is no organisation ${organisationId}.`);
      if (target.kind === 'supplier')
        throw new UnprocessableEntityException('organisationId: suppliers cannot join a consortium.');
      if (role === 'member' && target.verification !== 'verified')
        throw new UnprocessableEntityException(
          'organisationId: only a verified public body can be a member; invite it as an observer until it is verified.',
        );
      return this.open(
        manager,
        principal,
        consortiumId,
        organisationId,
        'invitation',
        role,
        message,
        caller.organisationId,
      );
    });
  }

  async request(
    principal: Principal,
    consortiumId: string,
    role: 'member' | 'observer',
    message: string | undefined,
  ): Promise<ConsortiumApplicationView> {
    const organisationId = assertVerifiedPublicBody(principal);
    return this.dataSource.transaction(async (manager) => {
      const [consortium] = await manager.query<{ listed_publicly: boolean; status: ConsortiumStatus }[]>(
        'SELECT listed_publicly, status FROM consortia WHERE id = $1 FOR UPDATE',
        [consortiumId],
      );
      if (!consortium || !consortium.listed_publicly)
        throw new NotFoundException(`There is no listed consortium with id ${consortiumId}.`);
      this.assertOpen(consortium.status);
      return this.open(manager, principal, consortiumId, organisationId, 'request', role, message, organisationId);
    });
  }

  async decide(
    principal: Principal,
    consortiumId: string,
    applicationId: string,
    decision: 'accept' | 'decline' | 'withdraw',
  ): Promise<ConsortiumApplicationView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<ApplicationRow[]>(
        `${SELECT} WHERE a.id = $1 AND a.consortium_id = $2 FOR UPDATE OF a`,
        [applicationId, consortiumId],
      );
      if (!row) throw new NotFoundException(`There is no application ${applicationId} in this consortium.`);
      const acting = principal.acting?.organisationId;
      const applicantSide = acting === row.organisation_id;
      // The side that did not ask answers; the side that asked may withdraw.
      const asker: 'consortium' | 'organisation' = row.direction === 'invitation' ? 'consortium' : 'organisation';
      const side: 'consortium' | 'organisation' = applicantSide ? 'organisation' : 'consortium';
      if (side === 'consortium') await this.access.require(manager, principal, consortiumId, 'lead');
      else assertVerifiedPublicBody(principal);
      if (decision === 'withdraw' ? side !== asker : side === asker)
        throw new ForbiddenException(
          decision === 'withdraw'
            ? 'Only the side that made this application can withdraw it.'
            : `This ${row.direction} is answered by ${asker === 'consortium' ? 'the organisation' : 'the lead of the consortium'}.`,
        );
      return this.settle(manager, principal, row, decision);
    });
    if (view.status === 'accepted') this.consortia.changed(consortiumId, 'members');
    return view;
  }

  /**
   * Accepts or declines inside a caller's transaction (also used when an admit-member decision
   * closes); the caller has already checked who may.
   */
  async settle(
    manager: EntityManager,
    principal: Principal | null,
    row: ApplicationRow | string,
    decision: 'accept' | 'decline' | 'withdraw',
  ): Promise<ConsortiumApplicationView> {
    const current =
      typeof row === 'string'
        ? (await manager.query<ApplicationRow[]>(`${SELECT} WHERE a.id = $1 FOR UPDATE OF a`, [row]))[0]
        : row;
    if (current.status !== 'pending') throw new ConflictException(`This application is already ${current.status}.`);
    if (decision === 'accept') {
      this.assertOpen(current.consortium_status ?? 'forming');
      await manager.query(
        `INSERT INTO consortium_members (consortium_id, organisation_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (consortium_id, organisation_id) DO NOTHING`,
        [current.consortium_id, current.organisation_id, current.role],
      );
    }
    const status: ApplicationStatus =
      decision === 'accept' ? 'accepted' : decision === 'decline' ? 'declined' : 'withdrawn';
    await manager.query(
      'UPDATE consortium_applications SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1',
      [current.id, status, principal?.userId ?? null],
    );
    await this.audit.record(manager, principal ? actorOf(principal) : { userId: null, organisationId: null }, {
      action: `consortium.application-${status}`,
      entityType: 'consortium',
      entityId: current.consortium_id,
      organisationId: current.organisation_id,
      summary: { before: { status: 'pending' }, after: { status, applicationId: current.id, role: current.role } },
    });
    return toView({ ...current, status, decided_at: new Date() });
  }

  async listForConsortium(
    principal: Principal,
    consortiumId: string,
    status: ApplicationStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<ConsortiumApplicationView>> {
    await this.access.require(this.dataSource.manager, principal, consortiumId, 'read');
    return this.page('a.consortium_id = $1', [consortiumId], status, page, pageSize);
  }

  /** Invitations to, and requests of, the acting organisation. */
  async listForOrganisation(
    principal: Principal,
    status: ApplicationStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<ConsortiumApplicationView>> {
    const { organisationId } = actingFor(principal);
    return this.page('a.organisation_id = $1', [organisationId], status, page, pageSize);
  }

  private async page(
    condition: string,
    params: unknown[],
    status: ApplicationStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<ConsortiumApplicationView>> {
    const where = status ? `${condition} AND a.status = $2` : condition;
    const all = status ? [...params, status] : params;
    const { rows, total } = await queryPage<ApplicationRow>(
      this.dataSource.manager,
      `${SELECT} WHERE ${where}`,
      all,
      "(status = 'pending') DESC, created_at DESC",
      page,
      pageSize,
    );
    return { items: rows.map(toView), page, pageSize, total };
  }

  private async open(
    manager: EntityManager,
    principal: Principal,
    consortiumId: string,
    organisationId: string,
    direction: ApplicationDirection,
    role: 'member' | 'observer',
    message: string | undefined,
    actingOrganisationId: string,
  ): Promise<ConsortiumApplicationView> {
    const member = await manager.query<unknown[]>(
      'SELECT 1 FROM consortium_members WHERE consortium_id = $1 AND organisation_id = $2',
      [consortiumId, organisationId],
    );
    if (member.length > 0) throw new ConflictException('That organisation is already in this consortium.');
    const pending = await manager.query<{ direction: ApplicationDirection }[]>(
      `SELECT direction FROM consortium_applications WHERE consortium_id = $1 AND organisation_id = $2 AND status = 'pending'`,
      [consortiumId, organisationId],
    );
    if (pending.length > 0)
      throw new ConflictException(
        pending[0].direction === 'invitation'
          ? 'That organisation already has a pending invitation: it can accept it.'
          : 'That organisation has already asked to join: the lead can accept its request.',
      );
    const [{ id }] = await manager.query<{ id: string }[]>(
      `INSERT INTO consortium_applications (consortium_id, organisation_id, direction, role, message, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [consortiumId, organisationId, direction, role, message?.trim() || null, principal.userId],
    );
    await this.audit.record(manager, actorOf(principal), {
      action: `consortium.${direction}-made`,
      entityType: 'consortium',
      entityId: consortiumId,
      organisationId: actingOrganisationId,
      summary: { after: { applicationId: id, organisationId, role } },
    });
    const [row] = await manager.query<ApplicationRow[]>(`${SELECT} WHERE a.id = $1`, [id]);
    return toView(row);
  }

  private assertOpen(status: ConsortiumStatus): void {
    if (!OPEN_FOR_JOINING.includes(status))
      throw new ConflictException(
        `New members can join while a consortium is forming or active; this one is ${status}.`,
      );
  }
}

export type { ApplicationRow };
