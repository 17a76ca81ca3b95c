import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AwardCriterion,
  ConsortiumRole,
  LotRules,
  OrganisationKind,
  ProcedureType,
  SiteScaleStage,
  TenderStage,
} from '@consortio/shared/contracts';
import { PUBLISHED_SQL } from '@consortio/api/tenders';
import type { OcdsKpiValueData, OcdsTenderData } from './ocds-tender-data';

/**
 * SQL: some participant (lead or member) of tender `t`'s consortium lies in the jurisdiction given
 * as parameter `$n`: its NUTS code starts with it, or, for a country code, it is in that country.
 * Written as `LIKE 'DE2%'` (jurisdictions are letters and digits, validated where they are set) so
 * that the planner estimates it from the column's statistics: as `left(…) = …` it took a whole
 * country for a few organisations and read every consortium for each page of an export.
 */
const inJurisdiction = (n: number) => `EXISTS (
  SELECT 1 FROM consortium_members jm JOIN organisations jo ON jo.id = jm.organisation_id
   WHERE jm.consortium_id = t.consortium_id AND jm.role IN ('lead', 'member')
     AND (jo.nuts_code LIKE $${n} || '%' OR (length($${n}) = 2 AND jo.country = $${n})))`;

interface TenderRow {
  id: string;
  title: string;
  procedure_type: ProcedureType;
  estimated_value: string;
  stage: TenderStage;
  stage_changed_at: Date;
  criteria: AwardCriterion[];
  lot_rules: LotRules;
  tender_deadline: Date | null;
  contract_signed_on: string | null;
  updated_at: Date;
  consortium_name: string;
  contract_kind: OcdsTenderData['consortium']['contractKind'];
}

type Keyed<T> = T & { tender_id: string };

const iso = (time: Date | string): string => new Date(time).toISOString();

function byTender<T extends { tender_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.tender_id);
    if (list) list.push(row);
    else map.set(row.tender_id, [row]);
  }
  return map;
}

/**
 * Reads published tenders for open data: pages of ids in id order (keyset, so a page costs the
 * same at the millionth tender as at the first), and everything the releases state about a batch
 * of tenders in one query per table.
 */
@Injectable()
export class OpenDataReader {
  /** Up to `limit` published tender ids after `after`, optionally in a jurisdiction. */
  async publishedIds(
    manager: EntityManager,
    options: { after: string | null; limit: number; jurisdiction?: string | null },
  ): Promise<string[]> {
    const params: unknown[] = [options.after, options.limit];
    const where = [PUBLISHED_SQL, '($1::uuid IS NULL OR t.id > $1::uuid)'];
    if (options.jurisdiction) {
      params.push(options.jurisdiction);
      where.push(inJurisdiction(params.length));
    }
    const rows = await manager.query<{ id: string }[]>(
      `SELECT t.id FROM tenders t WHERE ${where.join(' AND ')} ORDER BY t.id LIMIT $2`,
      params,
    );
    return rows.map((row) => row.id);
  }

