import type { AwardCriterion } from '@consortio/shared/contracts';
import {
  bidsRefusal,
  CHEAP_EXAMPLE_BID,
  criteriaRefusal,
  INNOVATIVE_EXAMPLE_BID,
  priceScores,
  scoreBids,
  weightsPreview,
  type Bid,
} from './award-criteria';

const criteria = (...weights: [AwardCriterion['kind'], number][]): AwardCriterion[] =>
  weights.map(([kind, weight]) => ({ kind, name: kind, weight }));

describe('award criteria', () => {
  it('accepts a cost criterion and weights that total 100', () => {
    expect(criteriaRefusal(criteria(['price', 100]))).toBeNull();
    expect(criteriaRefusal(criteria(['life-cycle-cost', 40], ['quality', 30], ['innovation', 30]))).toBeNull();
    expect(
      criteriaRefusal([
        { kind: 'price', name: 'Price', weight: 40 },
        { kind: 'quality', name: 'Technical approach', weight: 30 },
        { kind: 'quality', name: 'Support', weight: 30 },
      ]),
    ).toBeNull();
  });

  it('needs at least one criterion', () => {
    expect(criteriaRefusal([])).toMatch(/at least one award criterion.*Art\. 67\(5\)/);
  });

  it('states the actual total when the weights do not make 100', () => {
    expect(criteriaRefusal(criteria(['price', 50], ['quality', 49]))).toBe(
      'Weights add up to 99; they must total 100.',
    );
    expect(criteriaRefusal(criteria(['price', 50], ['quality', 51]))).toBe(
      'Weights add up to 101; they must total 100.',
    );
    expect(criteriaRefusal(criteria(['price', 45], ['quality', 50]))).toBe(
      'Weights add up to 95; they must total 100.',
    );
  });

  it('takes whole-percent weights from 1 to 100 only', () => {
    expect(criteriaRefusal(criteria(['price', 100], ['quality', 0]))).toBe(
      'The weight of "quality" is 0; a weight is a whole percent from 1 to 100.',
    );
    expect(criteriaRefusal(criteria(['price', 110], ['quality', -10]))).toMatch(/"price" is 110/);
    expect(criteriaRefusal(criteria(['price', 50.5], ['quality', 49.5]))).toMatch(/"price" is 50\.5/);
    expect(criteriaRefusal(criteria(['price', Number.NaN]))).toMatch(/is NaN/);
  });

  it('needs a name on every criterion, each used once', () => {
    expect(criteriaRefusal([{ kind: 'price', name: '  ', weight: 100 }])).toBe('Give every award criterion a name.');
    expect(
      criteriaRefusal([
        { kind: 'price', name: 'Price', weight: 50 },
        { kind: 'quality', name: 'Quality', weight: 25 },
        { kind: 'sustainability', name: ' quality ', weight: 25 },
      ]),
    ).toBe('Two criteria are named "quality": give each criterion its own name.');
  });

  it('needs exactly one cost criterion, price or life-cycle cost (Art. 67(2))', () => {
    expect(criteriaRefusal(criteria(['quality', 60], ['innovation', 40]))).toMatch(
      /Add a price or a life-cycle cost criterion.*Art\. 67\(2\)/,
    );
    expect(criteriaRefusal(criteria(['price', 50], ['life-cycle-cost', 50]))).toBe(
      'Keep one cost criterion, price or life-cycle cost, not 2 ("price", "life-cycle-cost"): cost is assessed one way or the other (Art. 67(2) of Directive 2014/24/EU).',
    );
    expect(
      criteriaRefusal([
        { kind: 'price', name: 'Purchase price', weight: 50 },
        { kind: 'price', name: 'Maintenance price', weight: 50 },
      ]),
    ).toMatch(/not 2/);
  });

  describe('price scores', () => {
    it('gives the lowest price 100 and the others in proportion', () => {
      expect(priceScores([100_00, 200_00, 125_00])).toEqual([100, 50, 80]);
      expect(priceScores([300, 700])).toEqual([100, 42.86]);
      expect(priceScores([5000, 5000])).toEqual([100, 100]);
      expect(priceScores([])).toEqual([]);
    });

    it('refuses prices that are not whole cents above zero', () => {
      expect(() => priceScores([0, 100])).toThrow(RangeError);
      expect(() => priceScores([10.5])).toThrow(/whole number of cents above zero/);
    });
  });

  describe('scoring bids', () => {
    const weights = criteria(['price', 40], ['quality', 30], ['innovation', 30]);

    it('weights each score, adds the points and ranks best first', () => {
      const ranking = scoreBids(weights, [
        { name: 'Acme', scores: { price: 100, quality: 50, innovation: 20 } },
        { name: 'Borealis', scores: { price: 80, quality: 90, innovation: 90 } },
      ]);
      expect(ranking.map(({ name, rank, total }) => ({ name, rank, total }))).toEqual([
        { name: 'Borealis', rank: 1, total: 86 },
        { name: 'Acme', rank: 2, total: 61 },
      ]);
      expect(ranking[0].criteria).toEqual([
        { name: 'price', kind: 'price', score: 80, points: 32 },
        { name: 'quality', kind: 'quality', score: 90, points: 27 },
        { name: 'innovation', kind: 'innovation', score: 90, points: 27 },
      ]);
    });

    it('scores cost from prices when every bidder has one', () => {
      const ranking = scoreBids(weights, [
        { name: 'Dear', scores: { quality: 100, innovation: 100 }, priceCents: 200_000_00 },
        { name: 'Cheap', scores: { price: 0, quality: 50, innovation: 50 }, priceCents: 100_000_00 },
      ]);
      expect(ranking.map((bid) => [bid.name, bid.criteria[0].score, bid.total])).toEqual([
        ['Dear', 50, 80],
        ['Cheap', 100, 70],
      ]);
    });

    it('scores cost from the given scores when some bidder has no price', () => {
      const ranking = scoreBids(weights, [
        { name: 'A', scores: { price: 10, quality: 100, innovation: 100 }, priceCents: 100 },
        { name: 'B', scores: { price: 100, quality: 100, innovation: 100 } },
      ]);
      expect(ranking.map((bid) => [bid.name, bid.total])).toEqual([
        ['B', 100],
        ['A', 64],
      ]);
    });

    it('lets ties share a rank, ordered by name and then as given', () => {
      const same = { price: 50, quality: 50, innovation: 50 };
      const ranking = scoreBids(weights, [
        { name: 'Zeta', scores: same },
        { name: 'Top', scores: { price: 90, quality: 90, innovation: 90 } },
        { name: 'Alpha', scores: same },
        { name: 'Low', scores: { price: 10, quality: 10, innovation: 10 } },
      ]);
      expect(ranking.map((bid) => [bid.name, bid.rank])).toEqual([
        ['Top', 1],
        ['Alpha', 2],
        ['Zeta', 2],
        ['Low', 4],
      ]);
    });

    it('treats totals equal to two decimals as a tie', () => {
      // 0.1 + 0.2 points would beat 0.3 points by float drift; the totals are rounded first.
      const ranking = scoreBids(criteria(['price', 10], ['quality', 20], ['innovation', 70]), [
        { name: 'Beta', scores: { price: 1, quality: 1, innovation: 0 } },
        { name: 'Alpha', scores: { price: 3, quality: 0, innovation: 0 } },
      ]);
      expect(ranking.map((bid) => [bid.name, bid.rank, bid.total])).toEqual([
        ['Alpha', 1, 0.3],
        ['Beta', 1, 0.3],
      ]);
    });

    it('returns an empty ranking when there were no tenders', () => {
      expect(scoreBids(weights, [])).toEqual([]);
    });

    it('refuses input that cannot be scored, with the reason', () => {
      expect(() => scoreBids(criteria(['price', 90]), [])).toThrow('Weights add up to 90; they must total 100.');
      expect(() => scoreBids(weights, [{ name: 'A', scores: { price: 1, quality: 1 } }])).toThrow(
        '"A" has no score for "innovation": give a score from 0 to 100.',
      );
    });
  });

  describe('bids refusal', () => {
    const weights = criteria(['price', 50], ['quality', 50]);
    const ok: Bid = { name: 'A', scores: { price: 50, quality: 50 } };

    it('passes complete bids', () => {
      expect(bidsRefusal(weights, [ok, { ...ok, name: 'B' }])).toBeNull();
      expect(bidsRefusal(weights, [])).toBeNull();
    });

    it('reports bad criteria first', () => {
      expect(bidsRefusal([], [ok])).toMatch(/at least one award criterion/);
    });

    it('needs named, distinct bidders', () => {
      expect(bidsRefusal(weights, [{ ...ok, name: '' }])).toBe('Give every bidder a name.');
      expect(bidsRefusal(weights, [ok, { ...ok, name: ' a ' }])).toBe(
        'Two bidders are named "a": list each bidder once.',
      );
    });

    it('needs a score from 0 to 100 for every criterion', () => {
      expect(bidsRefusal(weights, [{ name: 'A', scores: { price: 50 } }])).toBe(
        '"A" has no score for "quality": give a score from 0 to 100.',
      );
      expect(bidsRefusal(weights, [{ name: 'A', scores: { quality: 50 } }])).toBe(
        '"A" has no score for "price": give a score from 0 to 100, or a price for every bidder.',
      );
      expect(bidsRefusal(weights, [{ name: 'A', scores: { price: 101, quality: 50 } }])).toBe(
        'The score of "A" for "price" is 101; scores run from 0 to 100.',
      );
      expect(bidsRefusal(weights, [{ name: 'A', scores: { price: 50, quality: -1 } }])).toMatch(/is -1/);
      expect(bidsRefusal(weights, [{ name: 'A', scores: { price: 50, quality: Number.NaN } }])).toMatch(/is NaN/);
      expect(bidsRefusal(weights, [{ name: 'A', scores: { price: 0, quality: 100 } }])).toBeNull();
    });

    it('needs prices above zero when cost is scored from them', () => {
      expect(bidsRefusal(weights, [{ name: 'A', scores: { quality: 50 }, priceCents: 0 }])).toBe(
        'The price of "A" must be above zero, in whole cents.',
      );
      expect(bidsRefusal(weights, [{ name: 'A', scores: { quality: 50 }, priceCents: 10.5 }])).toMatch(/whole cents/);
      expect(bidsRefusal(weights, [{ name: 'A', scores: { quality: 50 }, priceCents: 1000 }])).toBeNull();
    });

    it('needs a price for everyone, or a cost score for everyone', () => {
      expect(
        bidsRefusal(weights, [
          { name: 'A', scores: { quality: 50 }, priceCents: 1000 },
          { name: 'B', scores: { price: 80, quality: 50 } },
        ]),
      ).toBe('"A" has no score for "price": give a score from 0 to 100, or a price for every bidder.');
    });
  });

  describe('weights preview', () => {
    it('shows the example bids it compares', () => {
      expect(CHEAP_EXAMPLE_BID.scores).toEqual({
        price: 100,
        'life-cycle-cost': 100,
        quality: 40,
        sustainability: 40,
        innovation: 40,
      });
      expect(INNOVATIVE_EXAMPLE_BID.scores).toEqual({
        price: 70,
        'life-cycle-cost': 70,
        quality: 95,
        sustainability: 95,
        innovation: 95,
      });
      expect(Object.isFrozen(CHEAP_EXAMPLE_BID.scores)).toBe(true);
    });

    it('lets innovation win when cost does not dominate', () => {
      expect(
        weightsPreview(criteria(['price', 30], ['quality', 20], ['sustainability', 20], ['innovation', 30])),
      ).toEqual({ cheap: 58, innovative: 87.5, winner: 'innovative' });
    });

    it('lets the cheap bid win when price dominates', () => {
      expect(weightsPreview(criteria(['price', 80], ['quality', 20]))).toEqual({
        cheap: 88,
        innovative: 75,
        winner: 'cheap',
      });
      expect(weightsPreview(criteria(['life-cycle-cost', 100]))).toEqual({
        cheap: 100,
        innovative: 70,
        winner: 'cheap',
      });
    });

    it('turns at a cost weight of 64 against 65', () => {
      expect(weightsPreview(criteria(['price', 64], ['quality', 36])).winner).toBe('innovative');
      expect(weightsPreview(criteria(['price', 65], ['innovation', 35])).winner).toBe('cheap');
    });

    it('agrees with scoreBids on valid criteria', () => {
      const weights = criteria(['price', 50], ['quality', 25], ['sustainability', 25]);
      const ranking = scoreBids(weights, [CHEAP_EXAMPLE_BID, INNOVATIVE_EXAMPLE_BID]);
      const preview = weightsPreview(weights);
      expect(ranking.find((bid) => bid.name === 'cheap')?.total).toBe(preview.cheap);
      expect(ranking.find((bid) => bid.name === 'innovative')?.total).toBe(preview.innovative);
      expect(ranking[0].name).toBe(preview.winner);
    });

    it('works on weights still being edited', () => {
      // 45 + 50 = 95: scaled to what is entered so far.
      expect(weightsPreview(criteria(['price', 45], ['quality', 50]))).toEqual(
        weightsPreview(criteria(['price', 9], ['quality', 10])),
      );
      expect(weightsPreview(criteria(['price', 0], ['quality', Number.NaN]))).toEqual({
        cheap: 0,
        innovative: 0,
        winner: 'tie',
      });
      expect(weightsPreview([])).toEqual({ cheap: 0, innovative: 0, winner: 'tie' });
      expect(weightsPreview(criteria(['quality', 50], ['price', -20])).winner).toBe('innovative');
    });
  });
});
