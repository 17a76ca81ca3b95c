import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { type FieldError, NEED_CSV_COLUMNS, type NeedView, type Page } from '@consortio/shared/contracts';
import { centsFromDecimal, CsvSyntaxError, decimalFromCents, parseCsv } from '@consortio/shared/domain';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { RequestValidationException } from '@consortio/api/platform/http';
import { ConsortiumAccess } from './consortium-access';
import { ConsortiaService } from './consortia.service';
import { NeedDto, type NeedListQueryDto } from './dto/need.dto';

interface NeedRow {
  id: string;
  consortium_id: string;
  organisation_id: string;
  organisation_name: string;
  cpv_code: string;
  cpv_label: string;
  title: string;
  quantity: string;
  unit: string;
  budget_cents: string;
  desired_start: string | null;
  priority: NeedView['priority'];
  functional_requirements: string;
  personal_data: boolean;
  sustainability: boolean;
  status: NeedView['status'];
  lot_id: string | null;
  updated_at: Date;
  total?: string;
}

const SELECT = `
  SELECT n.id, n.consortium_id, n.organisation_id, o.name AS organisation_name, n.cpv_code, c.label AS cpv_label,
         n.title, n.quantity::text AS quantity, n.unit, n.budget_cents, to_char(n.desired_start, 'YYYY-MM-DD') AS desired_start,
         n.priority, n.functional_requirements, n.personal_data, n.sustainability, n.status, n.lot_id, n.updated_at
    FROM needs n
    JOIN organisations o ON o.id = n.organisation_id
    JOIN cpv_codes c ON c.code = n.cpv_code`;

/** 12.500 → 12.5, 4.000 → 4: quantities as people write them. */
const trimDecimal = (text: string): string => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);

const toView = (row: NeedRow): NeedView => ({
  id: row.id,
  consortiumId: row.consortium_id,
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  cpvCode: row.cpv_code,
  cpvLabel: row.cpv_label,
  title: row.title,
  quantity: trimDecimal(row.quantity),
  unit: row.unit,
  budget: decimalFromCents(Number(row.budget_cents)),
  desiredStart: row.desired_start,
  priority: row.priority,
  functionalRequirements: row.functional_requirements,
  personalData: row.personal_data,
  sustainability: row.sustainability,
  status: row.status,
  lotId: row.lot_id,
  updatedAt: row.updated_at.toISOString(),
});

/** The most rows one CSV import takes; larger lists are split into several files. */
export const MAX_IMPORT_ROWS = 5_000;

const CSV_FIELD: Record<string, (typeof NEED_CSV_COLUMNS)[number]> = {
  cpvCode: 'cpv_code',
  title: 'title',
  quantity: 'quantity',
  unit: 'unit',
  budget: 'budget_eur',
  desiredStart: 'desired_start',
  priority: 'priority',
  functionalRequirements: 'functional_requirements',
  personalData: 'personal_data',
  sustainability: 'sustainability',
};

/**
 * Each member's needs. Drafts are seen only by their own organisation; submitted needs by the
 * whole consortium. A member changes only its own needs; the lead places submitted needs in lots.
 */
