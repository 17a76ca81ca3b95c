/**
 * The part of OCDS 1.1 (https://standard.open-contracting.org/1.1/en/schema/reference/) that
 * Consortio writes, with the fields of the EU profile's extensions it uses (lots, lot details,
 * lot award criteria, award and item lot links, implementation metrics). Field names and codes
 * are the standard's; optional fields are left out rather than written as null.
 */

/** The release tags of the closed releaseTag codelist. */
export type OcdsReleaseTag =
  | 'planning'
  | 'planningUpdate'
  | 'tender'
  | 'tenderAmendment'
  | 'tenderUpdate'
  | 'tenderCancellation'
  | 'award'
  | 'awardUpdate'
  | 'awardCancellation'
  | 'contract'
  | 'contractUpdate'
  | 'contractAmendment'
  | 'implementation'
  | 'implementationUpdate'
  | 'contractTermination'
  | 'compiled';

export type OcdsTenderStatus =
  | 'planning'
  | 'planned'
  | 'active'
  | 'cancelled'
  | 'unsuccessful'
  | 'complete'
  | 'withdrawn';
export type OcdsAwardStatus = 'pending' | 'active' | 'cancelled' | 'unsuccessful';
export type OcdsContractStatus = 'pending' | 'active' | 'cancelled' | 'terminated';
export type OcdsMilestoneStatus = 'scheduled' | 'met' | 'notMet' | 'partiallyMet';
export type OcdsMethod = 'open' | 'selective' | 'limited' | 'direct';
export type OcdsProcurementCategory = 'goods' | 'works' | 'services';

export interface OcdsValue {
  amount: number;
  currency: 'EUR';
}

export interface OcdsPeriod {
  startDate?: string;
  endDate?: string;
}

export interface OcdsOrganizationReference {
  id: string;
  name: string;
}

export interface OcdsAddress {
  /** A NUTS code. */
  region?: string;
  countryName?: string;
}

export interface OcdsParty {
  id: string;
  name: string;
  roles: string[];
  address?: OcdsAddress;
}

export interface OcdsClassification {
  scheme: 'CPV';
  id: string;
  description?: string;
}

export interface OcdsItem {
  id: string;
  description: string;
  classification: OcdsClassification;
  /** EU profile (lots): the lot the item belongs to. */
  relatedLot: string;
}

export interface OcdsDocument {
  id: string;
  documentType: string;
  title: string;
  url: string;
  datePublished?: string;
  format: string;
}

export interface OcdsMilestone {
  id: string;
  title: string;
  type?: string;
  code?: string;
  description?: string;
  dueDate?: string;
  dateMet?: string;
  status: OcdsMilestoneStatus;
}

export interface OcdsAmendment {
  id: string;
  date: string;
  rationale?: string;
  description: string;
}

/** EU profile (award criteria): one criterion of a lot with its weight. */
export interface OcdsAwardCriterion {
  type: 'price' | 'cost' | 'quality';
  name: string;
  numbers: { number: number; weight: 'percentageExact' }[];
}

/** EU profile (lots). */
export interface OcdsLot {
  id: string;
  title: string;
  status: OcdsTenderStatus;
  value: OcdsValue;
  awardCriteria?: { criteria: OcdsAwardCriterion[] };
}

export interface OcdsTender {
  id: string;
  title: string;
  status: OcdsTenderStatus;
  procuringEntity: OcdsOrganizationReference;
  value: OcdsValue;
  procurementMethod: OcdsMethod;
  procurementMethodDetails: string;
  mainProcurementCategory: OcdsProcurementCategory;
  awardCriteria?: string;
  awardCriteriaDetails?: string;
  items: OcdsItem[];
  tenderPeriod?: OcdsPeriod;
  documents?: OcdsDocument[];
  milestones?: OcdsMilestone[];
  amendments?: OcdsAmendment[];
  lots: OcdsLot[];
  /** EU profile (lots). */
  lotDetails?: { maximumLotsBidPerSupplier: number };
}

export interface OcdsAward {
  id: string;
  title: string;
  status: OcdsAwardStatus;
  date: string;
  value: OcdsValue;
  suppliers: OcdsOrganizationReference[];
  /** EU profile (lots). */
  relatedLots: string[];
}

/** EU profile (metrics): a KPI with its baseline, target and the figures reported per period. */
export interface OcdsObservation {
  id: string;
  period?: OcdsPeriod;
  measure: number;
  unit: { name: string };
  dimensions: Record<string, string>;
}

export interface OcdsMetric {
  id: string;
  title: string;
  description: string;
  observations: OcdsObservation[];
}

export interface OcdsImplementation {
  milestones?: OcdsMilestone[];
  metrics?: OcdsMetric[];
}

export interface OcdsContract {
  id: string;
  awardID: string;
  title: string;
  status: OcdsContractStatus;
  dateSigned: string;
  value: OcdsValue;
  implementation?: OcdsImplementation;
}

export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: OcdsReleaseTag[];
  initiationType: 'tender';
  language: string;
  parties: OcdsParty[];
  buyer?: OcdsOrganizationReference;
  planning?: { budget: { id: string; description: string; amount: OcdsValue } };
  tender: OcdsTender;
  awards?: OcdsAward[];
  contracts?: OcdsContract[];
}

export interface OcdsPublisher {
  name: string;
  uri?: string;
}

/** What every package states besides its releases or records. */
export interface OcdsPackageMeta {
  uri: string;
  version: '1.1';
  extensions: string[];
  publisher: OcdsPublisher;
  license: string;
  publicationPolicy: string;
  publishedDate: string;
}

export interface OcdsReleasePackage extends OcdsPackageMeta {
  releases: OcdsRelease[];
  /** OCDS API pagination: the next page, while there is one. */
  links?: { next: string };
}

export interface OcdsLinkedRelease {
  url: string;
  date: string;
  tag: OcdsReleaseTag[];
}

export interface OcdsRecord {
  ocid: string;
  releases: OcdsLinkedRelease[];
  compiledRelease: OcdsRelease;
}

export interface OcdsRecordPackage extends OcdsPackageMeta {
  /** The release packages the records link into; left out when there are none to name. */
  packages?: string[];
  records: OcdsRecord[];
}

/**
 * The extension.json of each EU-profile extension whose fields Consortio writes, at the versions
 * the profile's patched schema (`../shared/data/ocds/eu-profile`) was built from.
 */
export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.4/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json',
];
