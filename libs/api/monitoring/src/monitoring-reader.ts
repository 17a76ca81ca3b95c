import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CONSORTIUM_DOMAINS,
  type ConsortiumDomain,
  type MonitoringConsortiumRow,
  type MonitoringDashboard,
  type MonitoringDeadlineRow,
  type MonitoringKpiRow,
  type MonitoringRegionRow,
  type MonitoringTenderRow,
  type MonitoringValueRow,
  type ProcedureType,
  TENDER_STAGES,
  type TenderStage,
} from '@consortio/shared/contracts';
import { savingsAgainstEstimates } from '@consortio/shared/domain';
import { queryPage } from '@consortio/api/platform/database';
import {
  allOf,
  type AppliedFilters,
  childCodeLength,
  consortiumConditions,
  hasTenderFilters,
  SqlParams,
  stalledCondition,
  tenderConditions,
} from './monitoring-filters';
import { timeToPublication } from './time-to-publication';

/** Deadlines and milestones this many days ahead count as upcoming. */
export const UPCOMING_DAYS = 30;
/** Rows of the dashboard's short lists (stalled, upcoming); the tables have them all. */
export const SHORT_LIST = 10;

export const DOMAIN_LABELS: Record<ConsortiumDomain, string> = {
  energy: 'Energy',
  ict: 'ICT',
  mobility: 'Mobility',
  other: 'Other',
};

/** Stages before evaluation: a tender deadline there is still ahead of the procedure. */
const BEFORE_EVALUATION = TENDER_STAGES.slice(0, TENDER_STAGES.indexOf('evaluation'));

/** Columns of `monitoring_tenders` as a `MonitoringTenderRow` (`tenderRow` finishes it). */
export const TENDER_ROW_COLUMNS = `t.tender_id AS id, t.title, t.consortium_id, t.consortium_name, t.lead_name,
  t.lead_nuts, t.domain, t.procedure_type, t.stage, t.stage_changed_at,
  floor(extract(epoch FROM now() - t.stage_changed_at) / 86400)::int AS days_in_stage,
  t.estimated_cents::text AS estimated_cents, t.created_at`;

export interface TenderRowData {
  id: string;
  title: string;
  consortium_id: string;
  consortium_name: string;
  lead_name: string;
  lead_nuts: string | null;
  domain: ConsortiumDomain;
  procedure_type: ProcedureType;
  stage: TenderStage;
  stage_changed_at: Date;
  days_in_stage: number;
  estimated_cents: string;
  created_at: Date;
}

/** Whole cents (bigint text or number) as euros. */
export const euros = (cents: string | number | null): number => Number(cents ?? 0) / 100;

export function tenderRow(row: TenderRowData): MonitoringTenderRow {
  return {
    id: row.id,
    title: row.title,
    consortiumId: row.consortium_id,
    consortiumName: row.consortium_name,
    leadOrganisation: row.lead_name,
    leadNuts: row.lead_nuts,
    domain: row.domain,
    procedure: row.procedure_type,
    stage: row.stage,
    stageChangedAt: row.stage_changed_at.toISOString(),
    daysInStage: Math.max(0, row.days_in_stage),
    estimatedValue: euros(row.estimated_cents),
    createdAt: row.created_at.toISOString(),
  };
}

interface ConsortiumRowData {
  id: string;
  name: string;
  domain: ConsortiumDomain;
  lead_name: string;
  members: number;
  tenders: number;
  pooled_cents: string;
  created_at: Date;
}

const consortiumRow = (row: ConsortiumRowData): MonitoringConsortiumRow => ({
  id: row.id,
  name: row.name,
  domain: row.domain,
  leadOrganisation: row.lead_name,
  members: row.members,
  tenders: row.tenders,
  pooledValue: euros(row.pooled_cents),
  createdAt: row.created_at.toISOString(),
});

interface TenderFigures {
  tenders: number;
  pooled_cents: string;
  published: number;
  stalled: number;
  contracted: number;
  pilot: number;
  city: number;
  region: number;
  replicated: number;
  awarded_lots: number;
  estimate_cents: string;
  awarded_cents: string;
  stages: { key: TenderStage; n: number }[] | null;
  domains: { key: ConsortiumDomain; n: number; cents: string }[] | null;
  divisions: { key: string; n: number; cents: string; label: string | null }[] | null;
  regions: { key: string; n: number; cents: string }[] | null;
  publications: { quarter: string; days: number }[] | null;
}

