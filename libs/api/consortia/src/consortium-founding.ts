import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsortiumContractKind, ConsortiumDomain } from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { assertVerifiedPublicBody } from './consortium-access';

export interface ConsortiumFoundingInput {
  name: string;
  description?: string;
  domain: ConsortiumDomain;
  contractKind?: ConsortiumContractKind;
  listedPublicly?: boolean;
  interestCpvCodes?: string[];
}

/** Interest codes must be real CPV codes: a 422 naming the ones that are not. */
export async function assertCpvCodes(manager: EntityManager, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await manager.query<{ code: string }[]>('SELECT code FROM cpv_codes WHERE code = ANY($1)', [codes]);
  const known = new Set(found.map((row) => row.code));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0)
    throw new UnprocessableEntityException(
      `interestCpvCodes: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the CPV list (check the digits and the check digit).`,
    );
}

/**
 * The one way a consortium comes into being, inside the caller's transaction: the acting
 * organisation (a verified public body) as lead and only member, the agreement under the article
 * that fits its kind, and the audit event. Used by `POST /consortia` and by a municipality that
 * replicates a tender on its own (a consortium of one).
 */
@Injectable()
export class ConsortiumFounding {
  constructor(private readonly audit: AuditService) {}

  async found(manager: EntityManager, principal: Principal, input: ConsortiumFoundingInput): Promise<string> {
    const leadId = assertVerifiedPublicBody(principal);
    const codes = [...new Set(input.interestCpvCodes ?? [])];
    await assertCpvCodes(manager, codes);
    const name = input.name.trim();
    const [{ id, kind }] = await manager.query<{ id: string; kind: string }[]>(
      `INSERT INTO consortia (name, description, domain, contract_kind, listed_publicly, lead_organisation_id, interest_cpv_codes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, (SELECT kind FROM organisations WHERE id = $6) AS kind`,
      [
        name,
        input.description?.trim() ?? '',
        input.domain,
        input.contractKind ?? 'supplies',
        input.listedPublicly ?? false,
        leadId,
        codes,
        principal.userId,
      ],
    );
    await manager.query(
      `INSERT INTO consortium_members (consortium_id, organisation_id, role) VALUES ($1, $2, 'lead')`,
      [id, leadId],
    );
    // A central purchasing body buys for the others (Art. 37); otherwise the lead holds a mandate (Art. 38).
    await manager.query(
      `INSERT INTO consortium_agreements (consortium_id, legal_basis, cost_key, updated_by) VALUES ($1, $2, 'equal', $3)`,
      [
        id,
        kind === 'central-purchasing-body' ? 'art-37-central-purchasing-body' : 'art-38-occasional-joint-procurement',
        principal.userId,
      ],
    );
    await this.audit.record(manager, actorOf(principal), {
      action: 'consortium.created',
      entityType: 'consortium',
      entityId: id,
      organisationId: leadId,
      summary: { after: { name, domain: input.domain, listedPublicly: input.listedPublicly ?? false } },
    });
    return id;
  }
}
