import type { OrganisationKind, RegisterOrganisationRequest } from '@consortio/shared/contracts';

export type OrganisationField = 'country' | 'nutsCode' | 'population' | 'jurisdiction' | 'vatNumber';

/**
 * The kind-specific fields the api requires (libs/api/identity dto): a municipality's country
 * follows from its NUTS 3 code; every other kind names its country.
 */
export const FIELDS_BY_KIND: Readonly<Record<OrganisationKind, readonly OrganisationField[]>> = {
  municipality: ['nutsCode', 'population'],
  'central-purchasing-body': ['country'],
  authority: ['country', 'jurisdiction'],
  supplier: ['country', 'vatNumber'],
};

export const ALL_ORGANISATION_FIELDS: readonly OrganisationField[] = [
  'country',
  'nutsCode',
  'population',
  'jurisdiction',
  'vatNumber',
];

export interface RegisterFormValue {
  organisation: {
    kind: OrganisationKind;
    name: string;
    country: string;
    nutsCode: string;
    population: number | null;
    contactEmail: string;
    jurisdiction: string;
    vatNumber: string;
  };
  admin: {
    displayName: string;
    email: string;
    password: string;
  };
}

const code = (value: string) => value.trim().toUpperCase();

/** The request body with only the fields that belong to the chosen kind (codes upper-cased, text trimmed). */
export function buildRegisterRequest(value: RegisterFormValue, locale: string): RegisterOrganisationRequest {
  const { kind } = value.organisation;
  const fields = FIELDS_BY_KIND[kind];
  const organisation: RegisterOrganisationRequest['organisation'] = { kind, name: value.organisation.name.trim() };
  for (const field of fields) {
    switch (field) {
      case 'population':
        if (value.organisation.population !== null) organisation.population = Number(value.organisation.population);
        break;
      case 'country':
      case 'nutsCode':
      case 'jurisdiction':
      case 'vatNumber':
        organisation[field] = code(value.organisation[field]);
        break;
    }
  }
  const contactEmail = value.organisation.contactEmail.trim();
  if (contactEmail) organisation.contactEmail = contactEmail;
  return {
    organisation,
    admin: {
      email: value.admin.email.trim(),
      password: value.admin.password,
      displayName: value.admin.displayName.trim(),
      locale,
    },
  };
}
