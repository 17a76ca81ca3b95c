import { bestHeadline, highlightSegments, MATCH_END, MATCH_START, opening, withEllipses } from './highlight';

const mark = (word: string) => `${MATCH_START}${word}${MATCH_END}`;

describe('highlightSegments', () => {
  it('splits a headline into plain and matched pieces', () => {
    expect(highlightSegments(`replaced old ${mark('lights')} with LED ${mark('Leuchten')}.`)).toEqual([
      { text: 'replaced old ', match: false },
      { text: 'lights', match: true },
      { text: ' with LED ', match: false },
      { text: 'Leuchten', match: true },
      { text: '.', match: false },
    ]);
  });

  it('merges neighbouring matches and keeps a headline without marks whole', () => {
    expect(highlightSegments(`${mark('street')}${mark('lights')} <b>`)).toEqual([
      { text: 'streetlights', match: true },
      { text: ' <b>', match: false },
    ]);
    expect(highlightSegments('no match here')).toEqual([{ text: 'no match here', match: false }]);
    expect(highlightSegments('')).toEqual([]);
  });
});

describe('bestHeadline', () => {
  it('takes the candidate marking the most words, the first on a tie', () => {
    expect(bestHeadline([`a ${mark('b')}`, `${mark('a')} ${mark('b')}`])).toBe(`${mark('a')} ${mark('b')}`);
    expect(bestHeadline(['first', 'second'])).toBe('first');
    expect(bestHeadline([])).toBe('');
  });
});

describe('opening', () => {
  it('keeps a short text and cuts a long one after a whole word', () => {
    expect(opening('  Short\n text. ')).toEqual([{ text: 'Short text.', match: false }]);
    const cut = opening('word '.repeat(100), 32)[0].text;
    expect(cut).toBe('word word word word word word …');
    expect(opening('')).toEqual([]);
  });
});

describe('withEllipses', () => {
  const text = 'One two three. Four five six. Seven eight nine.';

  it('marks a passage cut from the middle on both sides, and one from an end on the other side only', () => {
    expect(
      withEllipses(
        [
          { text: 'Four ', match: false },
          { text: 'five', match: true },
        ],
        text,
      ),
    ).toEqual([
      { text: '… ', match: false },
      { text: 'Four ', match: false },
      { text: 'five', match: true },
      { text: ' …', match: false },
    ]);
    expect(withEllipses([{ text: 'One two', match: true }], text)).toEqual([
      { text: 'One two', match: true },
      { text: ' …', match: false },
    ]);
    expect(withEllipses([{ text: 'eight nine.', match: false }], text)).toEqual([
      { text: '… ', match: false },
      { text: 'eight nine.', match: false },
    ]);
    expect(withEllipses([{ text, match: false }], text)).toEqual([{ text, match: false }]);
    expect(withEllipses([], text)).toEqual([]);
  });
});
