import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AgreementView, CostSharingKeyName, LegalBasis } from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { ConsortiumAccess } from './consortium-access';
import { ConsortiaService } from './consortia.service';
import type { AgreementTermsDto } from './dto/agreement.dto';

export const LEGAL_BASIS_ARTICLE: Record<LegalBasis, string> = {
  'art-37-central-purchasing-body':
    'Directive 2014/24/EU Art. 37 (centralised purchasing by a central purchasing body)',
  'art-38-occasional-joint-procurement':
    'Directive 2014/24/EU Art. 38 (occasional joint procurement; the lead authority acts under the members’ mandate)',
};

interface AgreementRow {
  legal_basis: LegalBasis;
  cost_key: CostSharingKeyName;
  custom_weights: Record<string, number>;
  version: number;
  updated_at: Date;
  lead_id: string;
  lead_name: string;
  lead_kind: string;
}

/**
 * The joint-procurement agreement of a consortium: its legal basis, how costs are shared, and
 * who signed which version. Any change of terms starts a new version, and only signatures of
 * the current version count, so everyone signs again what they are bound by.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ConsortiumAccess,
    private readonly consortia: ConsortiaService,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, consortiumId: string): Promise<AgreementView> {
    await this.access.require(this.dataSource.manager, principal, consortiumId, 'read');
    return this.view(this.dataSource.manager, consortiumId);
  }

  async updateTerms(principal: Principal, consortiumId: string, terms: AgreementTermsDto): Promise<AgreementView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, consortiumId, 'lead', { lock: true });
      if (!['forming', 'active'].includes(caller.consortium.status))
        throw new ConflictException(
          `The agreement can change while the consortium is forming or active; it is ${caller.consortium.status}.`,
        );
      const before = await this.row(manager, consortiumId);
      const legalBasis = terms.legalBasis ?? before.legal_basis;
      const costKey = terms.costKey ?? before.cost_key;
      const weights = terms.customWeights ?? before.custom_weights;
      if (legalBasis === 'art-37-central-purchasing-body' && before.lead_kind !== 'central-purchasing-body')
        throw new UnprocessableEntityException(
          'legalBasis: Art. 37 needs a central purchasing body as lead; hand the lead to one, or use Art. 38.',
        );
      if (costKey === 'custom') await this.assertWeights(manager, consortiumId, weights);
      const changed =
        legalBasis !== before.legal_basis ||
        costKey !== before.cost_key ||
        JSON.stringify(sorted(weights)) !== JSON.stringify(sorted(before.custom_weights));
      if (!changed) return this.view(manager, consortiumId);
      await manager.query(
        `UPDATE consortium_agreements
            SET legal_basis = $2, cost_key = $3, custom_weights = $4, version = version + 1, updated_by = $5, updated_at = now()
          WHERE consortium_id = $1`,
        [consortiumId, legalBasis, costKey, JSON.stringify(costKey === 'custom' ? weights : {}), principal.userId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'agreement.terms-changed',
        entityType: 'consortium',
        entityId: consortiumId,
        organisationId: caller.organisationId,
        summary: {
          before: { legalBasis: before.legal_basis, costKey: before.cost_key, version: before.version },
          after: { legalBasis, costKey, customWeights: weights, version: before.version + 1 },
        },
      });
      return this.view(manager, consortiumId);
    });
    this.consortia.changed(consortiumId, 'agreement');
    return view;
  }

  async sign(principal: Principal, consortiumId: string, councilDecisionRef: string): Promise<AgreementView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, consortiumId, 'participate', { lock: true });
      const { version } = await this.row(manager, consortiumId);
      const inserted = await manager.query<{ version: number }[]>(
        `INSERT INTO agreement_signatures (consortium_id, organisation_id, version, signed_by, council_decision_ref)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING version`,
        [consortiumId, caller.organisationId, version, principal.userId, councilDecisionRef.trim()],
      );
      if (inserted.length === 0)
        throw new ConflictException(`Your organisation has already signed version ${version} of this agreement.`);
      await this.audit.record(manager, actorOf(principal), {
        action: 'agreement.signed',
        entityType: 'consortium',
        entityId: consortiumId,
        organisationId: caller.organisationId,
        summary: { after: { version, councilDecisionRef: councilDecisionRef.trim() } },
      });
      return this.view(manager, consortiumId);
    });
    this.consortia.changed(consortiumId, 'agreement');
    return view;
  }

  /** The cost key and custom weights, for the pooled demand's cost shares. */
  async terms(
    manager: EntityManager,
    consortiumId: string,
  ): Promise<{ costKey: CostSharingKeyName; customWeights: Record<string, number> }> {
    const row = await this.row(manager, consortiumId);
    return { costKey: row.cost_key, customWeights: row.custom_weights };
  }

  private async view(manager: EntityManager, consortiumId: string): Promise<AgreementView> {
    const row = await this.row(manager, consortiumId);
    const parties = await manager.query<
      {
        organisation_id: string;
        name: string;
        signed_by: string | null;
        signed_at: Date | null;
        council_decision_ref: string | null;
      }[]
    >(
      `SELECT m.organisation_id, o.name, u.display_name AS signed_by, s.signed_at, s.council_decision_ref
         FROM consortium_members m
         JOIN organisations o ON o.id = m.organisation_id
         LEFT JOIN agreement_signatures s
           ON s.consortium_id = m.consortium_id AND s.organisation_id = m.organisation_id AND s.version = $2
         LEFT JOIN users u ON u.id = s.signed_by
        WHERE m.consortium_id = $1 AND m.role <> 'observer'
        ORDER BY s.signed_at NULLS LAST, o.name`,
      [consortiumId, row.version],
    );
    const signatures = parties
      .filter((party) => party.signed_at !== null)
      .map((party) => ({
        organisationId: party.organisation_id,
        organisationName: party.name,
        signedBy: party.signed_by ?? 'a former user',
        signedAt: (party.signed_at as Date).toISOString(),
        councilDecisionRef: party.council_decision_ref ?? '',
      }));
    const awaiting = parties
      .filter((party) => party.signed_at === null)
      .map((party) => ({ organisationId: party.organisation_id, name: party.name }));
    return {
      consortiumId,
      legalBasis: row.legal_basis,
      article: LEGAL_BASIS_ARTICLE[row.legal_basis],
      mandateHolder: { id: row.lead_id, name: row.lead_name },
      costKey: row.cost_key,
      customWeights: row.custom_weights,
      version: row.version,
      updatedAt: row.updated_at.toISOString(),
      signatures,
      awaiting,
      fullySigned: awaiting.length === 0 && signatures.length > 0,
    };
  }

  private async row(manager: EntityManager, consortiumId: string): Promise<AgreementRow> {
    const [row] = await manager.query<AgreementRow[]>(
      `SELECT a.legal_basis, a.cost_key, a.custom_weights, a.version, a.updated_at,
              o.id AS lead_id, o.name AS lead_name, o.kind AS lead_kind
         FROM consortium_agreements a
         JOIN consortia c ON c.id = a.consortium_id
         JOIN organisations o ON o.id = c.lead_organisation_id
        WHERE a.consortium_id = $1`,
      [consortiumId],
    );
    return row;
  }

  private async assertWeights(
    manager: EntityManager,
    consortiumId: string,
    weights: Record<string, number>,
  ): Promise<void> {
    const parties = await manager.query<{ organisation_id: string; name: string }[]>(
      `SELECT m.organisation_id, o.name FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.consortium_id = $1 AND m.role <> 'observer'`,
      [consortiumId],
    );
    const ids = new Set(parties.map((party) => party.organisation_id));
    const strangers = Object.keys(weights).filter((id) => !ids.has(id));
    if (strangers.length > 0)
      throw new UnprocessableEntityException(
        `customWeights: ${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not a participating organisation.`,
      );
    const missing = parties.filter((party) => weights[party.organisation_id] === undefined);
    if (missing.length > 0)
      throw new UnprocessableEntityException(
        `customWeights: give a weight for every participant; missing ${missing.map((party) => party.name).join(', ')}.`,
      );
    const bad = Object.entries(weights).filter(
      ([, weight]) => typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0,
    );
    if (bad.length > 0)
      throw new UnprocessableEntityException('customWeights: every weight must be a number of zero or more.');
    if (Object.values(weights).every((weight) => weight === 0))
      throw new UnprocessableEntityException('customWeights: at least one weight must be above zero.');
  }
}

function sorted(weights: Record<string, number>): [string, number][] {
  return Object.entries(weights).sort(([a], [b]) => a.localeCompare(b));
}
