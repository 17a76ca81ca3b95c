import type { TenderLineageNode } from '@consortio/shared/contracts';

export type LineageEntry = Omit<TenderLineageNode, 'replicas'>;

/**
 * Nests the tenders of one lineage under the tenders they were replicated from, oldest replica
 * first, with `originId` at the root. Entries whose parent is not in the list are left out (the
 * query reads the tree down from the origin, so there are none).
 */
export function lineageTree(originId: string, entries: readonly LineageEntry[]): TenderLineageNode {
  const nodes = new Map<string, TenderLineageNode>(
    entries.map((entry) => [entry.tenderId, { ...entry, replicas: [] }]),
  );
  const origin = nodes.get(originId);
  if (!origin) throw new RangeError(`The origin ${originId} is not among the entries`);
  const ordered = [...nodes.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.tenderId.localeCompare(b.tenderId),
  );
  for (const node of ordered) {
    if (node === origin || node.replicatedFromId === null) continue;
    nodes.get(node.replicatedFromId)?.replicas.push(node);
  }
  return origin;
}

/** How many tenders a tree holds. */
export function lineageSize(node: TenderLineageNode): number {
  return 1 + node.replicas.reduce((sum, replica) => sum + lineageSize(replica), 0);
}