@Injectable()
export class NeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ConsortiumAccess,
    private readonly consortia: ConsortiaService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, consortiumId: string, query: NeedListQueryDto): Promise<Page<NeedView>> {
    const caller = await this.access.require(this.dataSource.manager, principal, consortiumId, 'read');
    const params: unknown[] = [consortiumId, caller.organisationId];
    const where = [
      'n.consortium_id = $1',
      query.scope === 'mine' ? 'n.organisation_id = $2' : "(n.status = 'submitted' OR n.organisation_id = $2)",
    ];
    if (query.status) {
      params.push(query.status);
      where.push(`n.status = $${params.length}`);
    }
    if (query.lot === 'none') where.push("n.lot_id IS NULL AND n.status = 'submitted'");
    else if (query.lot) {
      params.push(query.lot);
      where.push(`n.lot_id = $${params.length}`);
    }
    const condition = where.join(' AND ');
    const rows = await this.dataSource.query<NeedRow[]>(
      `${SELECT.replace('SELECT n.id', 'SELECT count(*) OVER () AS total, n.id')} WHERE ${condition}
        ORDER BY o.name, n.cpv_code, n.created_at, n.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const total =
      rows.length > 0 || query.page === 1
        ? Number(rows[0]?.total ?? 0)
        : Number(
            (
              await this.dataSource.query<{ n: string }[]>(
                `SELECT count(*) AS n FROM needs n WHERE ${condition}`,
                params,
              )
            )[0].n,
          );
    return { items: rows.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  async create(principal: Principal, consortiumId: string, body: NeedDto): Promise<NeedView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, consortiumId, 'participate');
      this.assertEditable(caller.consortium.status);
      await this.assertCodes(manager, [body.cpvCode], () => 'cpvCode');
      const [id] = await this.insert(manager, consortiumId, caller.organisationId, principal.userId, [body], 'draft');
      await this.audit.record(manager, actorOf(principal), {
        action: 'need.created',
        entityType: 'need',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { after: { consortiumId, cpvCode: body.cpvCode, title: body.title, budget: body.budget } },
      });
      return this.one(manager, consortiumId, id);
    });
    return view;
  }

  async update(principal: Principal, consortiumId: string, id: string, body: NeedDto): Promise<NeedView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const { caller, need } = await this.own(manager, principal, consortiumId, id);
      await this.assertCodes(manager, [body.cpvCode], () => 'cpvCode');
      await manager.query(
        `UPDATE needs SET cpv_code = $2, title = $3, quantity = $4, unit = $5, budget_cents = $6, desired_start = $7,
                priority = $8, functional_requirements = $9, personal_data = $10, sustainability = $11, updated_at = now()
          WHERE id = $1`,
        [id, ...this.values(body)],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'need.updated',
        entityType: 'need',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before: { ...toView(need) }, after: { ...body } },
      });
      return this.one(manager, consortiumId, id);
    });
    if (view.status === 'submitted') this.consortia.changed(consortiumId, 'needs');
    return view;
  }

  /** Submitting shares a need with the consortium; taking it back to draft also takes it out of its lot. */
  async setStatus(
    principal: Principal,
    consortiumId: string,
    id: string,
    status: 'draft' | 'submitted',
  ): Promise<NeedView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const { caller, need } = await this.own(manager, principal, consortiumId, id);
      if (need.status === status) throw new ConflictException(`This need is already ${status}.`);
      await manager.query(
        `UPDATE needs SET status = $2, lot_id = NULL, submitted_at = CASE WHEN $2 = 'submitted' THEN now() END, updated_at = now()
          WHERE id = $1`,
        [id, status],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: status === 'submitted' ? 'need.submitted' : 'need.withdrawn',
        entityType: 'need',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before: { status: need.status }, after: { status } },
      });
      return this.one(manager, consortiumId, id);
    });
    this.consortia.changed(consortiumId, 'needs');
    return view;
  }

  async remove(principal: Principal, consortiumId: string, id: string): Promise<void> {
    const status = await this.dataSource.transaction(async (manager) => {
      const { caller, need } = await this.own(manager, principal, consortiumId, id);
      await manager.query('DELETE FROM needs WHERE id = $1', [id]);
      await this.audit.record(manager, actorOf(principal), {
        action: 'need.deleted',
        entityType: 'need',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { before: { ...toView(need) }, after: null },
      });
      return need.status;
    });
    if (status === 'submitted') this.consortia.changed(consortiumId, 'needs');
  }

  /**
   * Imports needs from CSV (columns as in NEED_CSV_COLUMNS, a header row first). Every row is
   * checked with the same rules as the form, CPV codes against the list; one bad row refuses the
   * whole file with every error by row and column, and nothing is saved.
   */
  async importCsv(
    principal: Principal,
    consortiumId: string,
    text: string,
    submit: boolean,
  ): Promise<{ imported: number }> {
    const imported = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, consortiumId, 'participate');
      this.assertEditable(caller.consortium.status);
      const { rows, errors } = readNeedRows(text);
      if (rows.length > 0) {
        await this.assertCodes(
          manager,
          rows.map((row) => row.need.cpvCode),
          (index) => `row ${rows[index].line}: cpv_code`,
          errors,
        );
      }
      if (errors.length > 0) throw new RequestValidationException(errors);
      const ids = await this.insert(
        manager,
        consortiumId,
        caller.organisationId,
        principal.userId,
        rows.map((row) => row.need),
        submit ? 'submitted' : 'draft',
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'need.imported',
        entityType: 'consortium',
        entityId: consortiumId,
        organisationId: caller.organisationId,
        summary: { after: { rows: ids.length, status: submit ? 'submitted' : 'draft' } },
      });
      return ids.length;
    });
    if (submit) this.consortia.changed(consortiumId, 'needs');
    return { imported };
  }

  private values(need: NeedDto): unknown[] {
    return [
      need.cpvCode,
      need.title.trim(),
      need.quantity,
      need.unit.trim(),
      centsFromDecimal(need.budget),
      need.desiredStart ?? null,
      need.priority,
      need.functionalRequirements?.trim() ?? '',
      need.personalData ?? false,
      need.sustainability ?? false,
    ];
  }

  /** One statement for any number of needs (a CSV import of thousands is one round trip). */
  private async insert(
    manager: EntityManager,
    consortiumId: string,
    organisationId: string,
    userId: string,
    needs: NeedDto[],
    status: 'draft' | 'submitted',
  ): Promise<string[]> {
    const columns = needs.map((need) => this.values(need));
    const column = (index: number) => columns.map((values) => values[index]);
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO needs (consortium_id, organisation_id, created_by, status, submitted_at, cpv_code, title, quantity, unit,
                          budget_cents, desired_start, priority, functional_requirements, personal_data, sustainability)
       SELECT $1, $2, $3, $4, CASE WHEN $4 = 'submitted' THEN now() END, t.cpv_code, t.title, t.quantity, t.unit,
              t.budget_cents, t.desired_start, t.priority, t.functional_requirements, t.personal_data, t.sustainability
         FROM unnest($5::text[], $6::text[], $7::numeric[], $8::text[], $9::bigint[], $10::date[], $11::text[],
                     $12::text[], $13::boolean[], $14::boolean[]) WITH ORDINALITY
              AS t(cpv_code, title, quantity, unit, budget_cents, desired_start, priority, functional_requirements,
                   personal_data, sustainability, ord)
        ORDER BY ord
       RETURNING id`,
      [consortiumId, organisationId, userId, status, ...Array.from({ length: 10 }, (_, index) => column(index))],
    );
    return rows.map((row) => row.id);
  }

  private async own(
    manager: EntityManager,
    principal: Principal,
    consortiumId: string,
    id: string,
  ): Promise<{ caller: Awaited<ReturnType<ConsortiumAccess['require']>>; need: NeedRow }> {
    const caller = await this.access.require(manager, principal, consortiumId, 'participate');
    this.assertEditable(caller.consortium.status);
    const [need] = await manager.query<NeedRow[]>(
      `${SELECT} WHERE n.id = $1 AND n.consortium_id = $2 FOR UPDATE OF n`,
      [id, consortiumId],
    );
    // Another member's draft does not exist for you; its submitted need is not yours to change.
    if (!need || (need.status === 'draft' && need.organisation_id !== caller.organisationId))
      throw new NotFoundException(`There is no need ${id} in this consortium.`);
    if (need.organisation_id !== caller.organisationId)
      throw new ForbiddenException(`This need belongs to ${need.organisation_name}; only they can change it.`);
    return { caller, need };
  }

  private async one(manager: EntityManager, consortiumId: string, id: string): Promise<NeedView> {
    const [row] = await manager.query<NeedRow[]>(`${SELECT} WHERE n.id = $1 AND n.consortium_id = $2`, [
      id,
      consortiumId,
    ]);
    return toView(row);
  }

  private assertEditable(status: string): void {
    if (status === 'tendering' || status === 'contracted' || status === 'closed')
      throw new ConflictException(
        `Needs are fixed once the consortium is ${status}; they can change while it is forming or active.`,
      );
  }

  /** Codes must be in the CPV list, check digit included; failures go to `errors` or are thrown. */
  private async assertCodes(
    manager: EntityManager,
    codes: string[],
    field: (index: number) => string,
    errors?: FieldError[],
  ): Promise<void> {
    const found = await manager.query<{ code: string }[]>('SELECT code FROM cpv_codes WHERE code = ANY($1)', [
      [...new Set(codes)],
    ]);
    const known = new Set(found.map((row) => row.code));
    const failures = codes.flatMap((code, index) =>
      known.has(code)
        ? []
        : [{ field: field(index), message: `${code} is not in the CPV list (check the digits and the check digit)` }],
    );
    if (errors) errors.push(...failures);
    else if (failures.length > 0) throw new RequestValidationException(failures);
  }
}

