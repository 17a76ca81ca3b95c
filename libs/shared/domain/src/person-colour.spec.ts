import { PERSON_COLOURS, personColour } from './person-colour';

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

describe('personColour', () => {
  it('gives one person the same colour every time', () => {
    const id = '6f1c2d3e-0000-4000-8000-000000000001';
    expect(personColour(id)).toBe(personColour(id));
  });

  it('spreads people over the palette', () => {
    const seen = new Set(
      Array.from({ length: 200 }, (_, index) =>
        personColour(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`),
      ),
    );
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it.each(PERSON_COLOURS)('keeps white text on %s readable (contrast at least 4.5:1)', (colour) => {
    expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});
