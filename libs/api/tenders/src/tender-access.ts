import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConsortiumRole, type TenderStage, WRITING_ROLES } from '@consortio/shared/contracts';
import { actingFor, type Principal } from '@consortio/api/platform/auth';

/** What a tender is changed or read with. */
export type TenderRight = 'read' | 'write';

/** The caller as one tender sees them. */
export interface TenderCaller {
  principal: Principal;
  tenderId: string;
  consortiumId: string;
  consortiumName: string;
  organisationId: string;
  role: ConsortiumRole;
  stage: TenderStage;
  mayEdit: boolean;
}

interface Row {
  consortium_id: string;
  consortium_name: string;
  stage: TenderStage;
  role: ConsortiumRole | null;
}

/** A tender as anyone may see it once the contract notice is out, and the caller's place in its consortium. */
export interface TenderOpening {
  tenderId: string;
  consortiumId: string;
  consortiumName: string;
  stage: TenderStage;
  /** The caller's organisation's role in the consortium, or null for an outsider. */
  role: ConsortiumRole | null;
  /** Published once (at a later stage, withdrawn to amend, or closed since): public information. */
  published: boolean;
  /**
   * Published once and now withdrawn to amend the notice: the published record stays public, but
   * the tender's text is being changed until it is published again.
   */
  amending: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * SQL: whether tender `t` has been published, so that its notice is public: it is at published
 * or a later stage, or its stage history shows it entered `published` once. Published history
 * stays public (OCDS keeps every release of an ocid available): a tender withdrawn to amend its
 * specification (published -> specification, and on back from there) and one closed after
 * publication are still public. The history is probed with a scalar subquery (`LIMIT 1`, on the
 * index `tender_stage_changes (tender_id, changed_at)`) only for tenders not at a notice stage:
 * written as `EXISTS`, PostgreSQL hashes every 'published' stage change of the platform for each
 * query, so paging through all published tenders (an OCDS export) grew with the square of their
 * number.
 */
export const PUBLISHED_SQL = `(t.stage IN ('published', 'evaluation', 'awarded', 'contract-signed', 'pilot',
  'city-rollout', 'regional-scaleup')
  OR COALESCE((
    SELECT true FROM tender_stage_changes sc WHERE sc.tender_id = t.id AND sc.to_stage = 'published' LIMIT 1), false))`;

/** The stages a published tender is at while it is withdrawn to amend its notice. */
const AMENDING: readonly TenderStage[] = ['needs-assessment', 'market-consultation', 'specification', 'approval'];

/** Lead and members change tenders through the people who write for them; observers and viewers read. */
export function mayEditTenders(principal: Principal, role: ConsortiumRole | null): boolean {
  return (role === 'lead' || role === 'member') && !!principal.acting && WRITING_ROLES.includes(principal.acting.role);
}

/**
 * Who may open a tender, and how, with current data at every request. Members of the consortium
 * and its observers (such as a ministry) read; lead and members change it through their
 * administrators, procurement officers and legal reviewers; anyone else is refused (403); an id
 * that names no tender answers 404. The route policy has already checked the person's role in
 * the organisation they act for.
 */
@Injectable()
export class TenderAccess {
  async require(
    manager: EntityManager,
    principal: Principal,
    tenderId: string,
    right: TenderRight,
    options: { lock?: boolean } = {},
  ): Promise<TenderCaller> {
    const acting = actingFor(principal);
    if (!UUID.test(tenderId)) throw new NotFoundException(`There is no tender with id ${tenderId}.`);
    const [row] = await manager.query<Row[]>(
      `SELECT t.consortium_id, c.name AS consortium_name, t.stage, m.role
         FROM tenders t
         JOIN consortia c ON c.id = t.consortium_id
         LEFT JOIN consortium_members m ON m.consortium_id = t.consortium_id AND m.organisation_id = $2
        WHERE t.id = $1${options.lock ? ' FOR UPDATE OF t' : ''}`,
      [tenderId, acting.organisationId],
    );
    if (!row) throw new NotFoundException(`There is no tender with id ${tenderId}.`);
    if (row.role === null) throw new ForbiddenException(`Only members of ${row.consortium_name} can open its tenders.`);
    const mayEdit = mayEditTenders(principal, row.role);
    if (right === 'write' && !mayEdit) {
      throw new ForbiddenException(
        row.role === 'observer'
          ? 'Observers follow the tenders of a consortium; they do not change them.'
          : 'You can read this tender but not change it.',
      );
    }
    return {
      principal,
      tenderId,
      consortiumId: row.consortium_id,
      consortiumName: row.consortium_name,
      organisationId: acting.organisationId,
      role: row.role,
      stage: row.stage,
      mayEdit,
    };
  }

  /**
   * A tender with whether it is published and the caller's place in its consortium, for what
   * outsiders may do with a published tender (replicate it, follow its lineage); the caller
   * decides what an unpublished one answers. An id that names no tender answers 404.
   */
  async opening(manager: EntityManager, principal: Principal, tenderId: string): Promise<TenderOpening> {
    const acting = actingFor(principal);
    if (!UUID.test(tenderId)) throw new NotFoundException(`There is no tender with id ${tenderId}.`);
    const [row] = await manager.query<(Row & { published: boolean })[]>(
      `SELECT t.consortium_id, c.name AS consortium_name, t.stage, m.role, ${PUBLISHED_SQL} AS published
         FROM tenders t
         JOIN consortia c ON c.id = t.consortium_id
         LEFT JOIN consortium_members m ON m.consortium_id = t.consortium_id AND m.organisation_id = $2
        WHERE t.id = $1`,
      [tenderId, acting.organisationId],
    );
    if (!row) throw new NotFoundException(`There is no tender with id ${tenderId}.`);
    return {
      tenderId,
      consortiumId: row.consortium_id,
      consortiumName: row.consortium_name,
      stage: row.stage,
      role: row.role,
      published: row.published,
      amending: row.published && AMENDING.includes(row.stage),
    };
  }
}
