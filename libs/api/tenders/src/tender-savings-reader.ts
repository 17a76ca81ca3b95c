import type { EntityManager } from 'typeorm';
import type { TenderSavingsView } from '@consortio/shared/contracts';
import { centsFromDecimal } from '@consortio/shared/domain';
import { lotSavings } from './lot-savings';

/**
 * SQL: the budgets (cents, bigint) of the needs lot `lot` was formed from, of the organisations
 * the lot still buys for; null when none are linked, and the lot is then estimated at its own
 * value (`lotSavings`). Shared with the monitoring read model, which adds up the same estimates
 * for awarded lots across a jurisdiction.
 */
export const lotNeedsCentsSql = (lot: string): string => `(SELECT sum(n.budget_cents) FROM tender_lot_needs n
               JOIN tender_lot_members m ON m.lot_id = n.lot_id AND m.organisation_id = n.organisation_id
              WHERE n.lot_id = ${lot}.id)`;

/**
 * A tender's savings from current data: each lot's awarded value against the budgets of the needs
 * it was formed from, of organisations the lot still buys for (`lotSavings`). Read by the savings
 * route and by the good-practice library, which keeps a copy when a case is published.
 */
export async function readTenderSavings(manager: EntityManager, tenderId: string): Promise<TenderSavingsView> {
  const rows = await manager.query<
    { id: string; number: number; title: string; value: string; needs_cents: string | null; awarded: string | null }[]
  >(
    `SELECT l.id, l.number, l.title, l.value::text AS value, a.value::text AS awarded,
            ${lotNeedsCentsSql('l')}::text AS needs_cents
       FROM tender_lots l
       LEFT JOIN tender_lot_awards a ON a.lot_id = l.id
      WHERE l.tender_id = $1
      ORDER BY l.number`,
    [tenderId],
  );
  return lotSavings(
    tenderId,
    rows.map((row) => ({
      lotId: row.id,
      number: row.number,
      title: row.title,
      needsCents: row.needs_cents === null ? null : Number(row.needs_cents),
      valueCents: centsFromDecimal(row.value) ?? 0,
      awardedCents: row.awarded === null ? null : (centsFromDecimal(row.awarded) ?? 0),
    })),
  );
}
