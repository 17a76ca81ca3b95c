import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CostShareView, LotView, PooledDemandView, ThresholdPeriodView } from '@consortio/shared/contracts';
import {
  allocateCosts,
  assessThreshold,
  type AuthorityKind,
  centsFromDecimal,
  decimalFromCents,
  type ThresholdPeriod,
} from '@consortio/shared/domain';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { AgreementsService } from './agreements.service';
import { ConsortiumAccess } from './consortium-access';
import { ConsortiaService } from './consortia.service';
import type { ThresholdPeriodDto } from './dto/pooling.dto';

interface ThresholdRow {
  from_date: string;
  source: string;
  works_cents: string;
  supplies_services_sub_central_cents: string;
  supplies_services_central_cents: string;
  social_services_cents: string;
  utilities_supplies_services_cents: string;
}

const toPeriod = (row: ThresholdRow): ThresholdPeriod => ({
  from: row.from_date,
  source: row.source,
  works: Number(row.works_cents),
  suppliesServicesSubCentral: Number(row.supplies_services_sub_central_cents),
  suppliesServicesCentral: Number(row.supplies_services_central_cents),
  socialServices: Number(row.social_services_cents),
  utilitiesSuppliesServices: Number(row.utilities_supplies_services_cents),
});

/** Sums of submitted needs per lot, member and unit: everything the view needs in one pass. */
interface DemandRow {
  lot_id: string | null;
  organisation_id: string;
  unit: string;
  quantity: string;
  budget_cents: string;
  needs: number;
}

