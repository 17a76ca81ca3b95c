import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ACTING_ROLES,
  type ConsortiumRole,
  type ConsortiumStatus,
  type MembershipRole,
  PUBLIC_SECTOR_KINDS,
} from '@consortio/shared/contracts';
import { actingFor, type Principal } from '@consortio/api/platform/auth';

/** The caller as one consortium sees them: the organisation they act for and its role here. */
export interface ConsortiumCaller {
  principal: Principal;
  organisationId: string;
  organisationRole: MembershipRole;
  role: ConsortiumRole | null;
  consortium: {
    id: string;
    name: string;
    status: ConsortiumStatus;
    leadOrganisationId: string;
    listedPublicly: boolean;
  };
}

/** What an action needs: see the inside, take part (needs, votes, signatures), or lead. */
export type ConsortiumRight = 'read' | 'participate' | 'lead';

interface Row {
  id: string;
  name: string;
  status: ConsortiumStatus;
  lead_organisation_id: string;
  listed_publicly: boolean;
  role: ConsortiumRole | null;
}

/**
 * The second half of access control for consortia. The route policy has already checked the
 * person's role in their own organisation; this checks that organisation's place in the
 * consortium, with current data. A consortium that is neither listed nor joined answers 404, so
 * its existence does not leak.
 */
@Injectable()
export class ConsortiumAccess {
  async require(
    manager: EntityManager,
    principal: Principal,
    consortiumId: string,
    right: ConsortiumRight,
    options: { lock?: boolean } = {},
  ): Promise<ConsortiumCaller> {
    const acting = actingFor(principal);
    const [row] = await manager.query<Row[]>(
      `SELECT c.id, c.name, c.status, c.lead_organisation_id, c.listed_publicly, m.role
         FROM consortia c
         LEFT JOIN consortium_members m ON m.consortium_id = c.id AND m.organisation_id = $2
        WHERE c.id = $1${options.lock ? ' FOR UPDATE OF c' : ''}`,
      [consortiumId, acting.organisationId],
    );
    if (!row || (row.role === null && !row.listed_publicly && !principal.platformAdmin)) {
      throw new NotFoundException(`There is no consortium with id ${consortiumId}.`);
    }
    const caller: ConsortiumCaller = {
      principal,
      organisationId: acting.organisationId,
      organisationRole: acting.role,
      role: row.role,
      consortium: {
        id: row.id,
        name: row.name,
        status: row.status,
        leadOrganisationId: row.lead_organisation_id,
        listedPublicly: row.listed_publicly,
      },
    };
    if (row.role === null) throw new ForbiddenException(`Only members of ${row.name} can do this.`);
    if (right === 'read') return caller;
    if (!ACTING_ROLES.includes(acting.role))
      throw new ForbiddenException('Only administrators and procurement officers act for their organisation.');
    if (right === 'participate' && row.role === 'observer')
      throw new ForbiddenException('Observers follow a consortium; they do not take part in it.');
    if (right === 'lead' && row.role !== 'lead')
      throw new ForbiddenException(`Only the lead of ${row.name} can do this.`);
    return caller;
  }
}

/** Only verified public bodies buy together; suppliers never join a consortium. */
export function assertVerifiedPublicBody(principal: Principal): string {
  const acting = actingFor(principal);
  if (!PUBLIC_SECTOR_KINDS.includes(acting.kind))
    throw new ForbiddenException('Only municipalities, central purchasing bodies and authorities form consortia.');
  if (acting.verification !== 'verified')
    throw new ForbiddenException('Your organisation must be verified by a platform administrator first.');
  if (!ACTING_ROLES.includes(acting.role))
    throw new ForbiddenException('Only administrators and procurement officers act for their organisation.');
  return acting.organisationId;
}
