import * as Y from 'yjs';
import { holdsAllOf, isEmptyStateVector } from './state-vectors';

describe('state vectors', () => {
  it('tells an empty document from one that holds something', () => {
    const doc = new Y.Doc();
    expect(isEmptyStateVector(Y.encodeStateVector(doc))).toBe(true);
    doc.getText('t').insert(0, 'a');
    expect(isEmptyStateVector(Y.encodeStateVector(doc))).toBe(false);
  });

  it('says whether one document holds every struct another counts, whoever wrote them', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'from a');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(holdsAllOf(Y.encodeStateVector(b), Y.encodeStateVector(a))).toBe(true);
    b.getText('t').insert(0, 'from b ');
    expect(holdsAllOf(Y.encodeStateVector(b), Y.encodeStateVector(a))).toBe(true);
    expect(holdsAllOf(Y.encodeStateVector(a), Y.encodeStateVector(b))).toBe(false);
    a.getText('t').insert(0, 'more ');
    expect(holdsAllOf(Y.encodeStateVector(b), Y.encodeStateVector(a))).toBe(false);
  });
});
