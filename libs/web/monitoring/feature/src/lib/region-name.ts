/**
 * A region's name, or null where the api knows only its code. The api names countries and NUTS 3
 * regions (the reference data it imports holds no names of NUTS 1 and 2) and otherwise puts the
 * code where the name goes; a page that shows both must not say "DE21 DE21".
 */
export function knownRegionName(region: { code: string; name?: string | null }): string | null {
  const name = region.name?.trim();
  return name && name !== region.code ? name : null;
}
