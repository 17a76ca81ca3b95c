import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConsortiumRole, type OpenCallStatus, type TenderStage, WRITING_ROLES } from '@consortio/shared/contracts';
import { actingFor, type Principal } from '@consortio/api/platform/auth';

/**
 * What the consortium does with its calls: `read` them (drafts included: lead, members and
 * observers), see what suppliers sent in `confidence` (who asked, registrations, responses: lead
 * and members only, since observers such as a ministry have no business with bids), or `write`
 * (lead and members, through administrators, procurement officers and legal reviewers).
 */
export type ConsortiumRight = 'read' | 'confidence' | 'write';

/** A call's status from the database's clock, in one place for every query. */
export const statusSql = (alias: string): string => `CASE
  WHEN ${alias}.published_at IS NULL THEN 'draft'
  WHEN ${alias}.closed_at IS NOT NULL OR ${alias}.closes_at <= now() THEN 'closed'
  WHEN ${alias}.opens_at > now() THEN 'upcoming'
  ELSE 'open' END`;

export interface CallState {
  id: string;
  tenderId: string;
  consortiumId: string;
  consortiumName: string;
  tenderStage: TenderStage;
  status: OpenCallStatus;
  opensAt: Date;
  closesAt: Date;
  serverTime: Date;
}

/** The caller as one call sees them: the organisation they act for, and its role in the consortium. */
export interface CallCaller {
  principal: Principal;
  organisationId: string;
  /** null for anyone outside the consortium (suppliers among them). */
  role: ConsortiumRole | null;
  call: CallState;
}

export interface TenderCaller {
  principal: Principal;
  organisationId: string;
  role: ConsortiumRole;
  tenderId: string;
  tenderStage: TenderStage;
  consortiumId: string;
  consortiumName: string;
}

interface CallRow {
  id: string;
  tender_id: string;
  consortium_id: string;
  consortium_name: string;
  tender_stage: TenderStage;
  status: OpenCallStatus;
  opens_at: Date;
  closes_at: Date;
  server_time: Date;
  role: ConsortiumRole | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noCall = (id: string) => new NotFoundException(`There is no open call with id ${id}.`);

/** The same rule as a tender's: lead and members change, through the people who write for them. */
function refuseRight(principal: Principal, role: ConsortiumRole, right: ConsortiumRight, name: string): void {
  if (right === 'read') return;
  if (role === 'observer')
    throw new ForbiddenException(
      right === 'write'
        ? 'Observers follow the open calls of a consortium; they do not change them.'
        : `Observers do not see what suppliers send to ${name}; the lead and members do.`,
    );
  if (right === 'write' && !(principal.acting && WRITING_ROLES.includes(principal.acting.role)))
    throw new ForbiddenException(
      `You can read the open calls of ${name} but not change them; administrators, procurement officers and legal reviewers do.`,
    );
}

/**
 * Who may reach an open call, and how, checked with current data at every request. The
 * consortium that owns the tender sees its calls, drafts included; everyone else sees only
 * published calls, and a draft answers 404 to them exactly like an id that names no call, so its
 * existence does not leak. The route policy has already checked the person's role in the
 * organisation they act for.
 */
@Injectable()
export class OpenCallAccess {
  /** The consortium side of a tender: its members and observers, for `right`. */
  async tender(
    manager: EntityManager,
    principal: Principal,
    tenderId: string,
    right: ConsortiumRight,
    options: { lock?: boolean } = {},
  ): Promise<TenderCaller> {
    const organisationId = actingFor(principal).organisationId;
    if (!UUID.test(tenderId)) throw new NotFoundException(`There is no tender with id ${tenderId}.`);
    const [row] = await manager.query<
      { consortium_id: string; consortium_name: string; stage: TenderStage; role: ConsortiumRole | null }[]
    >(
      `SELECT t.consortium_id, c.name AS consortium_name, t.stage, m.role
         FROM tenders t
         JOIN consortia c ON c.id = t.consortium_id
         LEFT JOIN consortium_members m ON m.consortium_id = t.consortium_id AND m.organisation_id = $2
        WHERE t.id = $1${options.lock ? ' FOR UPDATE OF t' : ''}`,
      [tenderId, organisationId],
    );
    if (!row) throw new NotFoundException(`There is no tender with id ${tenderId}.`);
    if (row.role === null)
      throw new ForbiddenException(`Only members of ${row.consortium_name} can open its tenders and their calls.`);
    refuseRight(principal, row.role, right, row.consortium_name);
    return {
      principal,
      organisationId,
      role: row.role,
      tenderId,
      tenderStage: row.stage,
      consortiumId: row.consortium_id,
      consortiumName: row.consortium_name,
    };
  }

