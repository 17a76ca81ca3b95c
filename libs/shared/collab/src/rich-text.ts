import * as Y from 'yjs';
import type { RichTextNode } from '@consortio/shared/contracts';

/*
 * Tiptap/ProseMirror JSON <-> Yjs XML, in the encoding the Tiptap collaboration binding
 * (y-prosemirror) reads and writes: a node is an XmlElement named after its type with its attrs
 * as attributes; runs of text are one XmlText whose formatting attributes are the marks
 * (`{ bold: {} }`, `{ link: { href } }`). The server uses this to write templates and clauses
 * into a document and to read sections back for diffs, approvals and exports, without a browser.
 */

type Mark = NonNullable<RichTextNode['marks']>[number];

/** Appends the nodes to `parent` (a section fragment or an element). Call inside a transaction. */
export function appendRichText(parent: Y.XmlFragment | Y.XmlElement, nodes: readonly RichTextNode[]): void {
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  let run: RichTextNode[] = [];
  const flushText = () => {
    if (run.length === 0) return;
    const text = new Y.XmlText();
    // Delta inserts must happen once the text is attached to a document; queue them.
    const delta = run.map((node) => ({ insert: node.text ?? '', attributes: marksToAttributes(node.marks) }));
    pending.push(() => text.applyDelta(delta.map((op) => (op.attributes ? op : { insert: op.insert }))));
    children.push(text);
    run = [];
  };
  const pending: (() => void)[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      run.push(node);
      continue;
    }
    flushText();
    const element = new Y.XmlElement(node.type);
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      if (value !== null && value !== undefined) element.setAttribute(key, value as string);
    }
    const content = node.content ?? [];
    pending.push(() => appendRichText(element, content));
    children.push(element);
  }
  flushText();
  parent.insert(parent.length, children);
  for (const fill of pending) fill();
}

function marksToAttributes(marks: readonly Mark[] | undefined): Record<string, unknown> | undefined {
  if (!marks || marks.length === 0) return undefined;
  return Object.fromEntries(marks.map((mark) => [mark.type, mark.attrs ?? {}]));
}

/** The nodes of a fragment or element as Tiptap JSON. */
export function readRichText(parent: Y.XmlFragment | Y.XmlElement): RichTextNode[] {
  const nodes: RichTextNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string') continue;
        const marks = Object.entries(op.attributes ?? {}).map(([type, attrs]) => ({
          // Overlapping marks carry a hash suffix (`comment--abc`); the mark is the part before it.
          type: type.split('--')[0],
          ...(attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
            ? { attrs: attrs as Record<string, unknown> }
            : {}),
        }));
        nodes.push(marks.length > 0 ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
      }
    } else if (child instanceof Y.XmlElement) {
      const attrs = child.getAttributes() as Record<string, unknown>;
      const node: RichTextNode = { type: child.nodeName };
      if (Object.keys(attrs).length > 0) node.attrs = attrs;
      const content = readRichText(child);
      if (content.length > 0) node.content = content;
      nodes.push(node);
    }
  }
  return nodes;
}

const BLOCKS_ON_THEIR_OWN_LINE = new Set([
  'paragraph',
  'heading',
  'listItem',
  'tableRow',
  'blockquote',
  'codeBlock',
  'horizontalRule',
]);

/**
 * Plain text of rich text with one line per block (paragraph, heading, list item, table row;
 * cells separated by a tab): what diffs compare and what section approvals fingerprint.
 */
export function plainText(nodes: readonly RichTextNode[]): string {
  const lines: string[] = [];
  let line = '';
  const walk = (list: readonly RichTextNode[]) => {
    list.forEach((node, index) => {
      if (node.type === 'text') {
        line += node.text ?? '';
        return;
      }
      if (node.type === 'hardBreak') {
        line += '\n';
        return;
      }
      if ((node.type === 'tableCell' || node.type === 'tableHeader') && index > 0) line += '\t';
      const ownLine = BLOCKS_ON_THEIR_OWN_LINE.has(node.type);
      if (ownLine && line.trim() !== '' && node.type !== 'tableRow') {
        lines.push(line);
        line = '';
      }
      walk(node.content ?? []);
      if (ownLine && line !== '') {
        lines.push(line);
        line = '';
      }
    });
  };
  walk(nodes);
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** Plain paragraphs as rich text: for guidance and starter text written as strings. */
export function paragraphs(text: string): RichTextNode[] {
  return text
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ type: 'paragraph', content: [{ type: 'text', text: part }] }));
}
