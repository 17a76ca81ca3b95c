import { TENDER_STAGES, type ProcedureType, type TenderStage } from '@consortio/shared/contracts';
import type { Procedure } from './procedure-advice';
import {
  isStalled,
  lotAwardRefusal,
  nextTenderStages,
  noticeChangeRefusal,
  reasonRequired,
  tenderTransitionRefusal,
  type TenderFacts,
} from './tender-stage';

describe('tender stage', () => {
  const ready: TenderFacts = {
    participants: 2,
    agreementSigned: true,
    specificationVersionLinked: true,
    approvedSpecificationVersion: true,
    lotCount: 2,
    criteriaValid: true,
    lotRulesValid: true,
    tenderDeadlinePassed: true,
    evaluationRecordedForEveryLot: true,
    everyLotAwarded: true,
    contractSignedOn: '2025-03-01',
    pilotSites: 1,
    pilotEvaluated: true,
    citiesLive: 1,
    reason: null,
  };
  const refusal = (from: TenderStage, to: TenderStage, changes: Partial<TenderFacts> = {}) =>
    tenderTransitionRefusal(from, to, { ...ready, ...changes });

  it('walks forward one stage at a time when every fact is in place', () => {
    for (let i = 0; i < TENDER_STAGES.length - 1; i += 1) {
      expect(refusal(TENDER_STAGES[i], TENDER_STAGES[i + 1])).toBeNull();
    }
  });

  it('refuses skipped stages and names where the tender can go', () => {
    expect(refusal('specification', 'published')).toBe(
      'From specification a tender can only move to approval, market-consultation or closed.',
    );
    expect(refusal('needs-assessment', 'specification')).toBe(
      'From needs-assessment a tender can only move to market-consultation or closed.',
    );
    expect(refusal('evaluation', 'published')).toBe('From evaluation a tender can only move to awarded or closed.');
    expect(refusal('contract-signed', 'awarded')).toMatch(/only move to pilot or closed/);
    expect(refusal('regional-scaleup', 'city-rollout')).toBe('From regional-scaleup a tender can only move to closed.');
    expect(refusal('closed', 'needs-assessment', { reason: 'reopen' })).toBe('A closed tender stays closed.');
    expect(refusal('approval', 'approval')).toBe('The tender is already at approval.');
  });

  it('lists forward first, then the way back, then closed', () => {
    expect(nextTenderStages('needs-assessment')).toEqual(['market-consultation', 'closed']);
    expect(nextTenderStages('market-consultation')).toEqual(['specification', 'needs-assessment', 'closed']);
    expect(nextTenderStages('specification')).toEqual(['approval', 'market-consultation', 'closed']);
    expect(nextTenderStages('approval')).toEqual(['published', 'specification', 'closed']);
    expect(nextTenderStages('published')).toEqual(['evaluation', 'specification', 'closed']);
    expect(nextTenderStages('awarded')).toEqual(['contract-signed', 'evaluation', 'closed']);
    expect(nextTenderStages('pilot')).toEqual(['city-rollout', 'closed']);
    expect(nextTenderStages('regional-scaleup')).toEqual(['closed']);
    expect(nextTenderStages('closed')).toEqual([]);
    for (const stage of TENDER_STAGES) {
      if (stage !== 'closed') expect(nextTenderStages(stage)).toContain('closed');
    }
  });

  it('goes back without a reason before publication', () => {
    expect(refusal('market-consultation', 'needs-assessment')).toBeNull();
    expect(refusal('specification', 'market-consultation')).toBeNull();
    expect(refusal('approval', 'specification')).toBeNull();
  });

  it('closes from any stage, with a reason unless the tender has run its course', () => {
    for (const stage of TENDER_STAGES.filter((s) => s !== 'closed' && s !== 'regional-scaleup')) {
      expect(reasonRequired(stage, 'closed')).toBe(true);
      expect(refusal(stage, 'closed')).toMatch(/^Say why the tender is closed before its end.*Art\. 84\(1\)\(h\)/);
      expect(refusal(stage, 'closed', { reason: '   ' })).toMatch(/Say why/);
      expect(refusal(stage, 'closed', { reason: 'No suitable tenders received.' })).toBeNull();
    }
    expect(reasonRequired('regional-scaleup', 'closed')).toBe(false);
    expect(refusal('regional-scaleup', 'closed')).toBeNull();
  });

  it('withdraws a published procedure and reopens an award only with a reason', () => {
    expect(reasonRequired('published', 'specification')).toBe(true);
    expect(refusal('published', 'specification')).toMatch(/withdrawn to amend the specification.*Art\. 84/);
    expect(refusal('published', 'specification', { reason: 'Lot 2 quantities were wrong.' })).toBeNull();
    expect(reasonRequired('awarded', 'evaluation')).toBe(true);
    expect(refusal('awarded', 'evaluation')).toMatch(/award is reopened/);
    expect(refusal('awarded', 'evaluation', { reason: 'Award set aside on review.' })).toBeNull();
    expect(reasonRequired('approval', 'specification')).toBe(false);
    expect(reasonRequired('approval', 'published')).toBe(false);
  });

  it('sends a fixed version of the specification to approval', () => {
    expect(refusal('specification', 'approval', { specificationVersionLinked: false })).toMatch(/Link a named version/);
  });

  it('publishes only with a signed agreement, an approved version, lots, lot rules and valid criteria', () => {
    expect(refusal('approval', 'published', { agreementSigned: false })).toMatch(
      /sign the joint-procurement agreement.*Art\. 38/,
    );
    expect(refusal('approval', 'published', { approvedSpecificationVersion: false })).toMatch(
      /approved version of the specification/,
    );
    expect(refusal('approval', 'published', { specificationVersionLinked: false })).toMatch(/approved version/);
    expect(refusal('approval', 'published', { lotCount: 0 })).toMatch(/at least one lot.*Art\. 46/);
    expect(refusal('approval', 'published', { lotRulesValid: false })).toMatch(/lot rules.*Art\. 46\(2\)/);
    expect(refusal('approval', 'published', { criteriaValid: false })).toMatch(/award criteria.*total 100.*Art\. 67/);
    // The agreement comes first: without it nobody may publish for the others at all.
    expect(refusal('approval', 'published', { agreementSigned: false, lotCount: 0, criteriaValid: false })).toMatch(
      /Art\. 38/,
    );
  });

  it('needs no joint-procurement agreement when one organisation buys alone', () => {
    // A consortium of one: not joint procurement (Art. 37-38 of Directive 2014/24/EU), nobody to sign with.
    expect(refusal('approval', 'published', { participants: 1, agreementSigned: false })).toBeNull();
    // Every other guard still applies to it.
    expect(refusal('approval', 'published', { participants: 1, agreementSigned: false, lotCount: 0 })).toMatch(
      /at least one lot/,
    );
    expect(
      refusal('approval', 'published', {
        participants: 1,
        agreementSigned: false,
        approvedSpecificationVersion: false,
      }),
    ).toMatch(/approved version/);
    // Two or more buy together: the agreement comes first.
    expect(refusal('approval', 'published', { participants: 2, agreementSigned: false })).toMatch(/Art\. 38/);
  });

  it('opens tenders only after the time limit', () => {
    expect(refusal('published', 'evaluation', { tenderDeadlinePassed: false })).toMatch(/Art\. 22\(3\)/);
  });

  it('is awarded only when every lot is evaluated and awarded', () => {
    expect(refusal('evaluation', 'awarded', { evaluationRecordedForEveryLot: false })).toMatch(
      /evaluation of every lot.*Art\. 84/,
    );
    expect(refusal('evaluation', 'awarded', { everyLotAwarded: false })).toMatch(/Award every lot/);
  });

  it('records a contract only with awards and a signing date', () => {
    expect(refusal('awarded', 'contract-signed', { everyLotAwarded: false })).toMatch(/Award every lot/);
    expect(refusal('awarded', 'contract-signed', { contractSignedOn: null })).toMatch(/date the contract was signed/);
  });

  it('pilots under a signed contract, rolls out on pilot results, scales up from a live city', () => {
    expect(refusal('contract-signed', 'pilot', { contractSignedOn: null })).toMatch(/signed contract/);
    expect(refusal('contract-signed', 'pilot', { pilotSites: 0 })).toMatch(/at least one pilot site/);
    expect(refusal('pilot', 'city-rollout', { pilotEvaluated: false })).toMatch(/pilot's results/);
    expect(refusal('city-rollout', 'regional-scaleup', { citiesLive: 0 })).toMatch(/at least one city rollout/);
  });

  describe('awarding a lot', () => {
    const lot = {
      stage: 'evaluation' as TenderStage,
      evaluationRecorded: true,
      alreadyAwarded: false,
      supplierEvaluated: true,
    };

    it('awards an evaluated lot to an evaluated bidder', () => {
      expect(lotAwardRefusal(lot)).toBeNull();
    });

    it('refuses without an evaluation record, twice, outside evaluation, or to someone not evaluated', () => {
      expect(lotAwardRefusal({ ...lot, evaluationRecorded: false })).toMatch(
        /Record the evaluation of this lot.*Art\. 84/,
      );
      expect(lotAwardRefusal({ ...lot, alreadyAwarded: true })).toMatch(/already awarded/);
      expect(lotAwardRefusal({ ...lot, stage: 'published' })).toBe(
        'Lots are awarded while the tender is at evaluation; this one is at published.',
      );
      expect(lotAwardRefusal({ ...lot, supplierEvaluated: false })).toMatch(/one of the bidders.*Art\. 67/);
    });
  });

  describe('notice changes', () => {
    it('lets the notice change until publication, and again after a withdrawal to specification', () => {
      for (const stage of ['needs-assessment', 'market-consultation', 'specification', 'approval'] as const)
        expect(noticeChangeRefusal(stage)).toBeNull();
      expect(noticeChangeRefusal('published')).toMatch(/Withdraw it to the specification stage/);
      expect(noticeChangeRefusal('awarded')).toMatch(/^The tender is at awarded: .* stay as they were\.$/);
      expect(noticeChangeRefusal('closed')).toBe('A closed tender cannot be changed.');
    });
  });

  describe('stalled', () => {
    const now = new Date('2025-06-30T12:00:00Z');

    it('is stalled after the given number of days without a stage change', () => {
      expect(isStalled('2025-05-31T12:00:00Z', now, 30)).toBe(true);
      expect(isStalled('2025-05-31T12:00:01Z', now, 30)).toBe(false);
      expect(isStalled(new Date('2025-01-01T00:00:00Z'), now, 90)).toBe(true);
      expect(isStalled('2025-06-30T12:00:00Z', now, 1)).toBe(false);
    });

    it('refuses nonsense input', () => {
      expect(() => isStalled('yesterday', now, 30)).toThrow(RangeError);
      expect(() => isStalled('2025-01-01', new Date('nope'), 30)).toThrow(RangeError);
      expect(() => isStalled('2025-01-01', now, 0)).toThrow(RangeError);
      expect(() => isStalled('2025-01-01', now, Number.NaN)).toThrow(RangeError);
    });
  });

  it('names procedures as the procedure advice does, so advice can preselect the tender type', () => {
    // Fails to compile when the advice suggests a procedure the tender does not know.
    const everyAdvisedProcedureIsAType: Procedure extends ProcedureType ? true : false = true;
    expect(everyAdvisedProcedureIsAType).toBe(true);
  });
});
