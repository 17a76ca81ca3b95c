import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ACTING_ROLES,
  consortiumChannel,
  type ConsortiumMemberView,
  type ConsortiumRole,
  type ConsortiumStatus,
  type ConsortiumSummary,
  type ConsortiumView,
  type Page,
} from '@consortio/shared/contracts';
import { consortiumTransitionRefusal, cpvPrefix, leaveRefusal } from '@consortio/shared/domain';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { EventsPublisher } from '@consortio/api/platform/realtime';
import { ConsortiumAccess, type ConsortiumCaller } from './consortium-access';
import { assertCpvCodes, ConsortiumFounding } from './consortium-founding';
import type { ConsortiumListQueryDto, CreateConsortiumDto, UpdateConsortiumDto } from './dto/consortium.dto';
import { queryPage } from '@consortio/api/platform/database';

interface SummaryRow {
  id: string;
  name: string;
  description: string;
  domain: ConsortiumSummary['domain'];
  status: ConsortiumStatus;
  contract_kind: ConsortiumSummary['contractKind'];
  listed_publicly: boolean;
  lead_id: string;
  lead_name: string;
  lead_kind: string;
  member_count: number;
  population: string;
  regions: string[];
  cpv_codes: string[];
  created_at: Date;
}

/** One query for every list and page of consortia: the summary with its members' figures. */
const SUMMARY = `
  SELECT c.id, c.name, c.description, c.domain, c.status, c.contract_kind, c.listed_publicly, c.created_at,
         o.id AS lead_id, o.name AS lead_name, o.kind AS lead_kind,
         agg.member_count, agg.population, agg.regions,
         ARRAY(SELECT DISTINCT code FROM (
                 SELECT unnest(c.interest_cpv_codes) AS code
                 UNION SELECT n.cpv_code FROM needs n WHERE n.consortium_id = c.id AND n.status = 'submitted') codes
               ORDER BY code) AS cpv_codes
    FROM consortia c
    JOIN organisations o ON o.id = c.lead_organisation_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS member_count,
             coalesce(sum(mo.population), 0) AS population,
             coalesce(array_agg(DISTINCT mo.nuts_code ORDER BY mo.nuts_code) FILTER (WHERE mo.nuts_code IS NOT NULL), '{}') AS regions
        FROM consortium_members m JOIN organisations mo ON mo.id = m.organisation_id
       WHERE m.consortium_id = c.id AND m.role <> 'observer') agg`;

const toSummary = (row: SummaryRow): ConsortiumSummary => ({
  id: row.id,
  name: row.name,
  description: row.description,
  domain: row.domain,
  status: row.status,
  contractKind: row.contract_kind,
  listedPublicly: row.listed_publicly,
  lead: { id: row.lead_id, name: row.lead_name, kind: row.lead_kind },
  memberCount: row.member_count,
  population: Number(row.population),
  regions: row.regions,
  cpvCodes: row.cpv_codes,
  createdAt: row.created_at.toISOString(),
});

/** Filters of the directory, as SQL conditions on `c` and `agg`; parameters are appended to `params`. */
function discoveryFilter(query: Partial<ConsortiumListQueryDto>, params: unknown[]): string[] {
  const where: string[] = [];
  if (query.cpv) {
    params.push(`${cpvPrefix(query.cpv.slice(0, 8))}%`);
    where.push(`EXISTS (SELECT 1 FROM unnest(c.interest_cpv_codes) i WHERE i LIKE $${params.length}
                 UNION ALL SELECT 1 FROM needs n WHERE n.consortium_id = c.id AND n.status = 'submitted' AND n.cpv_code LIKE $${params.length})`);
  }
  if (query.nuts) {
    params.push(`${query.nuts}%`);
    where.push(`EXISTS (SELECT 1 FROM consortium_members m JOIN organisations mo ON mo.id = m.organisation_id
                         WHERE m.consortium_id = c.id AND mo.nuts_code LIKE $${params.length})`);
  }
  if (query.minPopulation !== undefined) {
    params.push(query.minPopulation);
    where.push(`agg.population >= $${params.length}`);
  }
  if (query.maxPopulation !== undefined) {
    params.push(query.maxPopulation);
    where.push(`agg.population <= $${params.length}`);
  }
  if (query.domain) {
    params.push(query.domain);
    where.push(`c.domain = $${params.length}`);
  }
  if (query.status) {
    params.push(query.status);
    where.push(`c.status = $${params.length}`);
  }
  return where;
}

