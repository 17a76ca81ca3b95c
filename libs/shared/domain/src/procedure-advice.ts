/**
 * A first recommendation of the procedure for a pooled purchase, from four questions, with the
 * reasoning and the article it rests on (Directive 2014/24/EU). It advises; the lead authority
 * decides and records the decision.
 */
export interface ProcedureQuestions {
  /** Can the need be specified precisely in advance (technical specifications, Art. 42)? */
  specifiable: boolean;
  /** Does a solution exist on the market, without adaptation? */
  onMarket: boolean;
  /** Is research and development needed to reach a solution? */
  researchNeeded: boolean;
  /** Is the contract complex, or are its legal or financial make-up or risks unusual? */
  complexOrRisky: boolean;
  /** After development, should the same procedure also buy the solution at scale? */
  purchaseAfterDevelopment?: boolean;
}

export type Procedure =
  | 'open'
  | 'restricted'
  | 'competitive-procedure-with-negotiation'
  | 'competitive-dialogue'
  | 'innovation-partnership'
  | 'pre-commercial-procurement';

export interface ProcedureAdvice {
  procedure: Procedure;
  /** Stable keys of the reasons, for translation in the UI. */
  reasons: string[];
  article: string;
  /** Other procedures that would also be lawful, with their article. */
  alternatives: { procedure: Procedure; article: string }[];
}

export function adviseProcedure(questions: ProcedureQuestions): ProcedureAdvice {
  if (questions.researchNeeded && !questions.onMarket) {
    if (questions.purchaseAfterDevelopment === false) {
      return {
        procedure: 'pre-commercial-procurement',
        reasons: ['research-needed', 'no-purchase-at-scale'],
        article: 'Art. 14 (R&D services outside the Directive); Commission Communication COM(2007) 799',
        alternatives: [{ procedure: 'innovation-partnership', article: 'Art. 31' }],
      };
    }
    return {
      procedure: 'innovation-partnership',
      reasons: ['research-needed', 'not-on-market', 'purchase-after-development'],
      article: 'Art. 31',
      alternatives: [{ procedure: 'pre-commercial-procurement', article: 'Art. 14' }],
    };
  }
  if (!questions.specifiable && questions.complexOrRisky) {
    return {
      procedure: 'competitive-dialogue',
      reasons: ['not-specifiable', 'complex-or-risky'],
      article: 'Art. 30, grounds in Art. 26(4)(a)',
      alternatives: [{ procedure: 'competitive-procedure-with-negotiation', article: 'Art. 29' }],
    };
  }
  if (!questions.specifiable || !questions.onMarket || questions.complexOrRisky) {
    return {
      procedure: 'competitive-procedure-with-negotiation',
      reasons: [
        ...(!questions.onMarket ? ['needs-adaptation'] : []),
        ...(!questions.specifiable ? ['not-specifiable'] : []),
        ...(questions.complexOrRisky ? ['complex-or-risky'] : []),
      ],
      article: 'Art. 29, grounds in Art. 26(4)(a)',
      alternatives: [{ procedure: 'competitive-dialogue', article: 'Art. 30' }],
    };
  }
  return {
    procedure: 'open',
    reasons: ['specifiable', 'on-market'],
    article: 'Art. 27 (Art. 26(2))',
    alternatives: [{ procedure: 'restricted', article: 'Art. 28' }],
  };
}
