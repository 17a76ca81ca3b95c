import type { TenderStage } from '@consortio/shared/contracts';
import { NOTICE_OUT } from '@consortio/shared/domain';
import type {
  OcdsAmendment,
  OcdsAward,
  OcdsContract,
  OcdsDocument,
  OcdsImplementation,
  OcdsItem,
  OcdsLot,
  OcdsMetric,
  OcdsMilestone,
  OcdsOrganizationReference,
  OcdsParty,
  OcdsRelease,
  OcdsReleaseTag,
  OcdsTender,
} from './ocds';
import {
  amountOfCents,
  cents,
  CONTRACTED,
  countryName,
  criteriaDetails,
  kpiPeriod,
  lotCriteria,
  OCDS_CATEGORIES,
  ocdsAmount,
  ocdsAwardCriteria,
  ocdsMethod,
  ocdsTenderStatus,
  ocidOf,
  supplierPartyId,
} from './ocds-codes';
import type { OcdsKpiData, OcdsParticipant, OcdsStageChange, OcdsTenderData } from './ocds-tender-data';

/**
 * A tender as OCDS releases: one per stage change since the tender was first published, plus one
 * for what changed after the last stage change (awards entered during evaluation, a site gone
 * live), each stating the whole process as it stood at its date. What the data keeps a time for
 * (awards, sites, KPI figures, milestones, open calls) is taken as of that date; the tender's own
 * fields are as they stand now, since the notice fixes them from publication on.
 */

export interface OcdsMappingOptions {
  /** The ocid prefix registered with the Open Contracting Partnership (`OCDS_OCID_PREFIX`). */
  ocidPrefix: string;
  /** Where people open the web app; the public open call pages are under it. */
  publicUrl: string;
  language?: string;
}

/**
 * Joint procurement (Art. 38 of Directive 2014/24/EU): every participating municipality buys; the
 * lead runs the procedure for all of them. A central purchasing body as lead (Art. 37) procures
 * on behalf of the members and buys nothing itself. Role codes beyond core are the EU profile's.
 */
function participantRoles(participant: OcdsParticipant): string[] {
  if (participant.role === 'member') return ['buyer'];
  return participant.kind === 'central-purchasing-body'
    ? ['procuringEntity', 'centralPurchasingBody']
    : ['buyer', 'leadBuyer', 'procuringEntity'];
}

const dayStart = (day: string): string => `${day}T00:00:00Z`;
const dayOf = (time: string): string => time.slice(0, 10);
const notAfter = (time: string, at: string): boolean => Date.parse(time) <= Date.parse(at);

/** The data as it stood at `at`, for what keeps a time. */
function asOf(data: OcdsTenderData, at: string): OcdsTenderData {
  const day = dayOf(at);
  return {
    ...data,
    awards: data.awards.filter((award) => notAfter(award.recordedAt, at)),
    milestones: data.milestones
      .filter((milestone) => notAfter(milestone.createdAt, at))
      .map((milestone) => ({
        ...milestone,
        actualOn: milestone.actualOn !== null && milestone.actualOn <= day ? milestone.actualOn : null,
      })),
    sites: data.sites
      .filter((site) => notAfter(site.createdAt, at))
      .map((site) => ({
        ...site,
        liveSince: site.liveSince !== null && site.liveSince <= day ? site.liveSince : null,
      })),
    kpis: data.kpis
      .filter((kpi) => notAfter(kpi.createdAt, at))
      .map((kpi) => ({ ...kpi, values: kpi.values.filter((value) => notAfter(value.enteredAt, at)) })),
    openCalls: data.openCalls.filter((call) => notAfter(call.publishedAt, at)),
  };
}

/** The moment of the latest change the releases can show. */
function latestChange(data: OcdsTenderData): string {
  const times = [
    data.updatedAt,
    ...data.awards.map((award) => award.recordedAt),
    ...data.milestones.flatMap((milestone) => [
      milestone.createdAt,
      ...(milestone.actualOn ? [dayStart(milestone.actualOn)] : []),
    ]),
    ...data.sites.flatMap((site) => [site.createdAt, ...(site.liveSince ? [dayStart(site.liveSince)] : [])]),
    ...data.kpis.flatMap((kpi) => [kpi.createdAt, ...kpi.values.map((value) => value.enteredAt)]),
    ...data.openCalls.map((call) => call.publishedAt),
  ];
  return new Date(Math.max(...times.map((time) => Date.parse(time)))).toISOString();
}

/** Where the process stands at one point of its public history. */
interface Moment {
  at: string;
  stage: TenderStage;
  /** For a closed tender, the stage it was closed at. */
  closedFrom: TenderStage | null;
  /** The stage changes up to this moment. */
  history: OcdsStageChange[];
}