/** Consortia: creation, the public directory, settings, status and membership. */
@Injectable()
export class ConsortiaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ConsortiumAccess,
    private readonly audit: AuditService,
    private readonly events: EventsPublisher,
    private readonly founding: ConsortiumFounding,
  ) {}

  async create(principal: Principal, body: CreateConsortiumDto): Promise<ConsortiumView> {
    const id = await this.dataSource.transaction((manager) => this.founding.found(manager, principal, body));
    return this.get(principal, id);
  }

  /** The public directory: listed consortia only, whoever asks. */
  async listPublic(query: ConsortiumListQueryDto): Promise<Page<ConsortiumSummary>> {
    const params: unknown[] = [];
    const where = ['c.listed_publicly', ...discoveryFilter(query, params)];
    return this.page(where, params, query.page, query.pageSize);
  }

  /** The consortia the acting organisation takes part in or observes. */
  async listMine(principal: Principal, query: ConsortiumListQueryDto): Promise<Page<ConsortiumSummary>> {
    const organisationId = principal.acting?.organisationId;
    if (!organisationId) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const params: unknown[] = [organisationId];
    const where = [
      'EXISTS (SELECT 1 FROM consortium_members me WHERE me.consortium_id = c.id AND me.organisation_id = $1)',
      ...discoveryFilter(query, params),
    ];
    return this.page(where, params, query.page, query.pageSize);
  }

  /** A listed consortium's summary is for anyone signed in; an unlisted one only for its members. */
  async get(principal: Principal, id: string): Promise<ConsortiumView> {
    const [row] = await this.dataSource.query<(SummaryRow & { my_role: ConsortiumRole | null })[]>(
      `SELECT s.*, (SELECT role FROM consortium_members me WHERE me.consortium_id = s.id AND me.organisation_id = $2) AS my_role
         FROM (${SUMMARY} WHERE c.id = $1) s`,
      [id, principal.acting?.organisationId ?? null],
    );
    if (!row || (!row.listed_publicly && row.my_role === null && !principal.platformAdmin))
      throw new NotFoundException(`There is no consortium with id ${id}.`);
    return {
      ...toSummary(row),
      myRole: row.my_role,
      leaveBlockedReason: row.my_role === null ? null : leaveRefusal(row.status, row.my_role),
    };
  }

  async update(principal: Principal, id: string, body: UpdateConsortiumDto): Promise<ConsortiumView> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, id, 'lead', { lock: true });
      if (caller.consortium.status === 'closed') throw new ConflictException('A closed consortium cannot be changed.');
      if (body.interestCpvCodes) await assertCpvCodes(manager, body.interestCpvCodes);
      const [before] = await manager.query<Record<string, unknown>[]>(
        'SELECT name, description, domain, contract_kind, listed_publicly, interest_cpv_codes FROM consortia WHERE id = $1',
        [id],
      );
      await manager.query(
        `UPDATE consortia SET
           name = COALESCE($2, name), description = COALESCE($3, description), domain = COALESCE($4, domain),
           contract_kind = COALESCE($5, contract_kind), listed_publicly = COALESCE($6, listed_publicly),
           interest_cpv_codes = COALESCE($7, interest_cpv_codes), updated_at = now()
         WHERE id = $1`,
        [
          id,
          body.name?.trim() ?? null,
          body.description?.trim() ?? null,
          body.domain ?? null,
          body.contractKind ?? null,
          body.listedPublicly ?? null,
          body.interestCpvCodes ? [...new Set(body.interestCpvCodes)] : null,
        ],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'consortium.updated',
        entityType: 'consortium',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before, after: { ...body } },
      });
    });
    return this.get(principal, id);
  }

  async changeStatus(principal: Principal, id: string, status: ConsortiumStatus): Promise<ConsortiumView> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, id, 'lead', { lock: true });
      const [facts] = await manager.query<{ participants: number; unsigned: number }[]>(
        `SELECT count(*)::int AS participants,
                count(*) FILTER (WHERE s.organisation_id IS NULL)::int AS unsigned
           FROM consortium_members m
           JOIN consortium_agreements a ON a.consortium_id = m.consortium_id
           LEFT JOIN agreement_signatures s
             ON s.consortium_id = m.consortium_id AND s.organisation_id = m.organisation_id AND s.version = a.version
          WHERE m.consortium_id = $1 AND m.role <> 'observer'`,
        [id],
      );
      const refusal = consortiumTransitionRefusal(caller.consortium.status, status, {
        participants: facts.participants,
        agreementSigned: facts.unsigned === 0,
      });
      if (refusal) throw new ConflictException(refusal);
      await manager.query('UPDATE consortia SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
      await this.audit.record(manager, actorOf(principal), {
        action: 'consortium.status-changed',
        entityType: 'consortium',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before: { status: caller.consortium.status }, after: { status } },
      });
    });
    this.changed(id, 'members');
    return this.get(principal, id);
  }

  async members(principal: Principal, id: string, page: number, pageSize: number): Promise<Page<ConsortiumMemberView>> {
    await this.access.require(this.dataSource.manager, principal, id, 'read');
    const rows = await this.dataSource.query<
      {
        organisation_id: string;
        name: string;
        kind: string;
        nuts_code: string | null;
        population: number | null;
        role: ConsortiumRole;
        joined_at: Date;
        total: string;
      }[]
    >(
      `SELECT m.organisation_id, o.name, o.kind, o.nuts_code, o.population, m.role, m.joined_at, count(*) OVER () AS total
         FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.consortium_id = $1
        ORDER BY CASE m.role WHEN 'lead' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, o.name
        LIMIT $2 OFFSET $3`,
      [id, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((row) => ({
        organisationId: row.organisation_id,
        name: row.name,
        kind: row.kind,
        nutsCode: row.nuts_code,
        population: row.population,
        role: row.role,
        joinedAt: row.joined_at.toISOString(),
      })),
      page,
      pageSize,
      total: Number(rows[0]?.total ?? (page === 1 ? 0 : await this.count('consortium_members', id))),
    };
  }

  /** The lead changes a member's role; giving the lead to someone makes the old lead a member. */
  async changeMemberRole(
    principal: Principal,
    id: string,
    organisationId: string,
    role: ConsortiumRole,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, id, 'lead', { lock: true });
      const current = await this.memberRole(manager, id, organisationId);
      if (organisationId === caller.organisationId)
        throw new UnprocessableEntityException('Hand the lead to another member instead of changing your own role.');
      if (role === 'lead') {
        const [target] = await manager.query<{ kind: string; verification: string }[]>(
          'SELECT kind, verification FROM organisations WHERE id = $1',
          [organisationId],
        );
        if (target.verification !== 'verified' || target.kind === 'supplier')
          throw new UnprocessableEntityException('Only a verified public body can lead a consortium.');
        await manager.query(
          `UPDATE consortium_members SET role = 'member' WHERE consortium_id = $1 AND role = 'lead'`,
          [id],
        );
        await manager.query('UPDATE consortia SET lead_organisation_id = $2, updated_at = now() WHERE id = $1', [
          id,
          organisationId,
        ]);
      }
      await manager.query('UPDATE consortium_members SET role = $3 WHERE consortium_id = $1 AND organisation_id = $2', [
        id,
        organisationId,
        role,
      ]);
      await this.audit.record(manager, actorOf(principal), {
        action: role === 'lead' ? 'consortium.lead-handed-over' : 'consortium.member-role-changed',
        entityType: 'consortium',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before: { organisationId, role: current }, after: { organisationId, role } },
      });
    });
    this.changed(id, 'members');
  }

  /** The lead removes a member, or a member leaves; both follow the same rule. */
  async removeMember(principal: Principal, id: string, organisationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const leaving = principal.acting?.organisationId === organisationId;
      const caller = await this.access.require(manager, principal, id, leaving ? 'read' : 'lead', { lock: true });
      if (leaving && !ACTING_ROLES.includes(caller.organisationRole))
        throw new UnprocessableEntityException(
          'Only administrators and procurement officers act for their organisation.',
        );
      const role = await this.memberRole(manager, id, organisationId);
      const refusal = leaveRefusal(caller.consortium.status, role);
      if (refusal) throw new ConflictException(refusal);
      // Its needs leave with it; signatures and votes stay as the record of what it agreed to.
      await manager.query('DELETE FROM needs WHERE consortium_id = $1 AND organisation_id = $2', [id, organisationId]);
      await manager.query('DELETE FROM consortium_members WHERE consortium_id = $1 AND organisation_id = $2', [
        id,
        organisationId,
      ]);
      await this.audit.record(manager, actorOf(principal), {
        action: leaving ? 'consortium.left' : 'consortium.member-removed',
        entityType: 'consortium',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before: { organisationId, role }, after: null },
      });
    });
    this.changed(id, 'members');
  }

  /** Tells everyone watching the consortium that something changed, after the change committed. */
  changed(id: string, what: 'members' | 'agreement' | 'needs' | 'lots'): void {
    this.events.publish(consortiumChannel(id), 'consortium.changed', { consortiumId: id, what });
  }

  private async memberRole(manager: EntityManager, id: string, organisationId: string): Promise<ConsortiumRole> {
    const [row] = await manager.query<{ role: ConsortiumRole }[]>(
      'SELECT role FROM consortium_members WHERE consortium_id = $1 AND organisation_id = $2',
      [id, organisationId],
    );
    if (!row) throw new NotFoundException(`Organisation ${organisationId} is not a member of this consortium.`);
    return row.role;
  }

  private async page(
    where: string[],
    params: unknown[],
    page: number,
    pageSize: number,
  ): Promise<Page<ConsortiumSummary>> {
    const { rows, total } = await queryPage<SummaryRow>(
      this.dataSource.manager,
      `${SUMMARY} WHERE ${where.join(' AND ')}`,
      params,
      'created_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(toSummary), page, pageSize, total };
  }

  private async count(table: 'consortium_members', id: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table} WHERE consortium_id = $1`,
      [id],
    );
    return row.n;
  }
}

export type { ConsortiumCaller };