  /**
   * The call and the caller's place in its consortium. A draft is 404 to anyone outside it.
   * `lock` takes the call row for update (changes), `share` keeps it from changing meanwhile
   * (a question or response against its deadline).
   */
  async call(
    manager: EntityManager,
    principal: Principal,
    callId: string,
    options: { lock?: 'update' | 'share' } = {},
  ): Promise<CallCaller> {
    const organisationId = actingFor(principal).organisationId;
    if (!UUID.test(callId)) throw noCall(callId);
    const lock = options.lock === 'update' ? ' FOR UPDATE OF oc' : options.lock === 'share' ? ' FOR SHARE OF oc' : '';
    const [row] = await manager.query<CallRow[]>(
      `SELECT oc.id, oc.tender_id, t.consortium_id, c.name AS consortium_name, t.stage AS tender_stage,
              ${statusSql('oc')} AS status, oc.opens_at, oc.closes_at, now() AS server_time, m.role
         FROM open_calls oc
         JOIN tenders t ON t.id = oc.tender_id
         JOIN consortia c ON c.id = t.consortium_id
         LEFT JOIN consortium_members m ON m.consortium_id = t.consortium_id AND m.organisation_id = $2
        WHERE oc.id = $1${lock}`,
      [callId, organisationId],
    );
    if (!row || (row.status === 'draft' && row.role === null)) throw noCall(callId);
    return {
      principal,
      organisationId,
      role: row.role,
      call: {
        id: row.id,
        tenderId: row.tender_id,
        consortiumId: row.consortium_id,
        consortiumName: row.consortium_name,
        tenderStage: row.tender_stage,
        status: row.status,
        opensAt: row.opens_at,
        closesAt: row.closes_at,
        serverTime: row.server_time,
      },
    };
  }

  /** The call for its consortium, for `right`; anyone else is refused (403; 404 for a draft, see `call`). */
  async consortiumCall(
    manager: EntityManager,
    principal: Principal,
    callId: string,
    right: ConsortiumRight,
    options: { lock?: 'update' | 'share' } = {},
  ): Promise<CallCaller & { role: ConsortiumRole }> {
    const caller = await this.call(manager, principal, callId, options);
    const role = caller.role;
    if (role === null)
      throw new ForbiddenException(
        `Only members of ${caller.call.consortiumName} manage this open call; suppliers read it on its public page.`,
      );
    refuseRight(principal, role, right, caller.call.consortiumName);
    return { ...caller, role };
  }

  /** A published call for a supplier acting for its company (the route policy checked the kind). */
  async supplierCall(
    manager: EntityManager,
    principal: Principal,
    callId: string,
    options: { lock?: 'update' | 'share' } = {},
  ): Promise<CallCaller> {
    const caller = await this.call(manager, principal, callId, options);
    if (caller.call.status === 'draft') throw noCall(callId);
    if (principal.acting?.kind !== 'supplier') throw new ForbiddenException('Only suppliers take part in open calls.');
    return caller;
  }
}

/**
 * Refuses a supplier's question or response unless the call is open by the database's clock,
 * whether or not the closing job has run yet.
 */
export function requireOpen(call: CallState, what: string): void {
  const now = call.serverTime.toISOString();
  if (call.status === 'upcoming')
    throw new ConflictException(
      `This open call opens at ${call.opensAt.toISOString()} (server time now ${now}); ${what} are accepted from then on.`,
    );
  if (call.status === 'closed')
    throw new ConflictException(
      `This open call closed at its deadline ${call.closesAt.toISOString()} (server time now ${now}); it accepts no more ${what}.`,
    );
}
