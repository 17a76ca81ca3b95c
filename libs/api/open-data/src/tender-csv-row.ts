import { OCDS_CSV_COLUMNS } from '@consortio/shared/contracts';
import { decimalFromCents } from '@consortio/shared/domain';
import { cents, ocidOf } from './ocds-codes';
import type { OcdsTenderData } from './ocds-tender-data';

/**
 * One tender as a row of the CSV export (`OCDS_CSV_COLUMNS`), for spreadsheets: amounts in decimal
 * euros as the API writes them, lists (CPV codes, NUTS codes) separated by spaces.
 */
export function tenderCsvRow(
  data: OcdsTenderData,
  ocidPrefix: string,
): Record<(typeof OCDS_CSV_COLUMNS)[number], string> {
  const lead = data.participants.find((participant) => participant.role === 'lead');
  const unique = (values: string[]) => [...new Set(values)].sort().join(' ');
  const lotIds = new Set(data.lots.map((lot) => lot.id));
  const awards = data.awards.filter((award) => lotIds.has(award.lotId));
  return {
    ocid: ocidOf(ocidPrefix, data.id),
    tender_id: data.id,
    title: data.title,
    lead_buyer: lead?.name ?? '',
    members: String(data.participants.length),
    estimated_value_eur: decimalFromCents(cents(data.estimatedValue)),
    stage: data.stage,
    cpv_codes: unique(data.lots.flatMap((lot) => lot.cpv.map((cpv) => cpv.code))),
    nuts_codes: unique(
      data.participants.flatMap((participant) => (participant.nutsCode ? [participant.nutsCode] : [])),
    ),
    awarded_lots: String(awards.length),
    awarded_value_eur: decimalFromCents(awards.reduce((sum, award) => sum + cents(award.value), 0)),
  };
}

/** The cells of a row in column order, for `csvRecord`. */
export const csvCells = (row: ReturnType<typeof tenderCsvRow>): string[] =>
  OCDS_CSV_COLUMNS.map((column) => row[column]);