  async countPublished(manager: EntityManager, jurisdiction: string | null): Promise<number> {
    const params = jurisdiction ? [jurisdiction] : [];
    const [row] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tenders t WHERE ${PUBLISHED_SQL}${jurisdiction ? ` AND ${inJurisdiction(1)}` : ''}`,
      params,
    );
    return row.n;
  }

  /** Whether the tender exists and is public; anything else reads as "no such tender". */
  async isPublished(manager: EntityManager, tenderId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM tenders t WHERE t.id = $1 AND ${PUBLISHED_SQL}`, [
      tenderId,
    ]);
    return rows.length > 0;
  }

  /** Whether a country code or NUTS prefix names any region the platform knows. */
  async knownJurisdiction(manager: EntityManager, jurisdiction: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM nuts_regions WHERE left(code, length($1)) = $1
       UNION ALL SELECT 1 FROM organisations WHERE length($1) = 2 AND country = $1 LIMIT 1`,
      [jurisdiction],
    );
    return rows.length > 0;
  }

  /** The data of each tender in `ids`, in that order (ids that are gone are left out). */
  async load(manager: EntityManager, ids: string[]): Promise<OcdsTenderData[]> {
    if (ids.length === 0) return [];
    const tenders = await manager.query<TenderRow[]>(
      `SELECT t.id, t.title, t.procedure_type, t.estimated_value::text AS estimated_value, t.stage, t.stage_changed_at,
              t.criteria, t.lot_rules, t.tender_deadline, to_char(t.contract_signed_on, 'YYYY-MM-DD') AS contract_signed_on,
              t.updated_at, c.name AS consortium_name, c.contract_kind
         FROM tenders t JOIN consortia c ON c.id = t.consortium_id
        WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    const participants = byTender(
      await manager.query<
        Keyed<{
          id: string;
          name: string;
          kind: OrganisationKind;
          role: Exclude<ConsortiumRole, 'observer'>;
          country: string;
          nuts_code: string | null;
        }>[]
      >(
        `SELECT t.id AS tender_id, o.id, o.name, o.kind, m.role, o.country, o.nuts_code
           FROM tenders t
           JOIN consortium_members m ON m.consortium_id = t.consortium_id AND m.role IN ('lead', 'member')
           JOIN organisations o ON o.id = m.organisation_id
          WHERE t.id = ANY($1::uuid[])
          ORDER BY m.role = 'lead' DESC, o.name, o.id`,
        [ids],
      ),
    );
    const lots = byTender(
      await manager.query<
        Keyed<{
          id: string;
          number: number;
          title: string;
          value: string;
          criteria: AwardCriterion[] | null;
          cpv: { code: string; label: string | null }[];
          pooled_cents: string | null;
        }>[]
      >(
        `SELECT l.tender_id, l.id, l.number, l.title, l.value::text AS value, l.criteria,
                (SELECT json_agg(json_build_object('code', u.code, 'label', cc.label) ORDER BY u.ord)
                   FROM unnest(l.cpv_codes) WITH ORDINALITY AS u (code, ord)
                   LEFT JOIN cpv_codes cc ON cc.code = u.code) AS cpv,
                (SELECT sum(n.budget_cents)::text FROM tender_lot_needs n
                   JOIN tender_lot_members lm ON lm.lot_id = n.lot_id AND lm.organisation_id = n.organisation_id
                  WHERE n.lot_id = l.id) AS pooled_cents
           FROM tender_lots l
          WHERE l.tender_id = ANY($1::uuid[])
          ORDER BY l.number`,
        [ids],
      ),
    );
    const awards = byTender(
      await manager.query<
        Keyed<{ lot_id: string; supplier_name: string; value: string; awarded_on: string; created_at: Date }>[]
      >(
        `SELECT a.tender_id, a.lot_id, a.supplier_name, a.value::text AS value,
                to_char(a.awarded_on, 'YYYY-MM-DD') AS awarded_on, a.created_at
           FROM tender_lot_awards a JOIN tender_lots l ON l.id = a.lot_id
          WHERE a.tender_id = ANY($1::uuid[])
          ORDER BY l.number`,
        [ids],
      ),
    );
    const changes = byTender(
      await manager.query<
        Keyed<{
          id: string;
          from_stage: TenderStage | null;
          to_stage: TenderStage;
          reason: string | null;
          changed_at: Date;
        }>[]
      >(
        `SELECT tender_id, id::text AS id, from_stage, to_stage, reason, changed_at FROM tender_stage_changes
          WHERE tender_id = ANY($1::uuid[]) ORDER BY changed_at, id`,
        [ids],
      ),
    );
    const milestones = byTender(
      await manager.query<
        Keyed<{ id: string; name: string; planned_on: string; actual_on: string | null; created_at: Date }>[]
      >(
        `SELECT tender_id, id, name, to_char(planned_on, 'YYYY-MM-DD') AS planned_on,
                to_char(actual_on, 'YYYY-MM-DD') AS actual_on, created_at
           FROM tender_milestones WHERE tender_id = ANY($1::uuid[]) ORDER BY planned_on, name, id`,
        [ids],
      ),
    );
    const sites = byTender(
      await manager.query<
        Keyed<{
          id: string;
          name: string;
          organisation_name: string;
          nuts_code: string;
          stage: SiteScaleStage;
          live_since: string | null;
          created_at: Date;
        }>[]
      >(
        `SELECT s.tender_id, s.id, s.name, o.name AS organisation_name, s.nuts_code, s.stage,
                to_char(s.live_since, 'YYYY-MM-DD') AS live_since, s.created_at
           FROM tender_sites s JOIN organisations o ON o.id = s.organisation_id
          WHERE s.tender_id = ANY($1::uuid[])
          ORDER BY array_position(ARRAY['pilot', 'city', 'region'], s.stage), s.created_at, s.id`,
        [ids],
      ),
    );
    const kpis = byTender(
      await manager.query<
        Keyed<{
          id: string;
          name: string;
          unit: string;
          baseline: number;
          target: number;
          created_at: Date;
          values: (Omit<OcdsKpiValueData, 'enteredAt'> & { enteredAt: string })[];
        }>[]
      >(
        `SELECT k.tender_id, k.id, k.name, k.unit, k.baseline::float8 AS baseline, k.target::float8 AS target,
                k.created_at,
                COALESCE(json_agg(json_build_object('period', v.period, 'organisationId', v.organisation_id,
                           'organisationName', o.name, 'value', v.value::float8, 'enteredAt', v.entered_at)
                         ORDER BY v.period_start, o.name) FILTER (WHERE v.kpi_id IS NOT NULL), '[]') AS values
           FROM tender_kpis k
           LEFT JOIN tender_kpi_values v ON v.kpi_id = k.id
           LEFT JOIN organisations o ON o.id = v.organisation_id
          WHERE k.tender_id = ANY($1::uuid[])
          GROUP BY k.id
          ORDER BY k.created_at, k.id`,
        [ids],
      ),
    );
    const calls = byTender(
      await manager.query<
        Keyed<{ id: string; kind: 'market-consultation' | 'call-for-tenders'; title: string; published_at: Date }>[]
      >(
        `SELECT tender_id, id, kind, title, published_at FROM open_calls
          WHERE tender_id = ANY($1::uuid[]) AND published_at IS NOT NULL ORDER BY round`,
        [ids],
      ),
    );

    const byId = new Map(
      tenders.map((row): [string, OcdsTenderData] => [
        row.id,
        {
          id: row.id,
          title: row.title,
          procedureType: row.procedure_type,
          estimatedValue: row.estimated_value,
          stage: row.stage,
          stageChangedAt: iso(row.stage_changed_at),
          criteria: row.criteria,
          lotRules: row.lot_rules,
          tenderDeadline: row.tender_deadline ? iso(row.tender_deadline) : null,
          contractSignedOn: row.contract_signed_on,
          updatedAt: iso(row.updated_at),
          consortium: { name: row.consortium_name, contractKind: row.contract_kind },
          participants: (participants.get(row.id) ?? []).map((p) => ({
            id: p.id,
            name: p.name,
            kind: p.kind,
            role: p.role,
            country: p.country,
            nutsCode: p.nuts_code,
          })),
          lots: (lots.get(row.id) ?? []).map((lot) => ({
            id: lot.id,
            number: lot.number,
            title: lot.title,
            cpv: lot.cpv ?? [],
            value: lot.value,
            criteria: lot.criteria,
            pooledBudget: lot.pooled_cents === null ? null : centsText(lot.pooled_cents),
          })),
          awards: (awards.get(row.id) ?? []).map((award) => ({
            lotId: award.lot_id,
            supplierName: award.supplier_name,
            value: award.value,
            awardedOn: award.awarded_on,
            recordedAt: iso(award.created_at),
          })),
          stageChanges: (changes.get(row.id) ?? []).map((change) => ({
            id: change.id,
            from: change.from_stage,
            to: change.to_stage,
            reason: change.reason,
            changedAt: iso(change.changed_at),
          })),
          milestones: (milestones.get(row.id) ?? []).map((milestone) => ({
            id: milestone.id,
            name: milestone.name,
            plannedOn: milestone.planned_on,
            actualOn: milestone.actual_on,
            createdAt: iso(milestone.created_at),
          })),
          sites: (sites.get(row.id) ?? []).map((site) => ({
            id: site.id,
            name: site.name,
            organisationName: site.organisation_name,
            nutsCode: site.nuts_code,
            stage: site.stage,
            liveSince: site.live_since,
            createdAt: iso(site.created_at),
          })),
          kpis: (kpis.get(row.id) ?? []).map((kpi) => ({
            id: kpi.id,
            name: kpi.name,
            unit: kpi.unit,
            baseline: kpi.baseline,
            target: kpi.target,
            createdAt: iso(kpi.created_at),
            values: kpi.values.map((value) => ({ ...value, enteredAt: iso(value.enteredAt) })),
          })),
          openCalls: (calls.get(row.id) ?? []).map((call) => ({
            id: call.id,
            kind: call.kind,
            title: call.title,
            publishedAt: iso(call.published_at),
          })),
        },
      ]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}

/** A sum of cents (bigint text) as decimal euros. */
function centsText(text: string): string {
  const value = BigInt(text);
  const whole = value / BigInt(100);
  const rest = value % BigInt(100);
  return `${whole.toString()}.${rest.toString().padStart(2, '0')}`;
}
