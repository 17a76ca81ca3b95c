import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  OpenCallRegistrationView,
  Page,
  PublicOpenCallStatus,
  SupplierOpenCallView,
} from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import { actingFor, type Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { OpenCallAccess } from './open-call-access';
import { OpenCallEvents } from './open-call-events';
import { PUBLIC_ORDER, PUBLIC_SELECT, type SummaryRow, toSummary } from './open-call-reader';

interface RegistrationRow {
  organisation_id: string;
  organisation_name: string;
  registered_at: Date;
}

const SELECT = `
  SELECT r.organisation_id, o.name AS organisation_name, r.registered_at
    FROM open_call_registrations r JOIN organisations o ON o.id = r.organisation_id`;

const toView = (row: RegistrationRow): OpenCallRegistrationView => ({
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  registeredAt: row.registered_at.toISOString(),
});

/** Refuses a supplier that has not signed up to the call (questions and responses need it). */
export async function requireRegistered(manager: EntityManager, callId: string, organisationId: string): Promise<void> {
  const rows = await manager.query<unknown[]>(
    'SELECT 1 FROM open_call_registrations WHERE call_id = $1 AND organisation_id = $2',
    [callId, organisationId],
  );
  if (rows.length === 0)
    throw new ForbiddenException(
      `Sign your organisation up to this open call first (POST /api/v1/open-calls/${callId}/registrations).`,
    );
}

/** Suppliers sign up to a published call; the consortium sees who did, a supplier only itself. */
@Injectable()
export class OpenCallRegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpenCallAccess,
    private readonly events: OpenCallEvents,
    private readonly audit: AuditService,
  ) {}

  /**
   * The supplier's own area: the published calls its organisation signed up for, open ones first
   * by deadline (as the register orders them), with how many responses it has sent to each.
   */
  async mine(
    principal: Principal,
    filter: { status?: PublicOpenCallStatus },
    page: number,
    pageSize: number,
  ): Promise<Page<SupplierOpenCallView>> {
    const { organisationId } = actingFor(principal);
    const params: unknown[] = [organisationId];
    const status = filter.status ? ` WHERE status = $${params.push(filter.status)}` : '';
    const { rows, total } = await queryPage<SummaryRow & { registered_at: Date; responses: number }>(
      this.dataSource.manager,
      `SELECT mine.* FROM (
         SELECT p.*, r.registered_at,
                (SELECT count(*) FROM open_call_responses x
                  WHERE x.call_id = p.id AND x.organisation_id = $1)::int AS responses
           FROM (${PUBLIC_SELECT}) p
           JOIN open_call_registrations r ON r.call_id = p.id AND r.organisation_id = $1
       ) mine${status}`,
      params,
      PUBLIC_ORDER,
      page,
      pageSize,
    );
    return {
      items: rows.map((row) => ({
        ...toSummary(row),
        registeredAt: row.registered_at.toISOString(),
        responses: row.responses,
      })),
      page,
      pageSize,
      total,
    };
  }

  /** Idempotent: signing up again answers the registration there is. */
  async register(principal: Principal, callId: string): Promise<OpenCallRegistrationView> {
    const { view, call, created } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.supplierCall(manager, principal, callId, { lock: 'share' });
      const { call } = caller;
      if (call.status === 'closed')
        throw new ConflictException(
          `This open call closed at its deadline ${call.closesAt.toISOString()} (server time now ${call.serverTime.toISOString()}); sign-ups have ended.`,
        );
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO open_call_registrations (call_id, organisation_id, registered_by) VALUES ($1, $2, $3)
         ON CONFLICT (call_id, organisation_id) DO NOTHING RETURNING call_id`,
        [callId, caller.organisationId, principal.userId],
      );
      if (inserted.length > 0)
        await this.audit.record(manager, actorOf(principal), {
          action: 'open-call.registered',
          entityType: 'open-call',
          entityId: callId,
          organisationId: caller.organisationId,
          summary: { after: { organisationId: caller.organisationId } },
        });
      const [row] = await manager.query<RegistrationRow[]>(
        `${SELECT} WHERE r.call_id = $1 AND r.organisation_id = $2`,
        [callId, caller.organisationId],
      );
      return { view: toView(row), call, created: inserted.length > 0 };
    });
    if (created)
      this.events.changed({
        consortiumId: call.consortiumId,
        tenderId: call.tenderId,
        callId,
        what: 'registration',
        status: call.status,
      });
    return view;
  }

  /** The consortium's lead and members see every sign-up; a supplier sees its own (none or one). */
  async list(
    principal: Principal,
    callId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<OpenCallRegistrationView>> {
    const manager = this.dataSource.manager;
    const caller = await this.access.call(manager, principal, callId);
    const params: unknown[] = [callId];
    let where = 'r.call_id = $1';
    if (caller.role !== null) await this.access.consortiumCall(manager, principal, callId, 'confidence');
    else if (principal.acting?.kind === 'supplier')
      where += ` AND r.organisation_id = $${params.push(caller.organisationId)}`;
    else
      throw new ForbiddenException('Only the consortium and the suppliers who signed up see the sign-ups to a call.');
    const { rows, total } = await queryPage<RegistrationRow>(
      manager,
      `${SELECT} WHERE ${where}`,
      params,
      'registered_at, organisation_id',
      page,
      pageSize,
    );
    return { items: rows.map(toView), page, pageSize, total };
  }
}
