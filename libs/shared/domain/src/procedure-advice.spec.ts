import { adviseProcedure } from './procedure-advice';

const ready = { specifiable: true, onMarket: true, researchNeeded: false, complexOrRisky: false };

describe('adviseProcedure', () => {
  it('recommends the open procedure for a precisely specifiable need the market already serves', () => {
    expect(adviseProcedure(ready)).toMatchObject({ procedure: 'open', article: 'Art. 27 (Art. 26(2))' });
  });

  it('recommends negotiation when the solution needs adapting or the contract is complex', () => {
    expect(adviseProcedure({ ...ready, onMarket: false }).procedure).toBe('competitive-procedure-with-negotiation');
    expect(adviseProcedure({ ...ready, complexOrRisky: true }).reasons).toEqual(['complex-or-risky']);
  });

  it('recommends the competitive dialogue when the need cannot be specified and the contract is complex', () => {
    expect(adviseProcedure({ ...ready, specifiable: false, complexOrRisky: true })).toMatchObject({
      procedure: 'competitive-dialogue',
      article: 'Art. 30, grounds in Art. 26(4)(a)',
    });
  });

  it('recommends an innovation partnership when R&D is needed and the result is to be bought, else pre-commercial procurement', () => {
    const research = { ...ready, onMarket: false, researchNeeded: true };
    expect(adviseProcedure({ ...research, purchaseAfterDevelopment: true }).procedure).toBe('innovation-partnership');
    expect(adviseProcedure(research).procedure).toBe('innovation-partnership');
    expect(adviseProcedure({ ...research, purchaseAfterDevelopment: false }).procedure).toBe(
      'pre-commercial-procurement',
    );
  });

  it('does not send needs the market serves into R&D procedures', () => {
    expect(adviseProcedure({ ...ready, researchNeeded: true }).procedure).toBe('open');
  });
});