/**
 * Reads the monitoring read models (`monitoring_*` materialised views) for a jurisdiction's
 * filters. Every dashboard figure about tenders comes from one statement over the filtered rows
 * of `monitoring_tenders` (a few thousand at most), participation from `monitoring_municipalities`
 * and `monitoring_consortia`; no request reads needs, lots, awards or stage changes.
 */
@Injectable()
export class MonitoringReader {
  constructor(private readonly dataSource: DataSource) {}

  async dashboard(
    filters: AppliedFilters,
    stalledDays: number,
  ): Promise<Omit<MonitoringDashboard, 'jurisdiction' | 'filters' | 'refreshedAt' | 'stalledAfterDays'>> {
    // Independent statements, each on its own pooled connection: the answer takes as long as the
    // slowest, not their sum. A refresh committing between them can mix two refreshes (minutes
    // apart) in one answer; the next request is whole again.
    const [figures, participation, stalled, upcomingDeadlines, kpis] = await Promise.all([
      this.tenderFigures(filters, stalledDays),
      this.participation(filters),
      this.stalledTenders(filters, stalledDays, 1, SHORT_LIST),
      this.deadlines(filters, SHORT_LIST),
      this.kpis(filters, 20),
    ]);

    const tendersByRegion = new Map((figures.regions ?? []).map((row) => [row.key, row]));
    const codes = [...new Set([...participation.regions.keys(), ...tendersByRegion.keys()])].sort();
    const names = await this.regionNames(codes);
    const regions: MonitoringRegionRow[] = codes.map((code) => {
      const people = participation.regions.get(code);
      const tenders = tendersByRegion.get(code);
      const municipalities = people?.municipalities ?? 0;
      const participating = people?.participating ?? 0;
      return {
        code,
        name: names.get(code) ?? code,
        municipalities,
        participating,
        share: municipalities === 0 ? 0 : participating / municipalities,
        consortia: people?.consortia ?? 0,
        tenders: tenders?.n ?? 0,
        pooledValue: euros(tenders?.cents ?? 0),
      };
    });

    const domainRows = new Map((figures.domains ?? []).map((row) => [row.key, row]));
    const pooledByDomain: MonitoringValueRow[] = CONSORTIUM_DOMAINS.filter(
      (domain) => !filters.domain || domain === filters.domain,
    ).map((domain) => ({
      key: domain,
      label: DOMAIN_LABELS[domain],
      tenders: domainRows.get(domain)?.n ?? 0,
      pooledValue: euros(domainRows.get(domain)?.cents ?? 0),
    }));
    const stageRows = new Map((figures.stages ?? []).map((row) => [row.key, row.n]));
    const savings = savingsAgainstEstimates([Number(figures.estimate_cents)], [Number(figures.awarded_cents)]);

    return {
      totals: {
        municipalities: participation.municipalities,
        participatingMunicipalities: participation.participating,
        consortia: participation.consortia,
        tenders: figures.tenders,
        pooledValue: euros(figures.pooled_cents),
        publishedTenders: figures.published,
        stalledTenders: figures.stalled,
      },
      regions,
      pooledByDomain,
      pooledByCpvDivision: (figures.divisions ?? []).map((row) => ({
        key: row.key,
        label: row.label ?? `CPV division ${row.key}`,
        tenders: row.n,
        pooledValue: euros(row.cents),
      })),
      tendersByStage: TENDER_STAGES.filter((stage) => !filters.stage || stage === filters.stage).map((stage) => ({
        stage,
        tenders: stageRows.get(stage) ?? 0,
      })),
      timeToPublication: timeToPublication(figures.publications ?? []),
      stalled: stalled.items,
      upcomingDeadlines,
      funnel: {
        contracted: figures.contracted,
        pilot: figures.pilot,
        city: figures.city,
        region: figures.region,
        replicated: figures.replicated,
      },
      savings: {
        estimated: euros(savings.estimatedCents),
        awarded: euros(savings.awardedCents),
        saved: euros(savings.savedCents),
        share: savings.estimatedCents === 0 ? 0 : savings.savedCents / savings.estimatedCents,
        awardedLots: figures.awarded_lots,
      },
      kpis,
    };
  }

