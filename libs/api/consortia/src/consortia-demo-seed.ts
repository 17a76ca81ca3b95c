import type { EntityManager } from 'typeorm';
import type { DemoSeed } from '@consortio/api/platform/database';

interface DemoNeed {
  organisation: string;
  cpv: string;
  title: string;
  quantity: string;
  unit: string;
  budgetCents: number;
  priority: 'must' | 'should' | 'could';
  start: string;
  sustainability?: boolean;
  personalData?: boolean;
}

async function organisationId(manager: EntityManager, name: string): Promise<string> {
  const [row] = await manager.query<{ id: string }[]>('SELECT id FROM organisations WHERE name = $1', [name]);
  if (!row) throw new Error(`The demo organisation "${name}" is missing; the identity demo seed runs first`);
  return row.id;
}

async function userId(manager: EntityManager, email: string): Promise<string> {
  const [row] = await manager.query<{ id: string }[]>('SELECT id FROM users WHERE email = $1', [email]);
  return row.id;
}

/**
 * Two consortia to look at after `npm start`: an active e-mobility group of two Bavarian towns
 * with signed agreement, submitted needs and lots; and a forming street-lighting group in Upper
 * Austria, listed publicly, that others can find and ask to join.
 */
export const consortiaDemoSeed: DemoSeed = {
  name: 'consortia.demo-consortia',
  async run(manager) {
    const musterstadt = await organisationId(manager, 'Gemeinde Musterstadt');
    const beispielheim = await organisationId(manager, 'Markt Beispielheim');
    const demoing = await organisationId(manager, 'Marktgemeinde Demoing');
    const ministry = await organisationId(manager, 'Staatsministerium für Digitales (Demo)');
    const anna = await userId(manager, 'officer@musterstadt.test');
    const lukas = await userId(manager, 'officer@beispielheim.test');
    const eva = await userId(manager, 'officer@demoing.test');

    const [{ id: mobility }] = await manager.query<{ id: string }[]>(
      `INSERT INTO consortia (name, description, domain, status, listed_publicly, lead_organisation_id, interest_cpv_codes, created_by)
       VALUES ('E-Mobilität Oberbayern', 'Electric vehicles and charging for the building yards of small towns north of Munich.',
               'mobility', 'active', true, $1, '{34144900-7}', $2) RETURNING id`,
      [musterstadt, anna],
    );
    await manager.query(
      `INSERT INTO consortium_members (consortium_id, organisation_id, role) VALUES
         ($1, $2, 'lead'), ($1, $3, 'member'), ($1, $4, 'observer')`,
      [mobility, musterstadt, beispielheim, ministry],
    );
    await manager.query(
      `INSERT INTO consortium_agreements (consortium_id, legal_basis, cost_key, updated_by)
       VALUES ($1, 'art-38-occasional-joint-procurement', 'population', $2)`,
      [mobility, anna],
    );
    await manager.query(
      `INSERT INTO agreement_signatures (consortium_id, organisation_id, version, signed_by, council_decision_ref) VALUES
         ($1, $2, 1, $3, 'Gemeinderat Musterstadt 2026/041'), ($1, $4, 1, $5, 'Marktgemeinderat Beispielheim 2026/17')`,
      [mobility, musterstadt, anna, beispielheim, lukas],
    );
    const [{ id: vehicles }] = await manager.query<{ id: string }[]>(
      `INSERT INTO lots (consortium_id, number, title) VALUES ($1, 1, 'Electric utility vehicles') RETURNING id`,
      [mobility],
    );
    const needs: DemoNeed[] = [
      {
        organisation: musterstadt,
        cpv: '34144900-7',
        title: 'Electric vans for the building yard',
        quantity: '4',
        unit: 'vehicles',
        budgetCents: 18_000_000,
        priority: 'must',
        start: '2027-03-01',
        sustainability: true,
      },
      {
        organisation: beispielheim,
        cpv: '34144900-7',
        title: 'Electric pick-up for park maintenance',
        quantity: '2',
        unit: 'vehicles',
        budgetCents: 9_500_000,
        priority: 'must',
        start: '2027-04-01',
        sustainability: true,
      },
      {
        organisation: musterstadt,
        cpv: '31500000-1',
        title: 'Charging-point lighting at the depot',
        quantity: '12',
        unit: 'luminaires',
        budgetCents: 1_440_000,
        priority: 'could',
        start: '2027-05-01',
      },
    ];
    for (const need of needs) {
      await manager.query(
        `INSERT INTO needs (consortium_id, organisation_id, cpv_code, title, quantity, unit, budget_cents, desired_start, priority,
                            sustainability, personal_data, status, submitted_at, lot_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'submitted', now(), $12, $13)`,
        [
          mobility,
          need.organisation,
          need.cpv,
          need.title,
          need.quantity,
          need.unit,
          need.budgetCents,
          need.start,
          need.priority,
          need.sustainability ?? false,
          need.personalData ?? false,
          need.cpv.startsWith('341') ? vehicles : null,
          need.organisation === musterstadt ? anna : lukas,
        ],
      );
    }

    const [{ id: lighting }] = await manager.query<{ id: string }[]>(
      `INSERT INTO consortia (name, description, domain, listed_publicly, lead_organisation_id, interest_cpv_codes, created_by)
       VALUES ('Smarte Straßenbeleuchtung Oberösterreich', 'LED street lighting with remote management for small municipalities.',
               'energy', true, $1, '{31500000-1}', $2) RETURNING id`,
      [demoing, eva],
    );
    await manager.query(
      `INSERT INTO consortium_members (consortium_id, organisation_id, role) VALUES ($1, $2, 'lead')`,
      [lighting, demoing],
    );
    await manager.query(
      `INSERT INTO consortium_agreements (consortium_id, legal_basis, cost_key, updated_by)
       VALUES ($1, 'art-38-occasional-joint-procurement', 'equal', $2)`,
      [lighting, eva],
    );
    await manager.query(
      `INSERT INTO needs (consortium_id, organisation_id, cpv_code, title, quantity, unit, budget_cents, desired_start, priority,
                          sustainability, status, submitted_at, created_by)
       VALUES ($1, $2, '31500000-1', 'LED street lights with remote dimming', 420, 'luminaires', 25200000, '2027-06-01', 'must',
               true, 'submitted', now(), $3)`,
      [lighting, demoing, eva],
    );
  },
};
