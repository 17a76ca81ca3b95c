import * as Y from 'yjs';
import type { RichTextNode } from '@consortio/shared/contracts';
import { appendRichText, paragraphs, plainText, readRichText } from './rich-text';
import {
  appendSections,
  documentFromUpdate,
  replaceContent,
  sectionPlainText,
  sectionsOf,
} from './specification-document';

const clause: RichTextNode[] = [
  { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Data location' }] },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Data stays in the ' },
      { type: 'text', text: 'EU/EEA', marks: [{ type: 'bold' }] },
      { type: 'text', text: '.' },
    ],
  },
  {
    type: 'bulletList',
    content: [
      { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Art. 28 GDPR' }] }] },
      { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Art. 32 GDPR' }] }] },
    ],
  },
];

describe('rich text in Yjs', () => {
  it('writes Tiptap JSON as the XML the collaboration binding reads, and reads it back unchanged', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('section:x');
    doc.transact(() => appendRichText(fragment, clause));
    expect(readRichText(fragment)).toEqual(clause);
    expect(fragment.toString()).toContain('<heading level="3">Data location</heading>');
    expect(fragment.toString()).toContain('<bold>EU/EEA</bold>');
  });

  it('gives one line per block for diffs and approvals', () => {
    expect(plainText(clause)).toBe('Data location\nData stays in the EU/EEA.\nArt. 28 GDPR\nArt. 32 GDPR');
    expect(plainText(paragraphs('One.\n\nTwo.'))).toBe('One.\nTwo.');
  });
});

describe('specification documents', () => {
  it('restores an old state as new operations that other replicas can apply', () => {
    const live = new Y.Doc();
    appendSections(live, [
      { id: 's1', key: 'purpose', title: 'Purpose', content: paragraphs('Old purpose.') },
      { id: 's2', key: 'scope', title: 'Scope', content: paragraphs('Old scope.') },
    ]);
    const version = documentFromUpdate(Y.encodeStateAsUpdate(live));
    const replica = documentFromUpdate(Y.encodeStateAsUpdate(live));
    const fragment = live.getXmlFragment('section:s1');
    fragment.insert(fragment.length, [new Y.XmlElement('paragraph')]);
    (fragment.get(1) as Y.XmlElement).insert(0, [new Y.XmlText('Added later.')]);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live, Y.encodeStateVector(replica)));
    expect(sectionPlainText(replica, 's1')).toBe('Old purpose.\nAdded later.');

    const changes: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => changes.push(update));
    replaceContent(live, version);
    Y.applyUpdate(replica, Y.mergeUpdates(changes));
    expect(sectionsOf(replica)).toEqual(sectionsOf(version));
    expect(sectionPlainText(replica, 's1')).toBe('Old purpose.');
    expect(sectionPlainText(replica, 's2')).toBe('Old scope.');
  });
});