  /** Every figure about the filtered tenders, in one statement over `monitoring_tenders`. */
  private async tenderFigures(filters: AppliedFilters, stalledDays: number): Promise<TenderFigures> {
    const params = new SqlParams();
    const where = allOf(tenderConditions(filters, params));
    const stalled = stalledCondition(params, stalledDays);
    const region = params.add(filters.region);
    const childLength = params.add(childCodeLength(filters.region));
    const [row] = await this.dataSource.query<TenderFigures[]>(
      `WITH ft AS MATERIALIZED (SELECT * FROM monitoring_tenders t WHERE ${where})
       SELECT count(*)::int AS tenders, coalesce(sum(t.estimated_cents), 0)::text AS pooled_cents,
              count(*) FILTER (WHERE t.published)::int AS published,
              count(*) FILTER (WHERE ${stalled})::int AS stalled,
              count(*) FILTER (WHERE t.contracted)::int AS contracted,
              count(*) FILTER (WHERE t.pilot_live)::int AS pilot,
              count(*) FILTER (WHERE t.city_live)::int AS city,
              count(*) FILTER (WHERE t.region_live)::int AS region,
              count(*) FILTER (WHERE t.replicated)::int AS replicated,
              coalesce(sum(t.awarded_lots), 0)::int AS awarded_lots,
              coalesce(sum(t.awarded_estimate_cents), 0)::text AS estimate_cents,
              coalesce(sum(t.awarded_cents), 0)::text AS awarded_cents,
              (SELECT json_agg(json_build_object('key', s.stage, 'n', s.n))
                 FROM (SELECT stage, count(*) AS n FROM ft GROUP BY stage) s) AS stages,
              (SELECT json_agg(json_build_object('key', d.domain, 'n', d.n, 'cents', d.cents::text))
                 FROM (SELECT domain, count(*) AS n, sum(estimated_cents) AS cents FROM ft GROUP BY domain) d) AS domains,
              (SELECT json_agg(json_build_object('key', v.division, 'n', v.n, 'cents', v.cents::text, 'label', v.label)
                               ORDER BY v.cents DESC, v.division)
                 FROM (SELECT division, count(*) AS n, sum(ft.estimated_cents) AS cents,
                              (SELECT label FROM cpv_codes WHERE level = 'division' AND left(digits, 2) = division LIMIT 1)
                                AS label
                         FROM ft CROSS JOIN LATERAL unnest(ft.cpv_divisions) AS division
                        GROUP BY division) v) AS divisions,
              (SELECT json_agg(json_build_object('key', r.code, 'n', r.n, 'cents', r.cents::text))
                 FROM (SELECT code, count(*) AS n, sum(ft.estimated_cents) AS cents
                         FROM ft CROSS JOIN LATERAL unnest(ft.nuts_prefixes) AS code
                        WHERE length(code) = ${childLength}::int AND left(code, length(${region})) = ${region}
                        GROUP BY code) r) AS regions,
              (SELECT json_agg(json_build_object('quarter', to_char(published_at, 'YYYY-"Q"Q'),
                         'days', extract(epoch FROM published_at - consortium_created_at) / 86400.0))
                 FROM ft WHERE published_at IS NOT NULL) AS publications
         FROM ft t`,
      params.values,
    );
    return row;
  }

