import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ConsortiumDomain,
  ConsortiumRole,
  ConsortiumStatus,
  MonitoringAlertKind,
  MonitoringAlertView,
  MonitoringConsortiumDetail,
  MonitoringConsortiumPage,
  MonitoringDashboard,
  MonitoringFilters,
  MonitoringTable,
  MonitoringTenderDetail,
  MonitoringTenderPage,
  Page,
  SiteScaleStage,
  TenderStage,
} from '@consortio/shared/contracts';
import { csvRecord } from '@consortio/shared/domain';
import type { Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { PUBLISHED_SQL } from '@consortio/api/tenders';
import { MonitoringConfig } from './monitoring.config';
import type { AppliedFilters } from './monitoring-filters';
import { euros, MonitoringReader, TENDER_ROW_COLUMNS, tenderRow, type TenderRowData } from './monitoring-reader';
import { applyFilters, consortiumInRegionSql, type ObserverScope, observerScope } from './monitoring-scope';
import {
  ALERT_TABLE_COLUMNS,
  alertCells,
  CONSORTIUM_DETAIL_COLUMNS,
  consortiumCells,
  consortiumDetailRows,
  type ConsortiumDetailTable,
  csvHead,
  dashboardTableRows,
  deadlineCells,
  isDashboardTable,
  kpiCells,
  MONITORING_TABLE_COLUMNS,
  TENDER_DETAIL_COLUMNS,
  tenderCells,
  tenderDetailRows,
  type TenderDetailTable,
} from './monitoring-tables';
import { NOTE_COLUMNS, type NoteRow, noteView } from './observer-note-view';

/** Rows read per query while a table is streamed as CSV. */
const CSV_PAGE = 500;
/** Most alerts and notes a drill-down shows (the alert list pages through all). */
const DETAIL_LIMIT = 100;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The English name of a country as NUTS codes it (EL for Greece). */
function countryName(code: string): string {
  try {
    return regionNames.of(code === 'EL' ? 'GR' : code) ?? code;
  } catch {
    return code;
  }
}

interface AlertRow {
  id: string;
  kind: MonitoringAlertKind;
  tender_id: string;
  title: string;
  consortium_name: string;
  milestone_name: string | null;
  planned_on: string | null;
  days: number | null;
  raised_at: Date;
  cleared_at: Date | null;
}

const ALERT_COLUMNS = `a.id, a.kind, a.tender_id, t.title, c.name AS consortium_name, a.milestone_name,
  to_char(a.planned_on, 'YYYY-MM-DD') AS planned_on, a.days, a.raised_at, a.cleared_at`;

const alertView = (row: AlertRow): MonitoringAlertView => ({
  id: row.id,
  kind: row.kind,
  tenderId: row.tender_id,
  tenderTitle: row.title,
  consortiumName: row.consortium_name,
  milestone:
    row.milestone_name !== null && row.planned_on !== null
      ? { name: row.milestone_name, plannedOn: row.planned_on }
      : null,
  days: row.days,
  raisedAt: row.raised_at.toISOString(),
  clearedAt: row.cleared_at?.toISOString() ?? null,
});

type Member = MonitoringTenderDetail['members'][number];

/**
 * What an observer sees: the dashboard, drill-down lists and CSV tables from the read models
 * (as of their last refresh), and single tenders and consortia read live. Everything is limited
 * to consortia with a participant in the observer's jurisdiction; anything else answers 404,
 * exactly like an unknown id.
 */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: MonitoringReader,
    @Inject(MonitoringConfig) private readonly config: MonitoringConfig,
  ) {}

  async dashboard(principal: Principal, filters: MonitoringFilters): Promise<MonitoringDashboard> {
    const scope = observerScope(principal);
    const applied = applyFilters(scope, filters);
    return this.dashboardFor(scope, applied);
  }

  private async dashboardFor(scope: ObserverScope, applied: AppliedFilters): Promise<MonitoringDashboard> {
    const [refreshedAt, figures, jurisdictionName] = await Promise.all([
      this.reader.refreshedAt(),
      this.reader.dashboard(applied, this.config.MONITORING_STALLED_DAYS),
      this.jurisdictionName(scope.jurisdiction),
    ]);
    return {
      jurisdiction: { code: scope.jurisdiction, name: jurisdictionName },
      filters: applied,
      refreshedAt: refreshedAt.toISOString(),
      stalledAfterDays: this.config.MONITORING_STALLED_DAYS,
      ...figures,
    };
  }

  async tenders(
    principal: Principal,
    query: MonitoringFilters & { page: number; pageSize: number; stalled?: boolean },
  ): Promise<MonitoringTenderPage> {
    const applied = applyFilters(observerScope(principal), query);
    const { items, total } = await this.reader.tenders(applied, {
      stalled: query.stalled === true,
      stalledDays: this.config.MONITORING_STALLED_DAYS,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async consortia(
    principal: Principal,
    query: MonitoringFilters & { page: number; pageSize: number },
  ): Promise<MonitoringConsortiumPage> {
    const applied = applyFilters(observerScope(principal), query);
    const { items, total } = await this.reader.consortia(applied, query.page, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** A CSV table, a chunk at a time: the lists are read a page at a time, never all at once. */
  table(principal: Principal, name: MonitoringTable, filters: MonitoringFilters): AsyncIterable<string> {
    const scope = observerScope(principal);
    const applied = applyFilters(scope, filters);
    const stalledDays = this.config.MONITORING_STALLED_DAYS;
    const reader = this.reader;
    const dashboardFor = (s: ObserverScope, a: AppliedFilters) => this.dashboardFor(s, a);
    async function* rows(): AsyncGenerator<string> {
      yield csvHead(MONITORING_TABLE_COLUMNS[name]);
      if (isDashboardTable(name)) {
        yield dashboardTableRows(name, await dashboardFor(scope, applied))
          .map((cells) => csvRecord(cells))
          .join('');
        return;
      }
      if (name === 'deadlines') {
        yield (await reader.deadlines(applied, null)).map((row) => csvRecord(deadlineCells(row))).join('');
        return;
      }
      if (name === 'kpis') {
        yield (await reader.kpis(applied, null)).map((row) => csvRecord(kpiCells(row))).join('');
        return;
      }
      for (let page = 1; ; page += 1) {
        const chunk =
          name === 'consortia'
            ? (await reader.consortia(applied, page, CSV_PAGE)).items.map(consortiumCells)
            : (
                await reader.tenders(applied, { stalled: name === 'stalled', stalledDays, page, pageSize: CSV_PAGE })
              ).items.map(tenderCells);
        if (chunk.length > 0) yield chunk.map((cells) => csvRecord(cells)).join('');
        if (chunk.length < CSV_PAGE) return;
      }
    }
    return rows();
  }

  /**
   * Every alert of the jurisdiction as CSV (`open`: only those not cleared), newest first, read a
   * page at a time like the lists. The scope is checked before the first chunk, so a refusal is
   * still an error answer rather than a broken file.
   */
  alertsCsv(principal: Principal, open: boolean): AsyncIterable<string> {
    const scope = observerScope(principal);
    const page = (n: number) => this.alertPage(scope, open, n, CSV_PAGE);
    async function* rows(): AsyncGenerator<string> {
      yield csvHead(ALERT_TABLE_COLUMNS);
      for (let n = 1; ; n += 1) {
        const { items } = await page(n);
        if (items.length > 0) yield items.map((alert) => csvRecord(alertCells(alert))).join('');
        if (items.length < CSV_PAGE) return;
      }
    }
    return rows();
  }

  /** A table of a tender's drill-down as CSV chunks; the tender is read (and scoped) exactly as for the drill-down. */
  async tenderTableCsv(principal: Principal, tenderId: string, name: TenderDetailTable): Promise<string[]> {
    const tender = await this.tenderDetail(principal, tenderId);
    return [csvHead(TENDER_DETAIL_COLUMNS[name]), ...tenderDetailRows(name, tender).map((cells) => csvRecord(cells))];
  }

  /** A table of a consortium's drill-down as CSV chunks, read (and scoped) exactly as for the drill-down. */
  async consortiumTableCsv(principal: Principal, consortiumId: string, name: ConsortiumDetailTable): Promise<string[]> {
    const consortium = await this.consortiumDetail(principal, consortiumId);
    return [
      csvHead(CONSORTIUM_DETAIL_COLUMNS[name]),
      ...consortiumDetailRows(name, consortium).map((cells) => csvRecord(cells)),
    ];
  }

  async tenderDetail(principal: Principal, tenderId: string): Promise<MonitoringTenderDetail> {
    const scope = observerScope(principal);
    const manager = this.dataSource.manager;
    const [row] = await manager.query<(TenderRowData & { published: boolean })[]>(
      `SELECT ${TENDER_ROW_COLUMNS}, t.published
         FROM (SELECT t.id AS tender_id, t.title, t.consortium_id, c.name AS consortium_name, lo.name AS lead_name,
                      lo.nuts_code AS lead_nuts, c.domain, t.procedure_type, t.stage, t.stage_changed_at,
                      (t.estimated_value * 100)::bigint AS estimated_cents, t.created_at, ${PUBLISHED_SQL} AS published
                 FROM tenders t
                 JOIN consortia c ON c.id = t.consortium_id
                 JOIN organisations lo ON lo.id = c.lead_organisation_id
                WHERE t.id = $1 AND ${consortiumInRegionSql('t.consortium_id', '$2')}) t`,
      [tenderId, scope.jurisdiction],
    );
    if (!row)
      throw new NotFoundException(`There is no tender with id ${tenderId} in your jurisdiction ${scope.jurisdiction}.`);
    const members = await this.members(row.consortium_id);
    const lots = await manager.query<
      {
        number: number;
        title: string;
        cpv_codes: string[];
        value: string;
        supplier: string | null;
        awarded: string | null;
      }[]
    >(
      `SELECT l.number, l.title, l.cpv_codes, (l.value * 100)::bigint::text AS value, a.supplier_name AS supplier,
              (a.value * 100)::bigint::text AS awarded
         FROM tender_lots l LEFT JOIN tender_lot_awards a ON a.lot_id = l.id
        WHERE l.tender_id = $1 ORDER BY l.number`,
      [tenderId],
    );
    const milestones = await manager.query<
      { name: string; planned_on: string; actual_on: string | null; late: boolean }[]
    >(
      `SELECT name, to_char(planned_on, 'YYYY-MM-DD') AS planned_on, to_char(actual_on, 'YYYY-MM-DD') AS actual_on,
              coalesce(actual_on > planned_on, planned_on < current_date) AS late
         FROM tender_milestones WHERE tender_id = $1 ORDER BY planned_on, name, id`,
      [tenderId],
    );
    const stages = await manager.query<{ from_stage: TenderStage | null; to_stage: TenderStage; changed_at: Date }[]>(
      `SELECT from_stage, to_stage, changed_at FROM tender_stage_changes WHERE tender_id = $1 ORDER BY changed_at, id`,
      [tenderId],
    );
    const sites = await manager.query<{ name: string; stage: SiteScaleStage; nuts_code: string }[]>(
      `SELECT name, stage, nuts_code FROM tender_sites WHERE tender_id = $1
        ORDER BY array_position(ARRAY['pilot', 'city', 'region'], stage), created_at, id`,
      [tenderId],
    );
    const alerts = await manager.query<AlertRow[]>(
      `SELECT ${ALERT_COLUMNS} FROM monitoring_alerts a JOIN tenders t ON t.id = a.tender_id
         JOIN consortia c ON c.id = t.consortium_id
        WHERE a.tender_id = $1 ORDER BY a.cleared_at IS NULL DESC, a.raised_at DESC, a.id LIMIT ${DETAIL_LIMIT}`,
      [tenderId],
    );
    const notes = await manager.query<NoteRow[]>(
      `SELECT ${NOTE_COLUMNS} FROM observer_notes n LEFT JOIN users u ON u.id = n.author_id
         JOIN organisations o ON o.id = n.organisation_id
        WHERE n.tender_id = $1 ORDER BY n.created_at DESC, n.id LIMIT ${DETAIL_LIMIT}`,
      [tenderId],
    );
    return {
      ...tenderRow(row),
      members,
      lots: lots.map((lot) => ({
        number: lot.number,
        title: lot.title,
        cpvCodes: lot.cpv_codes,
        value: euros(lot.value),
        awarded: lot.supplier !== null ? { supplier: lot.supplier, value: euros(lot.awarded) } : null,
      })),
      milestones: milestones.map((milestone) => ({
        name: milestone.name,
        plannedOn: milestone.planned_on,
        actualOn: milestone.actual_on,
        late: milestone.late,
      })),
      stages: stages.map((change) => ({
        from: change.from_stage,
        to: change.to_stage,
        at: change.changed_at.toISOString(),
      })),
      sites: sites.map((site) => ({ name: site.name, stage: site.stage, nutsCode: site.nuts_code })),
      alerts: alerts.map(alertView),
      notes: notes.map(noteView),
      ocdsRecordUrl: row.published ? `/api/v1/ocds/tenders/${tenderId}/record` : null,
    };
  }

  async consortiumDetail(principal: Principal, consortiumId: string): Promise<MonitoringConsortiumDetail> {
    const scope = observerScope(principal);
    const manager = this.dataSource.manager;
    const [row] = await manager.query<
      {
        id: string;
        name: string;
        description: string;
        status: ConsortiumStatus;
        domain: ConsortiumDomain;
        lead_name: string;
        pooled_cents: string;
        created_at: Date;
      }[]
    >(
      `SELECT c.id, c.name, c.description, c.status, c.domain, lo.name AS lead_name, c.created_at,
              (SELECT coalesce(sum(n.budget_cents), 0)::text FROM needs n
                WHERE n.consortium_id = c.id AND n.status = 'submitted') AS pooled_cents
         FROM consortia c JOIN organisations lo ON lo.id = c.lead_organisation_id
        WHERE c.id = $1 AND ${consortiumInRegionSql('c.id', '$2')}`,
      [consortiumId, scope.jurisdiction],
    );
    if (!row) {
      throw new NotFoundException(
        `There is no consortium with id ${consortiumId} in your jurisdiction ${scope.jurisdiction}.`,
      );
    }
    const members = await this.members(consortiumId);
    const tenders = await manager.query<TenderRowData[]>(
      `SELECT ${TENDER_ROW_COLUMNS}
         FROM (SELECT tt.id AS tender_id, tt.title, tt.consortium_id, c.name AS consortium_name, lo.name AS lead_name,
                      lo.nuts_code AS lead_nuts, c.domain, tt.procedure_type, tt.stage, tt.stage_changed_at,
                      (tt.estimated_value * 100)::bigint AS estimated_cents, tt.created_at
                 FROM tenders tt
                 JOIN consortia c ON c.id = tt.consortium_id
                 JOIN organisations lo ON lo.id = c.lead_organisation_id
                WHERE tt.consortium_id = $1) t
        ORDER BY t.created_at DESC, t.tender_id`,
      [consortiumId],
    );
    return {
      id: row.id,
      name: row.name,
      domain: row.domain,
      leadOrganisation: row.lead_name,
      members: members.filter((member) => member.role !== 'observer').length,
      tenders: tenders.length,
      pooledValue: euros(row.pooled_cents),
      createdAt: row.created_at.toISOString(),
      description: row.description,
      status: row.status,
      organisations: members,
      tenderList: tenders.map(tenderRow),
    };
  }

  async alerts(
    principal: Principal,
    query: { page: number; pageSize: number; open?: boolean },
  ): Promise<Page<MonitoringAlertView>> {
    const { items, total } = await this.alertPage(
      observerScope(principal),
      query.open === true,
      query.page,
      query.pageSize,
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  private async alertPage(
    scope: ObserverScope,
    open: boolean,
    page: number,
    pageSize: number,
  ): Promise<{ items: MonitoringAlertView[]; total: number }> {
    const { rows, total } = await queryPage<AlertRow>(
      this.dataSource.manager,
      `SELECT ${ALERT_COLUMNS} FROM monitoring_alerts a JOIN tenders t ON t.id = a.tender_id
         JOIN consortia c ON c.id = t.consortium_id
        WHERE ${consortiumInRegionSql('c.id', '$1')}${open ? ' AND a.cleared_at IS NULL' : ''}`,
      [scope.jurisdiction],
      'raised_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(alertView), total };
  }

  /** Lead first, then members and observers, each by name. */
  private async members(consortiumId: string): Promise<Member[]> {
    const rows = await this.dataSource.query<
      { id: string; name: string; nuts_code: string | null; role: ConsortiumRole }[]
    >(
      `SELECT o.id, o.name, o.nuts_code, m.role FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.consortium_id = $1
        ORDER BY array_position(ARRAY['lead', 'member', 'observer'], m.role), o.name, o.id`,
      [consortiumId],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, nutsCode: row.nuts_code, role: row.role }));
  }

  private async jurisdictionName(code: string): Promise<string> {
    if (code.length === 2) return countryName(code);
    if (code.length === 5) {
      const [row] = await this.dataSource.query<{ name: string }[]>('SELECT name FROM nuts_regions WHERE code = $1', [
        code,
      ]);
      if (row) return row.name;
    }
    return code;
  }
}