/** Parses and checks the rows of a needs CSV; every problem is reported with its line and column. */
export function readNeedRows(text: string): { rows: { line: number; need: NeedDto }[]; errors: FieldError[] } {
  let table;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { rows: [], errors: [{ field: `row ${error.line}`, message: error.message }] };
    throw error;
  }
  const missing = NEED_CSV_COLUMNS.filter(
    (column) => !['desired_start', 'functional_requirements', 'personal_data', 'sustainability'].includes(column),
  ).filter((column) => !table.header.includes(column));
  const unknown = table.header.filter((column) => !(NEED_CSV_COLUMNS as readonly string[]).includes(column));
  if (missing.length > 0 || unknown.length > 0)
    return {
      rows: [],
      errors: [
        ...missing.map((column) => ({ field: `header: ${column}`, message: `the column ${column} is missing` })),
        ...unknown.map((column) => ({
          field: `header: ${column}`,
          message: `${column} is not a known column (expected ${NEED_CSV_COLUMNS.join(', ')})`,
        })),
      ],
    };
  if (table.rows.length === 0)
    return { rows: [], errors: [{ field: 'file', message: 'the file has no rows below its header' }] };
  if (table.rows.length > MAX_IMPORT_ROWS)
    return {
      rows: [],
      errors: [{ field: 'file', message: `at most ${MAX_IMPORT_ROWS} rows per import; split the file` }],
    };
  const errors: FieldError[] = [];
  const rows: { line: number; need: NeedDto }[] = [];
  for (const { line, cells } of table.rows) {
    const raw: Record<string, string> = {};
    table.header.forEach((column, index) => (raw[column] = (cells[index] ?? '').trim()));
    if (cells.length !== table.header.length) {
      errors.push({
        field: `row ${line}`,
        message: `has ${cells.length} fields; the header has ${table.header.length}`,
      });
      continue;
    }
    const flag = (value: string | undefined) =>
      value === undefined || value === ''
        ? undefined
        : /^(true|yes|ja|1)$/i.test(value)
          ? true
          : /^(false|no|nein|0)$/i.test(value)
            ? false
            : value;
    const need = plainToInstance(NeedDto, {
      cpvCode: raw['cpv_code'],
      title: raw['title'],
      quantity: raw['quantity']?.replace(',', '.'),
      unit: raw['unit'],
      budget: raw['budget_eur']?.replace(',', '.'),
      desiredStart: raw['desired_start'] || undefined,
      priority: raw['priority']?.toLowerCase(),
      functionalRequirements: raw['functional_requirements'] || undefined,
      personalData: flag(raw['personal_data']),
      sustainability: flag(raw['sustainability']),
    });
    const failures = validateSync(need, { forbidUnknownValues: true });
    if (failures.length === 0) rows.push({ line, need });
    for (const failure of failures) {
      for (const message of Object.values(failure.constraints ?? {})) {
        errors.push({
          field: `row ${line}: ${CSV_FIELD[failure.property] ?? failure.property}`,
          message: message.replace(failure.property, CSV_FIELD[failure.property] ?? failure.property),
        });
      }
    }
  }
  return { rows, errors };
}