  /**
   * Municipalities of the region and how many take part in a consortium matching the filters,
   * and those consortia, in total and per region one level down.
   */
  private async participation(filters: AppliedFilters): Promise<{
    municipalities: number;
    participating: number;
    consortia: number;
    regions: Map<string, { municipalities: number; participating: number; consortia: number }>;
  }> {
    const params = new SqlParams();
    const matching = allOf(consortiumConditions(filters, params));
    const region = params.add(filters.region);
    const childLength = params.add(childCodeLength(filters.region));
    const [row] = await this.dataSource.query<
      {
        consortia: number;
        municipalities: { code: string; n: number; participating: number }[] | null;
        by_region: { code: string; n: number }[] | null;
      }[]
    >(
      `WITH mc AS MATERIALIZED (SELECT c.consortium_id, c.nuts_prefixes FROM monitoring_consortia c WHERE ${matching}),
            ids AS (SELECT coalesce(array_agg(consortium_id), '{}') AS ids FROM mc)
       SELECT (SELECT count(*)::int FROM mc) AS consortia,
              (SELECT json_agg(json_build_object('code', m.code, 'n', m.n, 'participating', m.participating))
                 FROM (SELECT left(mm.nuts_code, ${childLength}::int) AS code, count(*)::int AS n,
                              count(*) FILTER (WHERE mm.consortium_ids && (SELECT ids FROM ids))::int AS participating
                         FROM monitoring_municipalities mm
                        WHERE mm.nuts_prefixes @> ARRAY[${region}]::text[]
                        GROUP BY 1) m) AS municipalities,
              (SELECT json_agg(json_build_object('code', r.code, 'n', r.n))
                 FROM (SELECT code, count(*)::int AS n FROM mc CROSS JOIN LATERAL unnest(mc.nuts_prefixes) AS code
                        WHERE length(code) = ${childLength}::int AND left(code, length(${region})) = ${region}
                        GROUP BY code) r) AS by_region`,
      params.values,
    );
    const regions = new Map<string, { municipalities: number; participating: number; consortia: number }>();
    let municipalities = 0;
    let participating = 0;
    for (const entry of row.municipalities ?? []) {
      regions.set(entry.code, { municipalities: entry.n, participating: entry.participating, consortia: 0 });
      municipalities += entry.n;
      participating += entry.participating;
    }
    for (const entry of row.by_region ?? []) {
      const known = regions.get(entry.code) ?? { municipalities: 0, participating: 0, consortia: 0 };
      regions.set(entry.code, { ...known, consortia: entry.n });
    }
    return { municipalities, participating, consortia: row.consortia, regions };
  }

  /** Names of NUTS 3 regions; the platform knows no names of the levels above, which show as codes. */
  private async regionNames(codes: string[]): Promise<Map<string, string>> {
    const nuts3 = codes.filter((code) => code.length === 5);
    if (nuts3.length === 0) return new Map();
    const rows = await this.dataSource.query<{ code: string; name: string }[]>(
      'SELECT code, name FROM nuts_regions WHERE code = ANY($1::text[])',
      [nuts3],
    );
    return new Map(rows.map((row) => [row.code, row.name]));
  }

  /** Tenders matching the filters (only stalled ones with `stalled`), newest first (stalled: longest first). */
  async tenders(
    filters: AppliedFilters,
    options: { stalled: boolean; stalledDays: number; page: number; pageSize: number },
  ): Promise<{ items: MonitoringTenderRow[]; total: number }> {
    if (options.stalled) return this.stalledTenders(filters, options.stalledDays, options.page, options.pageSize);
    const params = new SqlParams();
    const where = allOf(tenderConditions(filters, params));
    const { rows, total } = await queryPage<TenderRowData>(
      this.dataSource.manager,
      `SELECT ${TENDER_ROW_COLUMNS} FROM monitoring_tenders t WHERE ${where}`,
      params.values,
      'created_at DESC, id',
      options.page,
      options.pageSize,
    );
    return { items: rows.map(tenderRow), total };
  }

  async stalledTenders(
    filters: AppliedFilters,
    stalledDays: number,
    page: number,
    pageSize: number,
  ): Promise<{ items: MonitoringTenderRow[]; total: number }> {
    const params = new SqlParams();
    const where = allOf([...tenderConditions(filters, params), stalledCondition(params, stalledDays)]);
    const { rows, total } = await queryPage<TenderRowData>(
      this.dataSource.manager,
      `SELECT ${TENDER_ROW_COLUMNS} FROM monitoring_tenders t WHERE ${where}`,
      params.values,
      'stage_changed_at, id',
      page,
      pageSize,
    );
    return { items: rows.map(tenderRow), total };
  }

