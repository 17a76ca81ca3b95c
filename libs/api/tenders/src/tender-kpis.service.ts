import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KpiValueView, TenderKpiInput, TenderKpiUpdateInput, TenderKpiView } from '@consortio/shared/contracts';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { fieldError } from './field-error';
import { kpiPeriod, periodExample } from './kpi-period';
import { type TenderCaller, TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { toPerson } from './tender-reader';
import { assertTracked } from './scale-up';
import { auditTenderChange } from './tender-audit';

const MAX_KPIS = 50;

interface KpiRow {
  id: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  created_at: Date;
  updated_at: Date;
}

interface ValueRow {
  kpi_id: string;
  period: string;
  value: string;
  organisation_id: string;
  organisation_name: string;
  entered_at: Date;
  entered_by: string | null;
  entered_by_name: string | null;
}

const KPI_COLUMNS = 'id, name, unit, baseline::text AS baseline, target::text AS target, created_at, updated_at';

const VALUE_SELECT = `
  SELECT v.kpi_id, v.period, v.value::text AS value, v.organisation_id, o.name AS organisation_name, v.entered_at,
         v.entered_by, u.display_name AS entered_by_name
    FROM tender_kpi_values v
    JOIN organisations o ON o.id = v.organisation_id
    LEFT JOIN users u ON u.id = v.entered_by`;

const toValue = (row: ValueRow): KpiValueView => ({
  period: row.period,
  value: Number(row.value),
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  enteredAt: row.entered_at.toISOString(),
  enteredBy: toPerson(row.entered_by, row.entered_by_name, row.organisation_name),
});

const toKpi = (row: KpiRow, values: ValueRow[]): TenderKpiView => ({
  id: row.id,
  name: row.name,
  unit: row.unit,
  baseline: Number(row.baseline),
  target: Number(row.target),
  values: values.filter((value) => value.kpi_id === row.id).map(toValue),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/**
 * The KPIs of a contracted solution, each with a baseline and a target, and the figures each
 * participant reports for months or quarters (one granularity per KPI, so a series compares).
 * They are defined and reported once the contract is signed, and stay as they are once closed.
 */
@Injectable()
export class TenderKpisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, tenderId: string): Promise<TenderKpiView[]> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, tenderId, 'read');
    return this.read(manager, tenderId);
  }

  async create(principal: Principal, tenderId: string, input: TenderKpiInput): Promise<TenderKpiView> {
    const { caller, id } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.tracking(manager, principal, tenderId);
      await this.assertNameFree(manager, tenderId, input.name.trim(), null);
      const [{ count }] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tender_kpis WHERE tender_id = $1',
        [tenderId],
      );
      if (count >= MAX_KPIS) throw new ConflictException(`A tender tracks at most ${MAX_KPIS} KPIs.`);
      const kpi = { name: input.name.trim(), unit: input.unit.trim(), baseline: input.baseline, target: input.target };
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO tender_kpis (tender_id, name, unit, baseline, target, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [tenderId, kpi.name, kpi.unit, kpi.baseline, kpi.target, principal.userId],
      );
      await auditTenderChange(this.audit, manager, caller, 'tender.kpi-created', { after: { kpiId: id, ...kpi } });
      return { caller, id };
    });
    this.events.changed(caller.consortiumId, tenderId, 'scale-up', caller.stage);
    return this.one(tenderId, id);
  }

  async update(
    principal: Principal,
    tenderId: string,
    kpiId: string,
    input: TenderKpiUpdateInput,
  ): Promise<TenderKpiView> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.tracking(manager, principal, tenderId);
      await this.kpi(manager, tenderId, kpiId);
      const after: Record<string, unknown> = {};
      if (input.name !== undefined) {
        await this.assertNameFree(manager, tenderId, input.name.trim(), kpiId);
        after['name'] = input.name.trim();
      }
      if (input.unit !== undefined) after['unit'] = input.unit.trim();
      if (input.baseline !== undefined) after['baseline'] = input.baseline;
      if (input.target !== undefined) after['target'] = input.target;
      if (Object.keys(after).length === 0) return null;
      await manager.query(
        `UPDATE tender_kpis SET name = COALESCE($2, name), unit = COALESCE($3, unit),
                baseline = COALESCE($4::numeric, baseline), target = COALESCE($5::numeric, target), updated_at = now()
          WHERE id = $1`,
        [kpiId, after['name'] ?? null, after['unit'] ?? null, after['baseline'] ?? null, after['target'] ?? null],
      );
      await auditTenderChange(this.audit, manager, caller, 'tender.kpi-updated', { after: { kpiId, ...after } });
      return caller;
    });
    if (caller) this.events.changed(caller.consortiumId, tenderId, 'scale-up', caller.stage);
    return this.one(tenderId, kpiId);
  }

  /** The acting organisation's figure for one period; entering it again replaces it. */
  async putValue(
    principal: Principal,
    tenderId: string,
    kpiId: string,
    period: string,
    value: number,
  ): Promise<KpiValueView> {
    const { caller, row } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.tracking(manager, principal, tenderId);
      const kpi = await this.kpi(manager, tenderId, kpiId);
      const parsed = kpiPeriod(period);
      if (!parsed) throw fieldError('period', 'period must be a month such as 2027-03 or a quarter such as 2027-Q1');
      const [{ ahead }] = await manager.query<{ ahead: boolean }[]>('SELECT $1::date > current_date AS ahead', [
        parsed.start,
      ]);
      if (ahead) throw fieldError('period', `${period} has not begun; enter figures for periods under way or past`);
      const [other] = await manager.query<{ period: string }[]>(
        'SELECT period FROM tender_kpi_values WHERE kpi_id = $1 LIMIT 1',
        [kpiId],
      );
      const kind = other ? kpiPeriod(other.period)?.kind : undefined;
      if (kind && kind !== parsed.kind)
        throw fieldError(
          'period',
          `"${kpi.name}" is reported ${periodExample(kind)}; keep to that so the series compares`,
        );
      await manager.query(
        `INSERT INTO tender_kpi_values (kpi_id, period, period_start, organisation_id, value, entered_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (kpi_id, period, organisation_id) DO UPDATE SET value = EXCLUDED.value,
           entered_by = EXCLUDED.entered_by, entered_at = now()`,
        [kpiId, period, parsed.start, caller.organisationId, value, principal.userId],
      );
      const [row] = await manager.query<ValueRow[]>(
        `${VALUE_SELECT} WHERE v.kpi_id = $1 AND v.period = $2 AND v.organisation_id = $3`,
        [kpiId, period, caller.organisationId],
      );
      await auditTenderChange(this.audit, manager, caller, 'tender.kpi-value-entered', {
        after: { kpiId, period, value },
      });
      return { caller, row };
    });
    this.events.changed(caller.consortiumId, tenderId, 'scale-up', caller.stage);
    return toValue(row);
  }

  private async read(manager: EntityManager, tenderId: string, kpiId?: string): Promise<TenderKpiView[]> {
    const kpis = await manager.query<KpiRow[]>(
      `SELECT ${KPI_COLUMNS} FROM tender_kpis WHERE tender_id = $1${kpiId ? ' AND id = $2' : ''}
        ORDER BY created_at, id`,
      kpiId ? [tenderId, kpiId] : [tenderId],
    );
    const values = await manager.query<ValueRow[]>(
      `${VALUE_SELECT} WHERE v.kpi_id = ANY($1::uuid[]) ORDER BY v.period_start, o.name, v.organisation_id`,
      [kpis.map((kpi) => kpi.id)],
    );
    return kpis.map((kpi) => toKpi(kpi, values));
  }

  private async one(tenderId: string, kpiId: string): Promise<TenderKpiView> {
    const [kpi] = await this.read(this.dataSource.manager, tenderId, kpiId);
    return kpi;
  }

  private async kpi(manager: EntityManager, tenderId: string, kpiId: string): Promise<KpiRow> {
    const [row] = await manager.query<KpiRow[]>(
      `SELECT ${KPI_COLUMNS} FROM tender_kpis WHERE id = $1 AND tender_id = $2`,
      [kpiId, tenderId],
    );
    if (!row) throw new NotFoundException(`There is no KPI ${kpiId} in this tender.`);
    return row;
  }

  private async assertNameFree(manager: EntityManager, tenderId: string, name: string, except: string | null) {
    const [taken] = await manager.query<{ id: string }[]>(
      'SELECT id FROM tender_kpis WHERE tender_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3',
      [tenderId, name, except],
    );
    if (taken) throw fieldError('name', `there is already a KPI named "${name}" in this tender`);
  }

  private async tracking(manager: EntityManager, principal: Principal, tenderId: string): Promise<TenderCaller> {
    const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
    assertTracked(caller.stage);
    return caller;
  }
}
