import * as Y from 'yjs';

/** Whether a Yjs state vector (`Y.encodeStateVector`) counts no struct at all: an empty document's. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/**
 * Whether a document with state vector `held` holds every struct counted in `wanted`. Deletions
 * are not in a state vector: this says nothing about them. Comparing clocks is cheap; encoding
 * the difference (`Y.encodeStateAsUpdate`) walks the whole document.
 */
export function holdsAllOf(held: Uint8Array, wanted: Uint8Array): boolean {
  const clocks = Y.decodeStateVector(held);
  for (const [client, clock] of Y.decodeStateVector(wanted)) if ((clocks.get(client) ?? 0) < clock) return false;
  return true;
}
