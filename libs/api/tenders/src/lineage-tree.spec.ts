import { type LineageEntry, lineageSize, lineageTree } from './lineage-tree';

const entry = (tenderId: string, replicatedFromId: string | null, createdAt: string): LineageEntry => ({
  tenderId,
  title: tenderId,
  consortiumId: `c-${tenderId}`,
  consortiumName: `Consortium ${tenderId}`,
  region: null,
  stage: 'needs-assessment',
  replicatedFromId,
  createdAt,
});

describe('lineage tree', () => {
  it('nests replicas under the tender they were copied from, oldest first', () => {
    const tree = lineageTree('a', [
      entry('c', 'a', '2027-03-01T00:00:00.000Z'),
      entry('a', null, '2027-01-01T00:00:00.000Z'),
      entry('d', 'b', '2027-04-01T00:00:00.000Z'),
      entry('b', 'a', '2027-02-01T00:00:00.000Z'),
    ]);
    expect(tree.tenderId).toBe('a');
    expect(tree.replicas.map((node) => node.tenderId)).toEqual(['b', 'c']);
    expect(tree.replicas[0].replicas.map((node) => node.tenderId)).toEqual(['d']);
    expect(tree.replicas[1].replicas).toEqual([]);
    expect(lineageSize(tree)).toBe(4);
  });

  it('is a single node for a tender never replicated', () => {
    const tree = lineageTree('a', [entry('a', null, '2027-01-01T00:00:00.000Z')]);
    expect(tree).toMatchObject({ tenderId: 'a', replicas: [] });
    expect(lineageSize(tree)).toBe(1);
  });

  it('needs the origin among the entries', () => {
    expect(() => lineageTree('x', [entry('a', null, '2027-01-01T00:00:00.000Z')])).toThrow(RangeError);
  });
});
