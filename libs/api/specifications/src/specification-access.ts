import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ConsortiumRole, type DocumentAccess, type PersonRef, WRITING_ROLES } from '@consortio/shared/contracts';
import type { Principal } from '@consortio/api/platform/auth';

/** The caller as one specification sees them. */
export interface DocumentCaller {
  principal: Principal;
  specificationId: string;
  consortiumId: string;
  consortiumName: string;
  organisationId: string;
  access: DocumentAccess;
  /** Members (not observers) approve sections, through the people who act or review for them. */
  mayApprove: boolean;
  person: PersonRef;
}

interface Row {
  consortium_id: string;
  consortium_name: string;
  shared_with_observers: boolean;
  organisation_id: string | null;
  organisation_name: string | null;
  consortium_role: ConsortiumRole | null;
  display_name: string;
}

/**
 * Who may open a specification, and how. Members of the consortium (lead and members) write
 * through their administrators, procurement officers and legal reviewers, and read as viewers;
 * observers (such as a ministry) read only where the consortium shares the draft; anyone else
 * is refused (403); an id that names no specification answers 404. Checked with current data at
 * every join and every HTTP request; a socket keeps the access it joined with until it rejoins.
 */
@Injectable()
export class SpecificationAccess {
  constructor(private readonly dataSource: DataSource) {}

  async require(
    principal: Principal,
    specificationId: string,
    needed: DocumentAccess,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DocumentCaller> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(specificationId)) {
      throw new NotFoundException(`There is no specification with id ${specificationId}.`);
    }
    const organisations = principal.acting
      ? [principal.acting.organisationId]
      : principal.memberships.map((membership) => membership.organisationId);
    const rows = await manager.query<Row[]>(
      `SELECT s.consortium_id, c.name AS consortium_name, s.shared_with_observers,
              m.organisation_id, o.name AS organisation_name, m.role AS consortium_role,
              (SELECT display_name FROM users WHERE id = $3) AS display_name
         FROM specifications s
         JOIN consortia c ON c.id = s.consortium_id
         LEFT JOIN consortium_members m ON m.consortium_id = s.consortium_id AND m.organisation_id = ANY($2::uuid[])
         LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE s.id = $1`,
      [specificationId, organisations, principal.userId],
    );
    if (rows.length === 0) throw new NotFoundException(`There is no specification with id ${specificationId}.`);
    const candidates = rows
      .filter((row): row is Row & { organisation_id: string } => row.organisation_id !== null)
      .map((row) => ({ row, access: this.accessOf(principal, row) }))
      .filter(
        (candidate): candidate is { row: Row & { organisation_id: string }; access: DocumentAccess } =>
          candidate.access !== null,
      )
      .sort((a, b) => (a.access === b.access ? 0 : a.access === 'write' ? -1 : 1));
    const best = candidates[0];
    if (!best) {
      const observer = rows.some((row) => row.consortium_role === 'observer');
      if (observer) throw new ForbiddenException('The consortium does not share this draft with observers.');
      throw new ForbiddenException(`Only members of ${rows[0].consortium_name} can open this specification.`);
    }
    if (needed === 'write' && best.access !== 'write') {
      throw new ForbiddenException('You can read this specification but not change it.');
    }
    const { row } = best;
    return {
      principal,
      specificationId,
      consortiumId: row.consortium_id,
      consortiumName: row.consortium_name,
      organisationId: row.organisation_id,
      access: best.access,
      mayApprove: best.access === 'write' && row.consortium_role !== 'observer',
      person: { userId: principal.userId, name: row.display_name, organisationName: row.organisation_name },
    };
  }

  private accessOf(principal: Principal, row: Row & { organisation_id: string }): DocumentAccess | null {
    const role = principal.memberships.find((membership) => membership.organisationId === row.organisation_id)?.role;
    if (!role) return null;
    if (row.consortium_role === 'observer') return row.shared_with_observers ? 'read' : null;
    return WRITING_ROLES.includes(role) ? 'write' : 'read';
  }
}
