import type { TenderStage } from '@consortio/shared/contracts';

/**
 * What is true of a tender and its consortium when someone asks to move it to another stage. The
 * api gathers these; the rules that read them live here so the web can explain a disabled button
 * with the same words the api would answer with.
 */
export interface TenderFacts {
  /** Organisations taking part in the consortium as lead or member (observers do not buy). */
  participants: number;
  /** Every participant has signed the consortium's joint-procurement agreement (Art. 38). */
  agreementSigned: boolean;
  /** A named version of the specification is linked to the tender. */
  specificationVersionLinked: boolean;
  /** That version has been approved by the consortium. */
  approvedSpecificationVersion: boolean;
  lotCount: number;
  /** The criteria of the tender, and of every lot with its own, pass `criteriaRefusal`. */
  criteriaValid: boolean;
  /** The lot rules pass `lotRulesRefusal` for the current lots. */
  lotRulesValid: boolean;
  /** The time limit for receipt of tenders has passed. */
  tenderDeadlinePassed: boolean;
  evaluationRecordedForEveryLot: boolean;
  everyLotAwarded: boolean;
  /** ISO date the contract was signed, or null. */
  contractSignedOn: string | null;
  /** Sites where the solution is being piloted. */
  pilotSites: number;
  /** The pilot's results have been recorded. */
  pilotEvaluated: boolean;
  /** Member municipalities that run the solution city-wide. */
  citiesLive: number;
  /** The reason given with this request, if any. */
  reason: string | null;
}

/**
 * Forward is one stage at a time. The way back exists only where real procedures go back:
 * market consultation can send the group back to its needs, drafting can go back to the market
 * (Art. 40), reviewers can return a specification, a published procedure can be withdrawn to
 * amend it, and an award set aside (on review, say) is evaluated again. Nothing goes back from a
 * signed contract: changes to it are contract modifications (Art. 72), not stages. Any stage may
 * close; see `reasonRequired`.
 */
const NEXT: Record<TenderStage, readonly TenderStage[]> = {
  'needs-assessment': ['market-consultation'],
  'market-consultation': ['specification', 'needs-assessment'],
  specification: ['approval', 'market-consultation'],
  approval: ['published', 'specification'],
  published: ['evaluation', 'specification'],
  evaluation: ['awarded'],
  awarded: ['contract-signed', 'evaluation'],
  'contract-signed': ['pilot'],
  pilot: ['city-rollout'],
  'city-rollout': ['regional-scaleup'],
  'regional-scaleup': ['closed'],
  closed: [],
};

/** Where a tender can go from `from`, forward first, then back, then closed. */
export function nextTenderStages(from: TenderStage): readonly TenderStage[] {
  const next = NEXT[from];
  return from === 'closed' || next.includes('closed') ? next : [...next, 'closed'];
}

/**
 * Whether the move must say why. Closing before the end, withdrawing a published procedure and
 * reopening an award all change what bidders were told, and the record of the procedure must
 * give the reasons (Art. 84(1)(h)).
 */
export function reasonRequired(from: TenderStage, to: TenderStage): boolean {
  if (to === 'closed') return from !== 'regional-scaleup';
  return (from === 'published' && to === 'specification') || (from === 'awarded' && to === 'evaluation');
}

function either(stages: readonly TenderStage[]): string {
  return stages.length === 1 ? stages[0] : `${stages.slice(0, -1).join(', ')} or ${stages[stages.length - 1]}`;
}

