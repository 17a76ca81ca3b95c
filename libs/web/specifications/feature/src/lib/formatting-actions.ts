import type { Editor } from '@tiptap/core';

/** One button of the section toolbar: what it does, and when it shows as on or is available. */
export interface FormattingAction {
  key:
    | 'paragraph'
    | 'heading'
    | 'bold'
    | 'italic'
    | 'bulletList'
    | 'orderedList'
    | 'link'
    | 'table'
    | 'addRow'
    | 'addColumn'
    | 'deleteTable'
    | 'undo'
    | 'redo';
  glyph: string;
  shortcut?: string;
  /** Shown as pressed (aria-pressed) when active. */
  toggles: boolean;
  run: (editor: Editor) => void;
  isActive?: (editor: Editor) => boolean;
  canRun?: (editor: Editor) => boolean;
}

const inTable = (editor: Editor) => editor.isActive('table');

/**
 * The formatting a specification needs: headings within a section (the section title is the
 * h2, so its subheadings are h3), emphasis, lists, links and tables. Undo and redo are the
 * shared document's, so they take back one's own changes only.
 */
export const FORMATTING_ACTIONS: readonly FormattingAction[] = [
  {
    key: 'paragraph',
    glyph: '¶',
    shortcut: 'Ctrl+Alt+0',
    toggles: true,
    run: (editor) => editor.chain().focus().setParagraph().run(),
    isActive: (editor) => editor.isActive('paragraph'),
  },
  {
    key: 'heading',
    glyph: 'H',
    shortcut: 'Ctrl+Alt+3',
    toggles: true,
    run: (editor) => editor.chain().focus().toggleHeading({ level: 3 }).run(),
    isActive: (editor) => editor.isActive('heading', { level: 3 }),
  },
  {
    key: 'bold',
    glyph: 'B',
    shortcut: 'Ctrl+B',
    toggles: true,
    run: (editor) => editor.chain().focus().toggleBold().run(),
    isActive: (editor) => editor.isActive('bold'),
  },
  {
    key: 'italic',
    glyph: 'I',
    shortcut: 'Ctrl+I',
    toggles: true,
    run: (editor) => editor.chain().focus().toggleItalic().run(),
    isActive: (editor) => editor.isActive('italic'),
  },
  {
    key: 'bulletList',
    glyph: '•',
    shortcut: 'Ctrl+Shift+8',
    toggles: true,
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
    isActive: (editor) => editor.isActive('bulletList'),
  },
  {
    key: 'orderedList',
    glyph: '1.',
    shortcut: 'Ctrl+Shift+7',
    toggles: true,
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
    isActive: (editor) => editor.isActive('orderedList'),
  },
  {
    key: 'link',
    glyph: '🔗',
    toggles: true,
    // Opens the address field; the editor applies it (see SectionEditor.applyLink).
    run: () => undefined,
    isActive: (editor) => editor.isActive('link'),
  },
  {
    key: 'table',
    glyph: '▦',
    toggles: false,
    run: (editor) => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    canRun: (editor) => !inTable(editor),
  },
  {
    key: 'addRow',
    glyph: '+≡',
    toggles: false,
    run: (editor) => editor.chain().focus().addRowAfter().run(),
    canRun: inTable,
  },
  {
    key: 'addColumn',
    glyph: '+⫼',
    toggles: false,
    run: (editor) => editor.chain().focus().addColumnAfter().run(),
    canRun: inTable,
  },
  {
    key: 'deleteTable',
    glyph: '✕▦',
    toggles: false,
    run: (editor) => editor.chain().focus().deleteTable().run(),
    canRun: inTable,
  },
  {
    key: 'undo',
    glyph: '↶',
    shortcut: 'Ctrl+Z',
    toggles: false,
    run: (editor) => editor.chain().focus().undo().run(),
    canRun: (editor) => editor.can().undo(),
  },
  {
    key: 'redo',
    glyph: '↷',
    shortcut: 'Ctrl+Shift+Z',
    toggles: false,
    run: (editor) => editor.chain().focus().redo().run(),
    canRun: (editor) => editor.can().redo(),
  },
];

/**
 * The address a link may point to: web and mail addresses only (a `javascript:` link in a shared
 * document would run in every reader's browser). A bare host gets `https://`.
 */
export function safeLink(value: string): string | null {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.href;
  if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')) return url.href;
  return null;
}
