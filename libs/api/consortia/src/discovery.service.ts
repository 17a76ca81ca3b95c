import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MunicipalityMatchView, Page } from '@consortio/shared/contracts';
import { compareNearness, cpvPrefix, nearness } from '@consortio/shared/domain';
import { containsPattern } from '@consortio/api/platform/database';
import type { Principal } from '@consortio/api/platform/auth';
import { assertVerifiedPublicBody } from './consortium-access';
import type { MunicipalityQueryDto } from './dto/consortium.dto';

interface MatchRow {
  id: string;
  name: string;
  nuts_code: string | null;
  population: number | null;
  cpv_codes: string[];
  consortia: { id: string; name: string }[];
  total?: string;
}

/** The most candidates "near you" ranks; beyond them the ranking is by region only. */
const NEAR_CANDIDATES = 2_000;

/**
 * Finding each other: municipalities by need, region and size, and "municipalities near you with
 * the same need". Only the CPV codes of submitted needs are shown, never quantities or budgets,
 * and only to verified public bodies: suppliers never see members' needs.
 */
@Injectable()
export class DiscoveryService {
  constructor(private readonly dataSource: DataSource) {}

  async municipalities(principal: Principal, query: MunicipalityQueryDto): Promise<Page<MunicipalityMatchView>> {
    const me = assertVerifiedPublicBody(principal);
    const params: unknown[] = [me];
    const where = ["o.kind = 'municipality'", "o.verification = 'verified'", 'o.id <> $1'];
    let codeFilter = "n.status = 'submitted'";
    if (query.cpv) {
      params.push(`${cpvPrefix(query.cpv.slice(0, 8))}%`);
      codeFilter += ` AND n.cpv_code LIKE $${params.length}`;
      where.push(`EXISTS (SELECT 1 FROM needs n WHERE n.organisation_id = o.id AND ${codeFilter})`);
    }
    if (query.nuts) {
      params.push(`${query.nuts}%`);
      where.push(`o.nuts_code LIKE $${params.length}`);
    }
    if (query.name) {
      params.push(containsPattern(query.name));
      where.push(`o.name ILIKE $${params.length}`);
    }
    if (query.minPopulation !== undefined) {
      params.push(query.minPopulation);
      where.push(`o.population >= $${params.length}`);
    }
    if (query.maxPopulation !== undefined) {
      params.push(query.maxPopulation);
      where.push(`o.population <= $${params.length}`);
    }
    const rows = await this.dataSource.query<MatchRow[]>(
      `${this.select(codeFilter)}, count(*) OVER () AS total FROM organisations o
        WHERE ${where.join(' AND ')}
        ORDER BY o.name, o.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const total =
      rows.length > 0 || query.page === 1
        ? Number(rows[0]?.total ?? 0)
        : Number(
            (
              await this.dataSource.query<{ n: string }[]>(
                `SELECT count(*) AS n FROM organisations o WHERE ${where.join(' AND ')}`,
                params,
              )
            )[0].n,
          );
    return {
      items: rows.map((row) => this.toView(row, null)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** Others ranked by the needs they share with yours (your drafts count too), then by region. */
  async nearMe(principal: Principal, page: number, pageSize: number): Promise<Page<MunicipalityMatchView>> {
    const me = assertVerifiedPublicBody(principal);
    const [mine] = await this.dataSource.query<{ nuts_code: string | null; codes: string[] }[]>(
      `SELECT o.nuts_code, ARRAY(SELECT DISTINCT cpv_code FROM needs WHERE organisation_id = o.id) AS codes
         FROM organisations o WHERE o.id = $1`,
      [me],
    );
    const divisions = [...new Set(mine.codes.map((code) => code.slice(0, 2)))];
    // Candidates: anyone sharing a CPV division with me, or, without needs, my country.
    const rows = await this.dataSource.query<MatchRow[]>(
      `${this.select("n.status = 'submitted'")} FROM organisations o
        WHERE o.kind = 'municipality' AND o.verification = 'verified' AND o.id <> $1
          AND (${divisions.length > 0 ? "EXISTS (SELECT 1 FROM needs n WHERE n.organisation_id = o.id AND n.status = 'submitted' AND left(n.cpv_code, 2) = ANY($2))" : 'left(o.nuts_code, 2) = left($2, 2)'})
        LIMIT ${NEAR_CANDIDATES}`,
      [me, divisions.length > 0 ? divisions : (mine.nuts_code ?? '')],
    );
    const ranked = rows
      .map((row) => ({ row, score: nearness(mine.codes, row.cpv_codes, mine.nuts_code, row.nuts_code) }))
      .filter(({ score }) => score.cpv > 0 || divisions.length === 0)
      .sort((a, b) => compareNearness(a.score, b.score) || a.row.name.localeCompare(b.row.name));
    return {
      items: ranked.slice((page - 1) * pageSize, page * pageSize).map(({ row, score }) => this.toView(row, score)),
      page,
      pageSize,
      total: ranked.length,
    };
  }

  private select(codeFilter: string): string {
    return `SELECT o.id, o.name, o.nuts_code, o.population,
              ARRAY(SELECT DISTINCT n.cpv_code FROM needs n WHERE n.organisation_id = o.id AND ${codeFilter} ORDER BY 1) AS cpv_codes,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                          FROM consortium_members m JOIN consortia c ON c.id = m.consortium_id
                         WHERE m.organisation_id = o.id AND c.listed_publicly AND c.status <> 'closed'), '[]') AS consortia`;
  }

  private toView(row: MatchRow, score: MunicipalityMatchView['score']): MunicipalityMatchView {
    return {
      organisationId: row.id,
      name: row.name,
      nutsCode: row.nuts_code,
      population: row.population,
      cpvCodes: row.cpv_codes,
      score,
      consortia: row.consortia,
    };
  }
}