  /** Consortia with a participant in the region, of the domain, and with a matching tender when a filter is about tenders. */
  async consortia(
    filters: AppliedFilters,
    page: number,
    pageSize: number,
  ): Promise<{ items: MonitoringConsortiumRow[]; total: number }> {
    const params = new SqlParams();
    const where = allOf(consortiumConditions(filters, params));
    const ofTenders = hasTenderFilters(filters)
      ? allOf(tenderConditions(filters, params, 'ft', { region: false, domain: false }))
      : 'TRUE';
    const { rows, total } = await queryPage<ConsortiumRowData>(
      this.dataSource.manager,
      `SELECT c.consortium_id AS id, c.name, c.domain, c.lead_name, c.members, c.pooled_cents::text AS pooled_cents,
              c.created_at,
              (SELECT count(*)::int FROM monitoring_tenders ft
                WHERE ft.consortium_id = c.consortium_id AND ${ofTenders}) AS tenders
         FROM monitoring_consortia c WHERE ${where}`,
      params.values,
      'created_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(consortiumRow), total };
  }

  /**
   * Tender deadlines (before evaluation) and open milestones in the next 30 days, soonest first.
   * Milestones are read live through the roadmap index (open milestones by planned date), joined
   * to the filtered tenders; so a milestone reached a minute ago is gone.
   */
  async deadlines(filters: AppliedFilters, limit: number | null): Promise<MonitoringDeadlineRow[]> {
    const params = new SqlParams();
    const where = allOf(tenderConditions(filters, params));
    const days = params.add(UPCOMING_DAYS);
    const before = params.add(BEFORE_EVALUATION);
    const rows = await this.dataSource.query<
      {
        tender_id: string;
        title: string;
        consortium_name: string;
        kind: MonitoringDeadlineRow['kind'];
        name: string | null;
        due: string;
      }[]
    >(
      `SELECT * FROM (
         SELECT t.tender_id, t.title, t.consortium_name, 'tender-deadline' AS kind, NULL AS name,
                to_char(t.tender_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS due,
                t.tender_deadline AS at
           FROM monitoring_tenders t
          WHERE ${where} AND t.stage = ANY(${before}::text[])
            AND t.tender_deadline >= now() AND t.tender_deadline < now() + make_interval(days => ${days}::int)
         UNION ALL
         SELECT t.tender_id, t.title, t.consortium_name, 'milestone', m.name, to_char(m.planned_on, 'YYYY-MM-DD'),
                m.planned_on::timestamptz
           FROM tender_milestones m JOIN monitoring_tenders t ON t.tender_id = m.tender_id
          WHERE ${where} AND t.stage <> 'closed' AND m.actual_on IS NULL
            AND m.planned_on >= current_date AND m.planned_on < current_date + ${days}::int) d
       ORDER BY at, title, tender_id, name${limit === null ? '' : ` LIMIT ${params.add(limit)}`}`,
      params.values,
    );
    return rows.map((row) => ({
      tenderId: row.tender_id,
      tenderTitle: row.title,
      consortiumName: row.consortium_name,
      kind: row.kind,
      name: row.name,
      due: row.due,
    }));
  }

  /** KPIs of the filtered tenders by name and unit: how many tenders report them and the sum of every value. */
  async kpis(filters: AppliedFilters, limit: number | null): Promise<MonitoringKpiRow[]> {
    const params = new SqlParams();
    const where = allOf(tenderConditions(filters, params));
    const rows = await this.dataSource.query<{ name: string; unit: string; tenders: number; total: number }[]>(
      `SELECT k.name, k.unit, count(DISTINCT k.tender_id)::int AS tenders, sum(k.total)::float8 AS total
         FROM monitoring_kpis k JOIN monitoring_tenders t ON t.tender_id = k.tender_id
        WHERE ${where}
        GROUP BY k.name, k.unit
        ORDER BY tenders DESC, k.name, k.unit${limit === null ? '' : ` LIMIT ${params.add(limit)}`}`,
      params.values,
    );
    return rows;
  }

  /** When the read models were last refreshed. */
  async refreshedAt(): Promise<Date> {
    const [row] = await this.dataSource.query<{ refreshed_at: Date }[]>(
      'SELECT refreshed_at FROM monitoring_refreshes',
    );
    return row?.refreshed_at ?? new Date(0);
  }
}
