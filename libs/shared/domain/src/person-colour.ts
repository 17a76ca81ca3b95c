/**
 * Colours for people in a shared document (carets, presence): dark enough that white text on
 * them passes WCAG AA (contrast of at least 4.5:1), and distinct from each other.
 */
export const PERSON_COLOURS = [
  '#1f5fa8',
  '#a3330f',
  '#1d6b3a',
  '#7a3b96',
  '#8a5a00',
  '#006b75',
  '#b0245e',
  '#4a5a1a',
  '#5c4a9e',
  '#8c2f2f',
] as const;

/** The same person always gets the same colour, on every client and server. */
export function personColour(userId: string): string {
  let hash = 0;
  for (let index = 0; index < userId.length; index++) hash = (hash * 31 + userId.charCodeAt(index)) >>> 0;
  return PERSON_COLOURS[hash % PERSON_COLOURS.length];
}