/** Adds decimal quantities exactly (three places) without floating point. */
const milli = (text: string): bigint => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
};
const fromMilli = (value: bigint): string => {
  const whole = value / 1000n;
  const fraction = (value % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
};

/**
 * Lots, the pooled demand and what it means: value per lot against the EU threshold in force on
 * a date (all lots together, with the small-lots exemption) and each member's cost share under
 * the agreement's key.
 */
@Injectable()
export class PooledDemandService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ConsortiumAccess,
    private readonly consortia: ConsortiaService,
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
  ) {}

  async pooledDemand(
    principal: Principal,
    consortiumId: string,
    on: string | undefined,
    authority: AuthorityKind = 'sub-central',
  ): Promise<PooledDemandView> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, consortiumId, 'read');
    const date = on ?? new Date().toISOString().slice(0, 10);
    const [[consortium], lots, demand, lotCodes, parties, terms, table] = await Promise.all([
      manager.query<{ contract_kind: 'supplies' | 'services' | 'works' }[]>(
        'SELECT contract_kind FROM consortia WHERE id = $1',
        [consortiumId],
      ),
      manager.query<{ id: string; number: number; title: string }[]>(
        'SELECT id, number, title FROM lots WHERE consortium_id = $1 ORDER BY number',
        [consortiumId],
      ),
      manager.query<DemandRow[]>(
        `SELECT lot_id, organisation_id, unit, sum(quantity)::text AS quantity, sum(budget_cents)::text AS budget_cents,
                count(*)::int AS needs
           FROM needs WHERE consortium_id = $1 AND status = 'submitted'
          GROUP BY lot_id, organisation_id, unit`,
        [consortiumId],
      ),
      manager.query<{ lot_id: string; codes: string[] }[]>(
        `SELECT lot_id, array_agg(DISTINCT cpv_code ORDER BY cpv_code) AS codes
           FROM needs WHERE consortium_id = $1 AND status = 'submitted' AND lot_id IS NOT NULL GROUP BY lot_id`,
        [consortiumId],
      ),
      manager.query<{ organisation_id: string; name: string; population: number | null }[]>(
        `SELECT m.organisation_id, o.name, o.population FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.consortium_id = $1 AND m.role <> 'observer' ORDER BY o.name`,
        [consortiumId],
      ),
      this.agreements.terms(manager, consortiumId),
      this.table(manager),
    ]);
    const party = new Map(parties.map((row) => [row.organisation_id, row]));
    const codes = new Map(lotCodes.map((row) => [row.lot_id, row.codes]));

    const lotViews: LotView[] = lots.map((lot) => {
      const rows = demand.filter((row) => row.lot_id === lot.id);
      const byUnit = new Map<string, bigint>();
      const byMember = new Map<string, number>();
      for (const row of rows) {
        byUnit.set(row.unit, (byUnit.get(row.unit) ?? 0n) + milli(row.quantity));
        byMember.set(row.organisation_id, (byMember.get(row.organisation_id) ?? 0) + Number(row.budget_cents));
      }
      const members = [...byMember.entries()]
        .map(([organisationId, cents]) => ({
          organisationId,
          name: party.get(organisationId)?.name ?? 'a former member',
          population: party.get(organisationId)?.population ?? 0,
          budget: decimalFromCents(cents),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return {
        id: lot.id,
        number: lot.number,
        title: lot.title,
        cpvCodes: codes.get(lot.id) ?? [],
        needCount: rows.reduce((sum, row) => sum + row.needs, 0),
        quantities: [...byUnit.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([unit, quantity]) => ({ unit, quantity: fromMilli(quantity) })),
        estimatedValue: decimalFromCents([...byMember.values()].reduce((sum, cents) => sum + cents, 0)),
        members,
        population: members.reduce((sum, member) => sum + member.population, 0),
        smallLot: false,
      };
    });
    const unassigned = demand.filter((row) => row.lot_id === null);
    const unassignedCents = unassigned.reduce((sum, row) => sum + Number(row.budget_cents), 0);
    const lotCents = lotViews.map((lot) => centsFromDecimal(lot.estimatedValue) ?? 0);
    // Needs in no lot still count towards the value; as one pseudo-lot they can never be exempt.
    const assessed = assessThreshold(
      {
        kind: consortium.contract_kind,
        authority,
        lots: unassignedCents > 0 ? [...lotCents, unassignedCents] : lotCents,
        on: date,
      },
      table,
    );
    const smallLotIds = assessed.smallLots
      .filter((index) => index < lotViews.length)
      .map((index) => lotViews[index].id);
    for (const lot of lotViews) lot.smallLot = smallLotIds.includes(lot.id);

    const { costShares, costShareNote } = this.costShares(assessed.total, terms, parties, demand);
    return {
      consortiumId,
      lots: lotViews,
      unassigned: {
        needCount: unassigned.reduce((sum, row) => sum + row.needs, 0),
        estimatedValue: decimalFromCents(unassignedCents),
      },
      total: decimalFromCents(assessed.total),
      threshold: {
        on: date,
        kind: consortium.contract_kind,
        total: decimalFromCents(assessed.total),
        threshold: decimalFromCents(assessed.threshold),
        above: assessed.above,
        publication: assessed.publication,
        articles: assessed.articles,
        source: assessed.period.source,
        smallLotIds,
      },
      costKey: terms.costKey,
      costShares,
      costShareNote,
    };
  }

  async createLot(principal: Principal, consortiumId: string, title: string): Promise<LotView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const caller = await this.lead(manager, principal, consortiumId);
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO lots (consortium_id, number, title)
         VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM lots WHERE consortium_id = $1), $2) RETURNING id`,
        [consortiumId, title.trim()],
      );
      await this.record(manager, principal, caller, 'lot.created', { lotId: id, title: title.trim() });
      return id;
    });
    this.consortia.changed(consortiumId, 'lots');
    return this.lotView(principal, consortiumId, id);
  }

  async renameLot(principal: Principal, consortiumId: string, lotId: string, title: string): Promise<LotView> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.lead(manager, principal, consortiumId);
      const [, updated] = await manager.query<[unknown[], number]>(
        'UPDATE lots SET title = $3 WHERE id = $1 AND consortium_id = $2',
        [lotId, consortiumId, title.trim()],
      );
      if (updated === 0) throw new NotFoundException(`There is no lot ${lotId} in this consortium.`);
      await this.record(manager, principal, caller, 'lot.renamed', { lotId, title: title.trim() });
    });
    this.consortia.changed(consortiumId, 'lots');
    return this.lotView(principal, consortiumId, lotId);
  }

  /** Deleting a lot puts its needs back among the needs in no lot; the other lots keep their numbers. */
  async deleteLot(principal: Principal, consortiumId: string, lotId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.lead(manager, principal, consortiumId);
      const [, deleted] = await manager.query<[unknown[], number]>(
        'DELETE FROM lots WHERE id = $1 AND consortium_id = $2',
        [lotId, consortiumId],
      );
      if (deleted === 0) throw new NotFoundException(`There is no lot ${lotId} in this consortium.`);
      await this.record(manager, principal, caller, 'lot.deleted', { lotId });
    });
    this.consortia.changed(consortiumId, 'lots');
  }

  async moveNeed(principal: Principal, consortiumId: string, needId: string, lotId: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.lead(manager, principal, consortiumId);
      if (lotId !== null) {
        const lot = await manager.query<unknown[]>('SELECT 1 FROM lots WHERE id = $1 AND consortium_id = $2', [
          lotId,
          consortiumId,
        ]);
        if (lot.length === 0)
          throw new UnprocessableEntityException(`lotId: there is no lot ${lotId} in this consortium.`);
      }
      const [need] = await manager.query<{ status: string; lot_id: string | null }[]>(
        'SELECT status, lot_id FROM needs WHERE id = $1 AND consortium_id = $2 FOR UPDATE',
        [needId, consortiumId],
      );
      if (!need || need.status !== 'submitted')
        throw new NotFoundException(`There is no submitted need ${needId} in this consortium.`);
      await manager.query('UPDATE needs SET lot_id = $2 WHERE id = $1', [needId, lotId]);
      await this.record(manager, principal, caller, 'need.moved', { needId, from: need.lot_id, to: lotId });
    });
    this.consortia.changed(consortiumId, 'lots');
  }

  /**
   * Suggests lots by CPV group (the first three digits): one lot per group, named after it.
   * Without `replace`, needs already in a lot stay; new needs join the lot of their group if
   * there is one. With `replace`, every lot is rebuilt.
   */
  async suggestLots(
    principal: Principal,
    consortiumId: string,
    replace: boolean,
  ): Promise<{ lots: number; placed: number }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const caller = await this.lead(manager, principal, consortiumId);
      if (replace) await manager.query('DELETE FROM lots WHERE consortium_id = $1', [consortiumId]);
      const groups = await manager.query<{ grp: string; label: string | null }[]>(
        `SELECT DISTINCT left(n.cpv_code, 3) AS grp,
                (SELECT label FROM cpv_codes g WHERE g.digits = rpad(left(n.cpv_code, 3), 8, '0')) AS label
           FROM needs n WHERE n.consortium_id = $1 AND n.status = 'submitted' AND n.lot_id IS NULL ORDER BY grp`,
        [consortiumId],
      );
      let created = 0;
      let placed = 0;
      for (const group of groups) {
        // A lot "of a group" is one whose needs are all in that group.
        const [existing] = await manager.query<{ id: string }[]>(
          `SELECT l.id FROM lots l WHERE l.consortium_id = $1
              AND EXISTS (SELECT 1 FROM needs n WHERE n.lot_id = l.id)
              AND NOT EXISTS (SELECT 1 FROM needs n WHERE n.lot_id = l.id AND left(n.cpv_code, 3) <> $2)
            ORDER BY l.number LIMIT 1`,
          [consortiumId, group.grp],
        );
        let lotId = existing?.id;
        if (!lotId) {
          [{ id: lotId }] = await manager.query<{ id: string }[]>(
            `INSERT INTO lots (consortium_id, number, title)
             VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM lots WHERE consortium_id = $1), $2) RETURNING id`,
            [consortiumId, group.label ?? `CPV group ${group.grp}`],
          );
          created += 1;
        }
        const [, moved] = await manager.query<[unknown[], number]>(
          `UPDATE needs SET lot_id = $3 WHERE consortium_id = $1 AND status = 'submitted' AND lot_id IS NULL AND left(cpv_code, 3) = $2`,
          [consortiumId, group.grp, lotId],
        );
        placed += moved;
      }
      await this.record(manager, principal, caller, 'lot.suggested', { replace, created, placed });
      return { lots: created, placed };
    });
    this.consortia.changed(consortiumId, 'lots');
    return result;
  }

  async thresholds(): Promise<ThresholdPeriodView[]> {
    return (await this.table(this.dataSource.manager)).map((period) => ({
      from: period.from,
      source: period.source,
      works: decimalFromCents(period.works),
      suppliesServicesSubCentral: decimalFromCents(period.suppliesServicesSubCentral),
      suppliesServicesCentral: decimalFromCents(period.suppliesServicesCentral),
      socialServices: decimalFromCents(period.socialServices),
      utilitiesSuppliesServices: decimalFromCents(period.utilitiesSuppliesServices),
    }));
  }

  /** Platform administrators add the figures of a new period (or correct one that has not begun). */
  async putThresholds(principal: Principal, from: string, body: ThresholdPeriodDto): Promise<ThresholdPeriodView[]> {
    await this.dataSource.transaction(async (manager) => {
      const [existing] = await manager.query<{ started: boolean }[]>(
        'SELECT from_date <= current_date AS started FROM threshold_periods WHERE from_date = $1',
        [from],
      );
      if (existing?.started)
        throw new ConflictException(
          `The thresholds from ${from} are in force and stay as they were; add a new period for new figures.`,
        );
      const cents = (text: string) => centsFromDecimal(text);
      await manager.query(
        `INSERT INTO threshold_periods VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (from_date) DO UPDATE SET source = $2, works_cents = $3, supplies_services_sub_central_cents = $4,
           supplies_services_central_cents = $5, social_services_cents = $6, utilities_supplies_services_cents = $7, updated_at = now()`,
        [
          from,
          body.source.trim(),
          cents(body.works),
          cents(body.suppliesServicesSubCentral),
          cents(body.suppliesServicesCentral),
          cents(body.socialServices),
          cents(body.utilitiesSuppliesServices),
        ],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'thresholds.set',
        entityType: 'threshold-period',
        entityId: from,
        organisationId: null,
        summary: { after: { from, ...body } },
      });
    });
    return this.thresholds();
  }

  private costShares(
    total: number,
    terms: { costKey: PooledDemandView['costKey']; customWeights: Record<string, number> },
    parties: { organisation_id: string; name: string; population: number | null }[],
    demand: DemandRow[],
  ): { costShares: CostShareView[]; costShareNote: string | null } {
    const quantity = new Map<string, number>();
    for (const row of demand)
      quantity.set(row.organisation_id, (quantity.get(row.organisation_id) ?? 0) + Number(row.quantity));
    const basis = parties.map((row) => ({
      memberId: row.organisation_id,
      weight:
        terms.costKey === 'population'
          ? (row.population ?? 0)
          : terms.costKey === 'quantity'
            ? (quantity.get(row.organisation_id) ?? 0)
            : terms.costKey === 'custom'
              ? (terms.customWeights[row.organisation_id] ?? 0)
              : 1,
    }));
    try {
      const shares = allocateCosts(total, terms.costKey, basis);
      return {
        costShares: shares.map((share, index) => ({
          organisationId: share.memberId,
          name: parties[index].name,
          basis: terms.costKey === 'equal' ? 1 : basis[index].weight,
          amount: decimalFromCents(share.cents),
          fraction: share.fraction,
        })),
        costShareNote:
          terms.costKey === 'custom' && parties.some((row) => terms.customWeights[row.organisation_id] === undefined)
            ? 'Some participants have no custom weight yet and pay nothing until the lead sets one.'
            : null,
      };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return { costShares: [], costShareNote: `No cost shares yet: ${error.message}.` };
    }
  }

  private async lotView(principal: Principal, consortiumId: string, lotId: string): Promise<LotView> {
    const demand = await this.pooledDemand(principal, consortiumId, undefined);
    const lot = demand.lots.find((candidate) => candidate.id === lotId);
    if (!lot) throw new NotFoundException(`There is no lot ${lotId} in this consortium.`);
    return lot;
  }

  private async lead(manager: EntityManager, principal: Principal, consortiumId: string) {
    const caller = await this.access.require(manager, principal, consortiumId, 'lead', { lock: true });
    if (!['forming', 'active'].includes(caller.consortium.status))
      throw new ConflictException(
        `Lots can change while the consortium is forming or active; it is ${caller.consortium.status}.`,
      );
    return caller;
  }

  private async record(
    manager: EntityManager,
    principal: Principal,
    caller: { organisationId: string; consortium: { id: string } },
    action: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, actorOf(principal), {
      action,
      entityType: 'consortium',
      entityId: caller.consortium.id,
      organisationId: caller.organisationId,
      summary: { after },
    });
  }

  private async table(manager: EntityManager): Promise<ThresholdPeriod[]> {
    const rows = await manager.query<ThresholdRow[]>(
      `SELECT to_char(from_date, 'YYYY-MM-DD') AS from_date, source, works_cents, supplies_services_sub_central_cents,
              supplies_services_central_cents, social_services_cents, utilities_supplies_services_cents
         FROM threshold_periods ORDER BY from_date`,
    );
    return rows.map(toPeriod);
  }
}