function snapshot(data: OcdsTenderData, moment: Moment, options: OcdsMappingOptions): Omit<OcdsRelease, 'id' | 'tag'> {
  const status = ocdsTenderStatus(moment.stage, moment.closedFrom);
  const cancelled = status === 'cancelled';
  const lead = data.participants.find((participant) => participant.role === 'lead') ?? data.participants[0];
  const leadRef: OcdsOrganizationReference = { id: lead.id, name: lead.name };

  const suppliers = new Map<string, OcdsOrganizationReference>();
  for (const award of data.awards) {
    const id = supplierPartyId(award.supplierName);
    if (!suppliers.has(id)) suppliers.set(id, { id, name: award.supplierName });
  }
  const parties: OcdsParty[] = [
    ...data.participants.map((participant) => ({
      id: participant.id,
      name: participant.name,
      roles: participantRoles(participant),
      address: {
        ...(participant.nutsCode ? { region: participant.nutsCode } : {}),
        countryName: countryName(participant.country),
      },
    })),
    ...[...suppliers.values()].map((supplier) => ({ ...supplier, roles: ['supplier'] })),
  ];
  const buyers = parties.filter((party) => party.roles.includes('buyer'));

  const awardByLot = new Map(data.awards.map((award) => [award.lotId, award]));
  const lots: OcdsLot[] = data.lots.map((lot) => ({
    id: lot.id,
    title: lot.title,
    status: cancelled ? 'cancelled' : awardByLot.has(lot.id) ? 'complete' : status,
    value: ocdsAmount(lot.value),
    ...(lot.criteria ? { awardCriteria: { criteria: lotCriteria(lot.criteria) } } : {}),
  }));
  const items: OcdsItem[] = data.lots.flatMap((lot) =>
    lot.cpv.map((cpv, index) => ({
      id: `${lot.number}-${index + 1}`,
      description: lot.title,
      classification: { scheme: 'CPV', id: cpv.code, ...(cpv.label ? { description: cpv.label } : {}) },
      relatedLot: lot.id,
    })),
  );

  const contracted =
    data.contractSignedOn !== null &&
    (CONTRACTED.includes(moment.stage) || (moment.closedFrom !== null && CONTRACTED.includes(moment.closedFrom)));
  // Once the contract is signed, milestones after that day belong to its implementation.
  const isImplementation = (plannedOn: string) =>
    contracted && data.contractSignedOn !== null && plannedOn > data.contractSignedOn;
  const milestone = (row: OcdsTenderData['milestones'][number]): OcdsMilestone => ({
    id: `milestone-${row.id}`,
    title: row.name,
    dueDate: dayStart(row.plannedOn),
    ...(row.actualOn ? { dateMet: dayStart(row.actualOn) } : {}),
    status: row.actualOn ? 'met' : 'scheduled',
  });
  const tenderMilestones = data.milestones.filter((row) => !isImplementation(row.plannedOn)).map(milestone);

  const publications = moment.history.filter((change) => change.to === 'published');
  const lastPublication = publications[publications.length - 1];
  const amendments: OcdsAmendment[] = moment.history
    .filter((change) => change.reason !== null)
    .map((change) => ({
      id: `stage-change-${change.id}`,
      date: change.changedAt,
      rationale: change.reason ?? undefined,
      description: `The procedure moved from ${change.from ?? 'its start'} to ${change.to}.`,
    }));
  const documents: OcdsDocument[] = data.openCalls.map((call) => ({
    id: `open-call-${call.id}`,
    documentType: call.kind === 'call-for-tenders' ? 'tenderNotice' : 'plannedProcurementNotice',
    title: call.title,
    url: `${options.publicUrl.replace(/\/$/, '')}/open-calls/${call.id}`,
    datePublished: call.publishedAt,
    format: 'text/html',
  }));
  const method = ocdsMethod(data.procedureType);
  const awardCriteria = ocdsAwardCriteria(data.criteria);
  const maximumLotsBid =
    data.lotRules.bidsOn === 'one' ? 1 : data.lotRules.bidsOn === 'several' ? data.lotRules.maxLotsPerTenderer : null;

  const tender: OcdsTender = {
    id: data.id,
    title: data.title,
    status,
    procuringEntity: leadRef,
    value: ocdsAmount(data.estimatedValue),
    procurementMethod: method.method,
    procurementMethodDetails: method.details,
    mainProcurementCategory: OCDS_CATEGORIES[data.consortium.contractKind],
    ...(awardCriteria ? { awardCriteria, awardCriteriaDetails: criteriaDetails(data.criteria) } : {}),
    items,
    ...(lastPublication || data.tenderDeadline
      ? {
          tenderPeriod: {
            ...(lastPublication ? { startDate: lastPublication.changedAt } : {}),
            ...(data.tenderDeadline ? { endDate: data.tenderDeadline } : {}),
          },
        }
      : {}),
    ...(documents.length > 0 ? { documents } : {}),
    ...(tenderMilestones.length > 0 ? { milestones: tenderMilestones } : {}),
    ...(amendments.length > 0 ? { amendments } : {}),
    lots,
    ...(maximumLotsBid !== null ? { lotDetails: { maximumLotsBidPerSupplier: maximumLotsBid } } : {}),
  };

  const lotTitle = new Map(data.lots.map((lot) => [lot.id, `Lot ${lot.number}: ${lot.title}`]));
  const awards: OcdsAward[] = data.awards.map((award) => ({
    id: `award-${award.lotId}`,
    title: lotTitle.get(award.lotId) ?? award.lotId,
    status: cancelled ? 'cancelled' : 'active',
    date: dayStart(award.awardedOn),
    value: ocdsAmount(award.value),
    suppliers: [{ id: supplierPartyId(award.supplierName), name: award.supplierName }],
    relatedLots: [award.lotId],
  }));

  // The solution runs under every lot's contract, so each carries the sites, later milestones and KPIs.
  const implementation: OcdsImplementation = {};
  const implementationMilestones = [
    ...data.milestones.filter((row) => isImplementation(row.plannedOn)).map(milestone),
    ...data.sites.map(
      (site): OcdsMilestone => ({
        id: `site-${site.id}`,
        title: `${site.name} (${site.organisationName})`,
        type: 'delivery',
        code: `${site.stage}-site`,
        description: `Runs the solution at ${site.stage} scale in NUTS region ${site.nutsCode}.`,
        ...(site.liveSince ? { dateMet: dayStart(site.liveSince) } : {}),
        status: site.liveSince ? 'met' : 'scheduled',
      }),
    ),
  ];
  if (implementationMilestones.length > 0) implementation.milestones = implementationMilestones;
  const metrics = data.kpis.map(metric);
  if (metrics.length > 0) implementation.metrics = metrics;
  const contracts: OcdsContract[] = contracted
    ? data.awards.map((award) => ({
        id: `contract-${award.lotId}`,
        awardID: `award-${award.lotId}`,
        title: lotTitle.get(award.lotId) ?? award.lotId,
        status: moment.stage === 'closed' ? 'terminated' : 'active',
        dateSigned: dayStart(data.contractSignedOn ?? award.awardedOn),
        value: ocdsAmount(award.value),
        ...(Object.keys(implementation).length > 0 ? { implementation } : {}),
      }))
    : [];

  const pooledCents = data.lots.length
    ? data.lots.reduce((sum, lot) => sum + cents(lot.pooledBudget ?? lot.value), 0)
    : cents(data.estimatedValue);
  return {
    ocid: ocidOf(options.ocidPrefix, data.id),
    date: moment.at,
    initiationType: 'tender',
    language: options.language ?? 'en',
    parties,
    ...(buyers.length === 1 ? { buyer: { id: buyers[0].id, name: buyers[0].name } } : {}),
    planning: {
      budget: {
        id: 'pooled-budget',
        description:
          'Pooled demand: what the members budgeted for the needs behind the lots (a lot with no needs behind it counts at its estimated value).',
        amount: { amount: amountOfCents(pooledCents), currency: 'EUR' },
      },
    },
    tender,
    ...(awards.length > 0 ? { awards } : {}),
    ...(contracts.length > 0 ? { contracts } : {}),
  };
}