/** Why a tender may not move from one stage to another, or null when it may. */
export function tenderTransitionRefusal(from: TenderStage, to: TenderStage, facts: TenderFacts): string | null {
  if (from === to) return `The tender is already at ${to}.`;
  const allowed = nextTenderStages(from);
  if (!allowed.includes(to)) {
    return allowed.length === 0
      ? 'A closed tender stays closed.'
      : `From ${from} a tender can only move to ${either(allowed)}.`;
  }
  if (reasonRequired(from, to) && !facts.reason?.trim()) {
    if (to === 'closed')
      return 'Say why the tender is closed before its end (withdrawn, cancelled, no suitable tenders): the record of the procedure must give the reason (Art. 84(1)(h) of Directive 2014/24/EU).';
    if (to === 'specification')
      return 'Say why the published procedure is withdrawn to amend the specification: bidders are told, and the record of the procedure keeps it (Art. 84 of Directive 2014/24/EU).';
    return 'Say why the award is reopened (set aside on review, for example): the record of the procedure keeps it (Art. 84 of Directive 2014/24/EU).';
  }
  switch (to) {
    case 'approval':
      if (!facts.specificationVersionLinked)
        return 'Link a named version of the specification first: reviewers approve a fixed text, not a document still being edited.';
      return null;
    case 'published':
      // The agreement is what lets the lead buy for the others (Art. 37-38). A consortium of one
      // (a municipality that took over a tender on its own) buys only for itself: that is no joint
      // procurement, and there is nobody to sign with.
      if (facts.participants > 1 && !facts.agreementSigned)
        return 'Every participant must sign the joint-procurement agreement before the lead publishes on their behalf (Art. 38 of Directive 2014/24/EU).';
      if (!facts.specificationVersionLinked || !facts.approvedSpecificationVersion)
        return 'Publish an approved version of the specification: link a named version and have it approved first.';
      if (facts.lotCount < 1)
        return 'Add at least one lot: the contract notice states the lots bidders can tender for (Art. 46 of Directive 2014/24/EU).';
      if (!facts.lotRulesValid)
        return 'Fix the lot rules: the contract notice must say how many lots a tenderer may bid for (Art. 46(2) of Directive 2014/24/EU).';
      if (!facts.criteriaValid)
        return 'Fix the award criteria: for the tender and every lot with its own they must include price or life-cycle cost and their weights must total 100 (Art. 67 of Directive 2014/24/EU).';
      return null;
    case 'evaluation':
      if (!facts.tenderDeadlinePassed)
        return 'Tenders may be opened only after the time limit for receiving them has passed (Art. 22(3) of Directive 2014/24/EU).';
      return null;
    case 'awarded':
      if (!facts.evaluationRecordedForEveryLot)
        return 'Record the evaluation of every lot first: the record of the procedure must show how each award was decided (Art. 84 of Directive 2014/24/EU).';
      if (!facts.everyLotAwarded) return 'Award every lot first: the tender is awarded once each lot has its supplier.';
      return null;
    case 'contract-signed':
      if (!facts.everyLotAwarded) return 'Award every lot before recording the signed contract.';
      if (!facts.contractSignedOn) return 'Enter the date the contract was signed.';
      return null;
    case 'pilot':
      if (!facts.contractSignedOn)
        return 'A pilot runs under a signed contract: enter the date the contract was signed.';
      if (facts.pilotSites < 1) return 'Name at least one pilot site before starting the pilot.';
      return null;
    case 'city-rollout':
      if (!facts.pilotEvaluated)
        return "Record the pilot's results first: the decision to roll out across a city rests on them.";
      return null;
    case 'regional-scaleup':
      if (facts.citiesLive < 1)
        return 'Regional scale-up builds on a city that runs the solution in full: record at least one city rollout first.';
      return null;
    case 'needs-assessment':
    case 'market-consultation':
    case 'specification':
    case 'closed':
      return null;
  }
}

/** The stages at which the contract notice is out: from publication on, bidders rely on what it states. */
export const NOTICE_OUT: readonly TenderStage[] = [
  'published',
  'evaluation',
  'awarded',
  'contract-signed',
  'pilot',
  'city-rollout',
  'regional-scaleup',
];

/**
 * Why what the contract notice states (lots, award criteria, lot rules, procedure, estimated value,
 * specification version) may not change at `stage`, or null when it may. A published procedure
 * is withdrawn to the specification stage to amend it (equal treatment of bidders, Art. 18 of
 * Directive 2014/24/EU); after that it is part of the record of the procedure.
 */
export function noticeChangeRefusal(stage: TenderStage): string | null {
  if (stage === 'closed') return 'A closed tender cannot be changed.';
  if (stage === 'published')
    return 'The tender is published: its lots, award criteria, lot rules, procedure, value and specification are fixed in the contract notice. Withdraw it to the specification stage (with a reason) to amend them.';
  if (NOTICE_OUT.includes(stage))
    return `The tender is at ${stage}: the lots, award criteria, lot rules, procedure, value and specification it was published with stay as they were.`;
  return null;
}

export interface LotAwardFacts {
  stage: TenderStage;
  /** The lot's evaluation is recorded. */
  evaluationRecorded: boolean;
  alreadyAwarded: boolean;
  /** The supplier is one of the bidders in the lot's evaluation record. */
  supplierEvaluated: boolean;
}

/** Why a lot may not be awarded now, or null when it may. */
export function lotAwardRefusal(facts: LotAwardFacts): string | null {
  if (facts.stage !== 'evaluation')
    return `Lots are awarded while the tender is at evaluation; this one is at ${facts.stage}.`;
  if (facts.alreadyAwarded) return 'This lot is already awarded: withdraw that award first to change it.';
  if (!facts.evaluationRecorded)
    return 'Record the evaluation of this lot before awarding it: the record of the procedure must show how the award was decided (Art. 84 of Directive 2014/24/EU).';
  if (!facts.supplierEvaluated)
    return 'Award the lot to one of the bidders in its evaluation record: the award must follow from the evaluation (Art. 67 of Directive 2014/24/EU).';
  return null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a tender has not changed stage for `days` days or more, as observers see it. The caller
 * leaves closed tenders out; long stages (pilot, rollout) may use a larger `days`.
 */
export function isStalled(stageChangedAt: string | Date, now: Date, days: number): boolean {
  const changed = typeof stageChangedAt === 'string' ? new Date(stageChangedAt) : stageChangedAt;
  if (Number.isNaN(changed.getTime())) throw new RangeError(`Not a date: ${String(stageChangedAt)}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  if (!(days > 0)) throw new RangeError('days must be above zero');
  return now.getTime() - changed.getTime() >= days * DAY_MS;
}
