import type { HighlightSegment } from '@consortio/shared/contracts';

/**
 * ts_headline marks matches with these control characters rather than HTML, so that the text
 * reaches the browser as data and is never parsed as markup; the DTOs refuse them in any text.
 */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** ts_headline options: a few passages of about 15 to 35 words around the matches. */
export const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MinWords=15, MaxWords=35, ShortWord=3, MaxFragments=3, FragmentDelimiter=" … "`;

const MARKS = new RegExp(`${MATCH_START}|${MATCH_END}`, 'g');

/** A headline as segments; adjacent pieces of the same kind are merged. */
export function highlightSegments(headline: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let match = false;
  let from = 0;
  const push = (text: string, marked: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.match === marked) last.text += text;
    else segments.push({ text, match: marked });
  };
  for (const mark of headline.matchAll(MARKS)) {
    push(headline.slice(from, mark.index), match);
    match = mark[0] === MATCH_START;
    from = mark.index + 1;
  }
  push(headline.slice(from), match);
  return segments;
}

/**
 * Marks where a passage was cut from its text: "… " before one that does not start the text,
 * " …" after one that does not end it (ts_headline joins its own passages with " … " already).
 */
export function withEllipses(segments: HighlightSegment[], text: string): HighlightSegment[] {
  if (segments.length === 0) return segments;
  const flat = (value: string) => value.replace(/\s+/g, ' ').trim();
  const whole = flat(text);
  const shown = flat(segments.map((segment) => segment.text).join(''));
  const result = segments.map((segment) => ({ ...segment }));
  if (!whole.startsWith(shown.slice(0, 40))) result.unshift({ text: '… ', match: false });
  if (!whole.endsWith(shown.slice(-40))) result.push({ text: ' …', match: false });
  return result;
}

const marksIn = (headline: string) => headline.split(MATCH_START).length - 1;

/**
 * The headline with the most marked words. Each is cut from the same text under a different
 * configuration (German and English stems), so one may mark "Leuchten" and the other "dimming".
 */
export function bestHeadline(candidates: readonly string[]): string {
  return candidates.reduce(
    (best, candidate) => (marksIn(candidate) > marksIn(best) ? candidate : best),
    candidates[0] ?? '',
  );
}

/** The beginning of a text, cut after a whole word, for a list without a search. */
export function opening(text: string, maxChars = 240): HighlightSegment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat ? [{ text: flat, match: false }] : [];
  const cut = flat.slice(0, maxChars + 1);
  const space = cut.lastIndexOf(' ');
  return [
    {
      text: `${(space > maxChars / 2 ? cut.slice(0, space) : flat.slice(0, maxChars)).replace(/[\s,;:.–-]+$/, '')} …`,
      match: false,
    },
  ];
}