function metric(kpi: OcdsKpiData): OcdsMetric {
  const unit = { name: kpi.unit };
  return {
    id: `kpi-${kpi.id}`,
    title: kpi.name,
    description: `Measured in ${kpi.unit}; the baseline, the target, and each participant's figure per period.`,
    observations: [
      { id: 'baseline', measure: kpi.baseline, unit, dimensions: { observationType: 'baseline' } },
      { id: 'target', measure: kpi.target, unit, dimensions: { observationType: 'target' } },
      ...kpi.values.map((value) => ({
        id: `${value.period}-${value.organisationId}`,
        period: kpiPeriod(value.period),
        measure: value.value,
        unit,
        dimensions: { observationType: 'actual', organization: value.organisationName },
      })),
    ],
  };
}

const TAG_ORDER: readonly OcdsReleaseTag[] = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
];

type Content = Omit<OcdsRelease, 'id' | 'tag'>;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const contractTerms = (content: Content | null) =>
  content?.contracts?.map((contract) => ({ ...contract, implementation: undefined }));
const implementationOf = (content: Content | null) =>
  content?.contracts?.map((contract) => contract.implementation).filter((part) => part !== undefined);

/**
 * The tags of a release: what it adds or changes against the one before (a section first seen is
 * `award`, `contract`…, one that changed is `…Update`), and what its stage change means: a
 * withdrawal to amend is `tenderAmendment`, closing early cancels the tender (and its awards),
 * closing under a contract ends it.
 */
