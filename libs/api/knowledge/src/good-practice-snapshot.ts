import type { EntityManager } from 'typeorm';
import type {
  ConsortiumDomain,
  GoodPracticeKpi,
  GoodPracticeParticipant,
  GoodPracticeSavings,
  ProcedureType,
} from '@consortio/shared/contracts';
import { readTenderSavings } from '@consortio/api/tenders';
import { latestActual } from './kpi-actual';

/** What a case keeps of its tender, as it stood when the case was published. */
export interface GoodPracticeSnapshot {
  procedureType: ProcedureType;
  domain: ConsortiumDomain;
  cpvCodes: string[];
  countries: string[];
  participants: GoodPracticeParticipant[];
  kpis: GoodPracticeKpi[];
  savings: GoodPracticeSavings;
}

/**
 * Takes the facts of a tender the library shows: procedure, the consortium's domain, the lots'
 * CPV codes, the participating organisations (lead and members: observers did not buy) with their
 * countries, each KPI with its latest actual, and the savings. A copy, so that the published case
 * reads the same when the consortium later changes (members join, leave, or the group dissolves).
 */
export async function takeSnapshot(manager: EntityManager, tenderId: string): Promise<GoodPracticeSnapshot> {
  const [tender] = await manager.query<
    {
      procedure_type: ProcedureType;
      domain: ConsortiumDomain;
      cpv_codes: string[];
      participants: GoodPracticeParticipant[];
    }[]
  >(
    `SELECT t.procedure_type, c.domain,
            ARRAY(SELECT DISTINCT code FROM tender_lots l, unnest(l.cpv_codes) AS code
                   WHERE l.tender_id = t.id ORDER BY code) AS cpv_codes,
            (SELECT coalesce(json_agg(json_build_object('name', o.name, 'country', o.country)
                                      ORDER BY m.role <> 'lead', o.name), '[]')
               FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
              WHERE m.consortium_id = t.consortium_id AND m.role IN ('lead', 'member')) AS participants
       FROM tenders t JOIN consortia c ON c.id = t.consortium_id
      WHERE t.id = $1`,
    [tenderId],
  );
  const kpis = await manager.query<
    {
      name: string;
      unit: string;
      baseline: string;
      target: string;
      figures: { period: string; periodStart: string; value: string }[];
    }[]
  >(
    `SELECT k.name, k.unit, k.baseline::text AS baseline, k.target::text AS target,
            coalesce((SELECT json_agg(json_build_object('period', v.period, 'periodStart', v.period_start,
                                                        'value', v.value::text))
                        FROM tender_kpi_values v WHERE v.kpi_id = k.id), '[]') AS figures
       FROM tender_kpis k
      WHERE k.tender_id = $1
      ORDER BY k.created_at, k.id`,
    [tenderId],
  );
  const savings = await readTenderSavings(manager, tenderId);
  const participants = tender.participants.map((participant) => ({
    name: participant.name,
    country: participant.country.trim().toUpperCase(),
  }));
  return {
    procedureType: tender.procedure_type,
    domain: tender.domain,
    cpvCodes: tender.cpv_codes,
    countries: [...new Set(participants.map((participant) => participant.country))].sort(),
    participants,
    kpis: kpis.map((kpi) => ({
      name: kpi.name,
      unit: kpi.unit,
      baseline: Number(kpi.baseline),
      target: Number(kpi.target),
      actual: latestActual(
        kpi.unit,
        kpi.figures.map((figure) => ({
          period: figure.period,
          periodStart: figure.periodStart,
          value: Number(figure.value),
        })),
      ),
    })),
    savings: { lots: savings.lots, total: savings.total },
  };
}
