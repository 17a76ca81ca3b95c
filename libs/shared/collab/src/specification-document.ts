import * as Y from 'yjs';
import {
  type RichTextNode,
  SECTIONS_ARRAY,
  sectionFragmentName,
  type SpecificationSectionView,
} from '@consortio/shared/contracts';
import { appendRichText, plainText, readRichText } from './rich-text';

/** The section list of a specification document, in reading order. */
export function sectionsOf(doc: Y.Doc): SpecificationSectionView[] {
  return doc
    .getArray<Y.Map<unknown>>(SECTIONS_ARRAY)
    .toArray()
    .map((section) => ({
      id: String(section.get('id')),
      key: String(section.get('key') ?? ''),
      title: String(section.get('title') ?? ''),
    }));
}

export function sectionFragment(doc: Y.Doc, sectionId: string): Y.XmlFragment {
  return doc.getXmlFragment(sectionFragmentName(sectionId));
}

export function sectionRichText(doc: Y.Doc, sectionId: string): RichTextNode[] {
  return readRichText(sectionFragment(doc, sectionId));
}

export function sectionPlainText(doc: Y.Doc, sectionId: string): string {
  return plainText(sectionRichText(doc, sectionId));
}

/** Adds sections at the end, each with its starting text, in one transaction. */
export function appendSections(
  doc: Y.Doc,
  sections: readonly { id: string; key: string; title: string; content: readonly RichTextNode[] }[],
): void {
  doc.transact(() => {
    const list = doc.getArray<Y.Map<unknown>>(SECTIONS_ARRAY);
    for (const section of sections) {
      const entry = new Y.Map<unknown>();
      entry.set('id', section.id);
      entry.set('key', section.key);
      entry.set('title', section.title);
      list.push([entry]);
      appendRichText(sectionFragment(doc, section.id), section.content);
    }
  });
}

/**
 * Makes `doc` read like `source` (a past version): every section's content and the section
 * list are replaced by copies, as new operations. History is not rewritten: the result is an
 * ordinary change that everyone receives, and it can itself be undone by another restore.
 */
export function replaceContent(doc: Y.Doc, source: Y.Doc): void {
  doc.transact(() => {
    const targetList = doc.getArray<Y.Map<unknown>>(SECTIONS_ARRAY);
    const current = sectionsOf(doc);
    const wanted = sectionsOf(source);
    for (const section of current) {
      const fragment = sectionFragment(doc, section.id);
      if (fragment.length > 0) fragment.delete(0, fragment.length);
    }
    if (targetList.length > 0) targetList.delete(0, targetList.length);
    appendSections(
      doc,
      wanted.map((section) => ({ ...section, content: sectionRichText(source, section.id) })),
    );
  });
}

/** A new document holding a snapshot (update v1): for reading versions without touching the live one. */
export function documentFromUpdate(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
