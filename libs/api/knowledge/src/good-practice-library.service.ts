import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ConsortiumDomain,
  FacetCount,
  GoodPracticeFacets,
  GoodPracticeFilter,
  GoodPracticeKpi,
  GoodPracticePage,
  GoodPracticeParticipant,
  GoodPracticeSavings,
  GoodPracticeSummary,
  GoodPracticeView,
  ProcedureType,
  TenderReplicationInput,
  TenderView,
} from '@consortio/shared/contracts';
import type { Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { ReplicationsService } from '@consortio/api/tenders';
import { bestHeadline, HEADLINE_OPTIONS, highlightSegments, opening, withEllipses } from './highlight';
import { type Facet, libraryQuery, libraryWhere, whereClause } from './library-filter';

interface SummaryRow {
  id: string;
  title: string;
  consortium_name: string;
  domain: ConsortiumDomain;
  procedure_type: ProcedureType;
  cpv_codes: string[];
  countries: string[];
  published_at: Date;
  summary: string;
  headlines: string[] | null;
}

interface CaseRow extends Omit<SummaryRow, 'headlines'> {
  lessons: string;
  participants: GoodPracticeParticipant[];
  kpis: GoodPracticeKpi[];
  savings: GoodPracticeSavings;
  contract_signed_on: string | null;
  published_by: string | null;
  updated_at: Date;
  tender_id: string;
  member: boolean;
}

const SUMMARY_COLUMNS = `g.id, g.title, c.name AS consortium_name, g.domain, g.procedure_type, g.cpv_codes, g.countries,
  g.published_at, g.summary`;

const toSummary = (row: Omit<SummaryRow, 'headlines'>): Omit<GoodPracticeSummary, 'highlight'> => ({
  id: row.id,
  title: row.title,
  consortiumName: row.consortium_name,
  domain: row.domain,
  procedureType: row.procedure_type,
  cpvCodes: row.cpv_codes,
  countries: row.countries,
  publishedAt: row.published_at.toISOString(),
});

export const toCaseView = (row: CaseRow): GoodPracticeView => ({
  ...toSummary(row),
  summary: row.summary,
  lessons: row.lessons,
  participants: row.participants,
  kpis: row.kpis,
  savings: row.savings,
  contractSignedOn: row.contract_signed_on,
  publishedBy: row.published_by,
  updatedAt: row.updated_at.toISOString(),
  tenderId: row.member ? row.tender_id : null,
});

/** A case with everything its page shows; `$2` is the caller's organisation (or null), for the tender link. */
export const CASE_SELECT = `
  SELECT ${SUMMARY_COLUMNS}, g.lessons, g.participants, g.kpis, g.savings, g.updated_at, g.tender_id,
         to_char(t.contract_signed_on, 'YYYY-MM-DD') AS contract_signed_on, o.name AS published_by,
         EXISTS (SELECT 1 FROM consortium_members m
                  WHERE m.consortium_id = g.consortium_id AND m.organisation_id = $2::uuid) AS member
    FROM good_practice_cases g
    JOIN consortia c ON c.id = g.consortium_id
    JOIN tenders t ON t.id = g.tender_id
    LEFT JOIN organisations o ON o.id = g.organisation_id`;

/**
 * The public library: full-text search over title, summary and lessons (ranked by `ts_rank`,
 * German and English word forms), filters by domain, CPV prefix, procedure and country, facet
 * counts, and the passages of each summary that matched. Anyone may read it, signed in or not.
 */
@Injectable()
export class GoodPracticeLibraryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replications: ReplicationsService,
  ) {}

  /**
   * Copies the case's tender into a consortium the caller writes for: how another town takes up
   * a good example. The tender's own rules apply (a tender published once may be copied by anyone).
   */
  async replicate(principal: Principal, caseId: string, into: TenderReplicationInput): Promise<TenderView> {
    const [row] = await this.dataSource.query<{ tender_id: string }[]>(
      'SELECT tender_id FROM good_practice_cases WHERE id = $1',
      [caseId],
    );
    if (!row) throw new NotFoundException(`There is no good-practice case ${caseId}.`);
    return this.replications.replicate(principal, row.tender_id, into);
  }

  async search(filter: GoodPracticeFilter, page: number, pageSize: number): Promise<GoodPracticePage> {
    const manager = this.dataSource.manager;
    const where = libraryWhere(filter);
    const rank = where.queryParam ? `ts_rank(g.search, ${libraryQuery(where.queryParam)})` : '0';
    // The page's ids first; the headlines (the costly part) only for the rows shown.
    const { rows: ids, total } = await queryPage<{ id: string; rank: number; published_at: Date }>(
      manager,
      `SELECT g.id, ${rank} AS rank, g.published_at FROM good_practice_cases g ${whereClause(where.conditions)}`,
      where.params,
      'rank DESC, published_at DESC, id',
      page,
      pageSize,
    );
    const [rows, facets] = await Promise.all([
      this.summaries(
        ids.map((row) => row.id),
        filter.q,
      ),
      this.facets(filter),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      items: ids.flatMap(({ id }) => {
        const row = byId.get(id);
        if (!row) return [];
        const highlight = row.headlines
          ? withEllipses(highlightSegments(bestHeadline(row.headlines)), row.summary)
          : opening(row.summary);
        return [{ ...toSummary(row), highlight }];
      }),
      page,
      pageSize,
      total,
      facets,
    };
  }

  async get(caseId: string, principal: Principal | null): Promise<GoodPracticeView> {
    const [row] = await this.dataSource.manager.query<CaseRow[]>(`${CASE_SELECT} WHERE g.id = $1`, [
      caseId,
      principal?.acting?.organisationId ?? null,
    ]);
    if (!row) throw new NotFoundException(`There is no good-practice case with id ${caseId}.`);
    return toCaseView(row);
  }

  private summaries(ids: string[], q: string | undefined): Promise<SummaryRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    // A headline in the German and in the English reading of the text; the one marking more wins.
    const headlines = q
      ? `ARRAY[ts_headline('german', g.summary, ${libraryQuery('$2')}, $3), ts_headline('english', g.summary, ${libraryQuery('$2')}, $3)]`
      : 'NULL::text[]';
    return this.dataSource.manager.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS}, ${headlines} AS headlines
         FROM good_practice_cases g JOIN consortia c ON c.id = g.consortium_id
        WHERE g.id = ANY($1::uuid[])`,
      q ? [ids, q, HEADLINE_OPTIONS] : [ids],
    );
  }

  private async facets(filter: GoodPracticeFilter): Promise<GoodPracticeFacets> {
    const [domains, procedures, countries] = await Promise.all([
      this.facet(filter, 'domain', 'g.domain'),
      this.facet(filter, 'procedure', 'g.procedure_type'),
      this.facet(filter, 'country', 'country', ', unnest(g.countries) AS country'),
    ]);
    return {
      domains: domains as FacetCount<ConsortiumDomain>[],
      procedures: procedures as FacetCount<ProcedureType>[],
      countries,
    };
  }

  /** How many cases each value of one facet has, under every other filter of the request. */
  private async facet(filter: GoodPracticeFilter, facet: Facet, value: string, from = ''): Promise<FacetCount[]> {
    const where = libraryWhere(filter, facet);
    const rows = await this.dataSource.manager.query<{ value: string; count: number }[]>(
      `SELECT ${value} AS value, count(*)::int AS count
         FROM good_practice_cases g${from} ${whereClause(where.conditions)}
        GROUP BY 1 ORDER BY count DESC, value`,
      where.params,
    );
    return rows;
  }
}