function tagsOf(previous: Content | null, next: Content, change: OcdsStageChange | null): OcdsReleaseTag[] {
  const tags = new Set<OcdsReleaseTag>();
  if (change?.to === 'closed') {
    if (next.tender.status === 'cancelled') {
      tags.add('tenderCancellation');
      if (next.awards) tags.add('awardCancellation');
    } else {
      tags.add('contractTermination');
    }
  } else if (change && previous && !NOTICE_OUT.includes(change.to)) {
    tags.add('tenderAmendment');
  }
  // The stage change already says what happened to the tender, awards and contracts.
  const said = tags.size > 0;
  if (!previous?.planning) tags.add('planning');
  else if (!sameJson(previous.planning, next.planning)) tags.add('planningUpdate');
  if (!previous) tags.add('tender');
  else if (!said && !sameJson(previous.tender, next.tender)) tags.add('tenderUpdate');
  if (next.awards && !previous?.awards) tags.add('award');
  else if (next.awards && !said && !sameJson(previous?.awards, next.awards)) tags.add('awardUpdate');
  if (next.contracts && !previous?.contracts) tags.add('contract');
  else if (next.contracts && !said && !sameJson(contractTerms(previous), contractTerms(next)))
    tags.add('contractUpdate');
  const before = implementationOf(previous) ?? [];
  const after = implementationOf(next) ?? [];
  if (after.length > 0 && before.length === 0) tags.add('implementation');
  else if (after.length > 0 && !said && !sameJson(before, after)) tags.add('implementationUpdate');
  if (tags.size === 0) tags.add('tenderUpdate');
  return TAG_ORDER.filter((tag) => tags.has(tag));
}

/** The stage changes since the first publication; a tender put at a public stage without one gets one made up. */
function publicHistory(data: OcdsTenderData): OcdsStageChange[] {
  const first = data.stageChanges.findIndex((change) => change.to === 'published');
  if (first >= 0) return data.stageChanges.slice(first);
  return [{ id: 'current', from: null, to: data.stage, reason: null, changedAt: data.stageChangedAt }];
}

/** A release with what identifies it first, as people read it. */
function release(content: Content, id: string, tag: OcdsReleaseTag[]): OcdsRelease {
  const { ocid, date, ...rest } = content;
  return { ocid, id, date, tag, ...rest };
}

const compactTime = (time: string) => time.replace(/[-:]/g, '').replace(/\.\d+/, '');

/**
 * Every release of a published tender, oldest first: one per stage change since publication,
 * then one for later changes if there are any the releases would show.
 */
export function tenderReleases(data: OcdsTenderData, options: OcdsMappingOptions): OcdsRelease[] {
  const ocid = ocidOf(options.ocidPrefix, data.id);
  const history = publicHistory(data);
  const releases: OcdsRelease[] = [];
  let previous: Content | null = null;
  let closedFrom: TenderStage | null = null;
  for (const [index, change] of history.entries()) {
    if (change.to === 'closed') closedFrom = change.from;
    const moment: Moment = { at: change.changedAt, stage: change.to, closedFrom, history: history.slice(0, index + 1) };
    const content = snapshot(asOf(data, change.changedAt), moment, options);
    releases.push(release(content, `${ocid}-${change.id}-${change.to}`, tagsOf(previous, content, change)));
    previous = content;
  }
  const last = history[history.length - 1];
  const latest = latestChange(data);
  if (Date.parse(latest) > Date.parse(last.changedAt)) {
    const moment: Moment = { at: latest, stage: data.stage, closedFrom, history };
    const content = snapshot(data, moment, options);
    // Only if the later changes show: a timestamp moved by something the releases leave out is no release.
    if (!sameJson({ ...previous, date: null }, { ...content, date: null })) {
      releases.push(release(content, `${ocid}-${compactTime(latest)}-update`, tagsOf(previous, content, null)));
    }
  }
  return releases;
}

/**
 * The compiled release of a record. Every release states the whole process, so the compiled one
 * is the latest with the `compiled` tag; an award withdrawn after it was released stays out, as
 * it should, where merging the releases field by field would keep it.
 */
export function compiledRelease(releases: OcdsRelease[]): OcdsRelease {
  const latest = releases[releases.length - 1];
  if (!latest) throw new Error('A record needs at least one release');
  return { ...latest, id: `${latest.ocid}-compiled`, tag: ['compiled'] };
}

/**
 * Whether a tender at `stage` is public, given its record: once published it stays public, also
 * while withdrawn to amend the notice and after it closed (PUBLISHED_SQL in the tenders domain).
 */
export function isPublished(stage: TenderStage, stageChanges: Pick<OcdsStageChange, 'to'>[]): boolean {
  return NOTICE_OUT.includes(stage) || stageChanges.some((change) => change.to === 'published');
}
