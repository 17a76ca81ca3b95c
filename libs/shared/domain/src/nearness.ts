/**
 * How close another municipality is to you, for "municipalities near you with the same need".
 * CPV: for each of your codes, the deepest level it shares with any of theirs (division 1,
 * group 2, class 3, category 4, the same code 5), added up. Region: NUTS levels in common
 * (country 1, NUTS 1 2, NUTS 2 3, NUTS 3 4). Ranked by need first, then by region.
 */
export interface Nearness {
  cpv: number;
  region: number;
}

function cpvDepth(a: string, b: string): number {
  const da = a.slice(0, 8);
  const db = b.slice(0, 8);
  if (da === db) return 5;
  let shared = 0;
  while (shared < 8 && da[shared] === db[shared]) shared += 1;
  // Division is two digits; group, class and category add one digit each.
  return shared < 2 ? 0 : Math.min(shared - 1, 4);
}

export function nearness(
  myCodes: readonly string[],
  theirCodes: readonly string[],
  myNuts: string | null,
  theirNuts: string | null,
): Nearness {
  let cpv = 0;
  for (const mine of new Set(myCodes)) {
    let best = 0;
    for (const theirs of theirCodes) best = Math.max(best, cpvDepth(mine, theirs));
    cpv += best;
  }
  let region = 0;
  if (myNuts && theirNuts) {
    let shared = 0;
    while (shared < Math.min(myNuts.length, theirNuts.length) && myNuts[shared] === theirNuts[shared]) shared += 1;
    region = shared < 2 ? 0 : shared - 1;
  }
  return { cpv, region };
}

export function compareNearness(a: Nearness, b: Nearness): number {
  return b.cpv - a.cpv || b.region - a.region;
}
