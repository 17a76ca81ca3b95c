import type { DemoSeed } from '@consortio/api/platform/database';
import type { AwardCriterion, LotRules } from '@consortio/shared/contracts';

const CRITERIA: AwardCriterion[] = [
  { kind: 'life-cycle-cost', name: 'Total cost of ownership over eight years', weight: 40 },
  { kind: 'quality', name: 'Range, payload and service network', weight: 30 },
  { kind: 'sustainability', name: 'Battery sourcing and recycling', weight: 20 },
  { kind: 'innovation', name: 'Fleet telematics and smart charging', weight: 10 },
];

const LOT_RULES: LotRules = { bidsOn: 'several', maxLotsPerTenderer: null };

/**
 * A tender to look at after `npm start`: the e-mobility consortium's vehicles and depot lighting,
 * in market consultation, with two lots, valid award criteria and milestones in the coming year
 * (so that the roadmap shows it by default).
 */
export const tendersDemoSeed: DemoSeed = {
  name: 'tenders.demo-tender',
  async run(manager) {
    const [consortium] = await manager.query<{ id: string; lead_organisation_id: string }[]>(
      "SELECT id, lead_organisation_id FROM consortia WHERE name = 'E-Mobilität Oberbayern'",
    );
    if (!consortium) throw new Error('The demo consortium is missing; the consortia demo seed runs first');
    const [beispielheim] = await manager.query<{ id: string }[]>(
      "SELECT id FROM organisations WHERE name = 'Markt Beispielheim'",
    );
    const [anna] = await manager.query<{ id: string }[]>(
      "SELECT id FROM users WHERE email = 'officer@musterstadt.test'",
    );
    const musterstadt = consortium.lead_organisation_id;
    const [tender] = await manager.query<{ id: string }[]>(
      `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, stage, stage_changed_at, lot_rules,
                            criteria, created_by, created_at)
       VALUES ($1, 'Electric utility vehicles and depot lighting 2027', 'open', '289400.00', 'market-consultation',
               now() - interval '12 days', $2, $3, $4, now() - interval '40 days')
       RETURNING id`,
      [consortium.id, JSON.stringify(LOT_RULES), JSON.stringify(CRITERIA), anna.id],
    );
    const lots = [
      {
        number: 1,
        title: 'Electric utility vehicles',
        cpv: ['34144900-7'],
        value: '275000.00',
        members: [musterstadt, beispielheim.id],
      },
      {
        number: 2,
        title: 'Charging-point lighting at the depot',
        cpv: ['31500000-1'],
        value: '14400.00',
        members: [musterstadt],
      },
    ];
    for (const lot of lots) {
      const [row] = await manager.query<{ id: string }[]>(
        'INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [tender.id, lot.number, lot.title, lot.cpv, lot.value],
      );
      await manager.query('INSERT INTO tender_lot_members (lot_id, organisation_id) SELECT $1, unnest($2::uuid[])', [
        row.id,
        lot.members,
      ]);
      // The needs the lot was formed from, as the tender service records them (for savings).
      await manager.query(
        `INSERT INTO tender_lot_needs (lot_id, need_id, organisation_id, budget_cents)
         SELECT $1, id, organisation_id, budget_cents FROM needs
          WHERE consortium_id = $2 AND status = 'submitted' AND cpv_code = ANY($3) AND organisation_id = ANY($4::uuid[])`,
        [row.id, consortium.id, lot.cpv, lot.members],
      );
    }
    await manager.query(
      `INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, changed_by, organisation_id, changed_at) VALUES
         ($1, NULL, 'needs-assessment', $2, $3, now() - interval '40 days'),
         ($1, 'needs-assessment', 'market-consultation', $2, $3, now() - interval '12 days')`,
      [tender.id, anna.id, musterstadt],
    );
    const next = new Date().getUTCFullYear() + 1;
    await manager.query(
      `INSERT INTO tender_milestones (tender_id, name, planned_on, actual_on) VALUES
         ($1, 'Market consultation opened', current_date - 12, current_date - 12),
         ($1, 'Contract notice published', $2, NULL),
         ($1, 'Time limit for tenders', $3, NULL),
         ($1, 'Contract signed', $4, NULL)`,
      [tender.id, `${next}-02-15`, `${next}-03-31`, `${next}-06-30`],
    );
  },
};
