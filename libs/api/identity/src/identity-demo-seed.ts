import type { EntityManager } from 'typeorm';
import type { MembershipRole, OrganisationKind, VerificationStatus } from '@consortio/shared/contracts';
import type { DemoAccount, DemoSeed } from '@consortio/api/platform/database';
import { upsertNutsRegions } from './nuts-regions';
import { hashPassword } from './passwords';

/** Printed by the launcher; demo data only, never in a production database. */
export const DEMO_PASSWORD = 'consortio-demo';

interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  country: string;
  nutsCode?: string;
  population?: number;
  jurisdiction?: string;
  vatNumber?: string;
  verification: VerificationStatus;
}

const REGIONS = [
  { code: 'DE216', countryIso3: 'DEU', name: 'Bad Tölz-Wolfratshausen' },
  { code: 'DE217', countryIso3: 'DEU', name: 'Dachau' },
  { code: 'AT312', countryIso3: 'AUT', name: 'Linz-Wels' },
  { code: 'AT315', countryIso3: 'AUT', name: 'Traunviertel' },
];

// Fictional organisations in real NUTS 3 regions of two countries.
const ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'musterstadt',
    kind: 'municipality',
    name: 'Gemeinde Musterstadt',
    country: 'DE',
    nutsCode: 'DE217',
    population: 14_200,
    verification: 'verified',
  },
  {
    key: 'beispielheim',
    kind: 'municipality',
    name: 'Markt Beispielheim',
    country: 'DE',
    nutsCode: 'DE216',
    population: 8_900,
    verification: 'verified',
  },
  {
    key: 'demoing',
    kind: 'municipality',
    name: 'Marktgemeinde Demoing',
    country: 'AT',
    nutsCode: 'AT312',
    population: 6_300,
    verification: 'verified',
  },
  {
    key: 'probstadt',
    kind: 'municipality',
    name: 'Stadtgemeinde Probstadt',
    country: 'AT',
    nutsCode: 'AT315',
    population: 11_800,
    verification: 'pending',
  },
  {
    key: 'ministry',
    kind: 'authority',
    name: 'Staatsministerium für Digitales (Demo)',
    country: 'DE',
    jurisdiction: 'DE2',
    verification: 'verified',
  },
  {
    key: 'cpb',
    kind: 'central-purchasing-body',
    name: 'Einkaufsgemeinschaft Süd (Demo)',
    country: 'DE',
    verification: 'verified',
  },
  {
    key: 'supplier',
    kind: 'supplier',
    name: 'Smart Grid Werke GmbH (Demo)',
    country: 'DE',
    vatNumber: 'DE999999999',
    verification: 'not-required',
  },
  {
    key: 'supplier2',
    kind: 'supplier',
    name: 'Alpen E-Fahrzeuge AG (Demo)',
    country: 'AT',
    vatNumber: 'ATU99999999',
    verification: 'not-required',
  },
];

const PEOPLE: {
  email: string;
  name: string;
  organisation: string | null;
  role: MembershipRole | null;
  label: string;
  admin?: boolean;
}[] = [
  {
    email: 'admin@consortio.test',
    name: 'Platform Admin',
    organisation: null,
    role: null,
    label: 'platform administrator',
    admin: true,
  },
  {
    email: 'officer@musterstadt.test',
    name: 'Anna Berger',
    organisation: 'musterstadt',
    role: 'procurement-officer',
    label: 'officer, Musterstadt (DE)',
  },
  {
    email: 'admin@musterstadt.test',
    name: 'Jonas Huber',
    organisation: 'musterstadt',
    role: 'org-admin',
    label: 'org admin, Musterstadt (DE)',
  },
  {
    email: 'legal@musterstadt.test',
    name: 'Miriam Vogt',
    organisation: 'musterstadt',
    role: 'legal-reviewer',
    label: 'legal reviewer, Musterstadt',
  },
  {
    email: 'viewer@musterstadt.test',
    name: 'Tobias Frank',
    organisation: 'musterstadt',
    role: 'viewer',
    label: 'viewer, Musterstadt',
  },
  {
    email: 'officer@beispielheim.test',
    name: 'Lukas Maier',
    organisation: 'beispielheim',
    role: 'procurement-officer',
    label: 'officer, Beispielheim (DE)',
  },
  {
    email: 'officer@demoing.test',
    name: 'Eva Gruber',
    organisation: 'demoing',
    role: 'procurement-officer',
    label: 'officer, Demoing (AT)',
  },
  {
    email: 'admin@probstadt.test',
    name: 'Paul Steiner',
    organisation: 'probstadt',
    role: 'org-admin',
    label: 'org admin, Probstadt (AT, unverified)',
  },
  {
    email: 'analyst@ministry.test',
    name: 'Sophie Lang',
    organisation: 'ministry',
    role: 'viewer',
    label: 'ministry observer (DE2)',
  },
  {
    email: 'buyer@cpb.test',
    name: 'Felix Roth',
    organisation: 'cpb',
    role: 'procurement-officer',
    label: 'central purchasing body',
  },
  { email: 'sales@smartgrid.test', name: 'Nora Klein', organisation: 'supplier', role: 'org-admin', label: 'supplier' },
  {
    email: 'bids@alpen-efahrzeuge.test',
    name: 'Jakob Wimmer',
    organisation: 'supplier2',
    role: 'procurement-officer',
    label: 'second supplier (AT)',
  },
];

export const identityDemoSeed: DemoSeed = {
  name: 'identity.demo-organisations',
  accounts: PEOPLE.map((person): DemoAccount => ({ email: person.email, password: DEMO_PASSWORD, role: person.label })),
  async run(manager: EntityManager) {
    await upsertNutsRegions(manager, REGIONS);
    const ids = new Map<string, string>();
    for (const organisation of ORGANISATIONS) {
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO organisations (kind, name, country, nuts_code, population, jurisdiction, vat_number, verification, verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 = 'verified' THEN now() END) RETURNING id`,
        [
          organisation.kind,
          organisation.name,
          organisation.country,
          organisation.nutsCode ?? null,
          organisation.population ?? null,
          organisation.jurisdiction ?? null,
          organisation.vatNumber ?? null,
          organisation.verification,
        ],
      );
      ids.set(organisation.key, id);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const person of PEOPLE) {
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO users (email, display_name, password_hash, locale, platform_admin) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          person.email,
          person.name,
          passwordHash,
          person.email.endsWith('demoing.test') ? 'de' : 'en',
          person.admin === true,
        ],
      );
      if (person.organisation && person.role) {
        await manager.query('INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3)', [
          id,
          ids.get(person.organisation),
          person.role,
        ]);
      }
    }
  },
};
