import { Editor } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { FORMATTING_ACTIONS, type FormattingAction, safeLink } from './formatting-actions';

const action = (key: FormattingAction['key']) => {
  const found = FORMATTING_ACTIONS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no action ${key}`);
  return found;
};

describe('formatting actions', () => {
  let editor: Editor;

  beforeEach(() => {
    editor = new Editor({
      element: document.createElement('div'),
      extensions: [StarterKit.configure({ link: { openOnClick: false } }), TableKit],
      content: '<p>Charging points at the town hall</p>',
    });
  });

  afterEach(() => editor.destroy());

  it('makes the paragraph a subheading (h3, below the section title) and back', () => {
    action('heading').run(editor);
    // The trailing-node extension keeps an empty paragraph after a heading to type on.
    expect(editor.getHTML()).toMatch(/^<h3>Charging points at the town hall<\/h3>(<p><\/p>)?$/);
    expect(action('heading').isActive?.(editor)).toBe(true);
    action('paragraph').run(editor);
    expect(editor.getHTML()).toMatch(/^<p>Charging points at the town hall<\/p>/);
    expect(action('heading').isActive?.(editor)).toBe(false);
  });

  it('toggles bold on the selection and reports it as pressed', () => {
    editor.commands.setTextSelection({ from: 1, to: 9 });
    action('bold').run(editor);
    expect(editor.getHTML()).toBe('<p><strong>Charging</strong> points at the town hall</p>');
    expect(action('bold').isActive?.(editor)).toBe(true);
    action('bold').run(editor);
    expect(action('bold').isActive?.(editor)).toBe(false);
  });

  it('turns the paragraph into a bulleted and then a numbered list', () => {
    action('bulletList').run(editor);
    expect(editor.getHTML()).toContain('<ul><li><p>Charging points');
    action('orderedList').run(editor);
    expect(editor.getHTML()).toContain('<ol><li><p>Charging points');
    expect(action('orderedList').isActive?.(editor)).toBe(true);
  });

  it('inserts a 3×3 table with a header row, grows it only inside a table, and deletes it', () => {
    expect(action('addRow').canRun?.(editor)).toBe(false);
    expect(action('table').canRun?.(editor)).toBe(true);
    action('table').run(editor);
    expect(editor.getHTML().match(/<tr>/g)).toHaveLength(3);
    expect(editor.getHTML().match(/<th/g)).toHaveLength(3);
    expect(action('table').canRun?.(editor)).toBe(false);
    expect(action('addRow').canRun?.(editor)).toBe(true);
    action('addRow').run(editor);
    action('addColumn').run(editor);
    expect(editor.getHTML().match(/<tr>/g)).toHaveLength(4);
    expect(editor.getHTML().match(/<th/g)).toHaveLength(4);
    action('deleteTable').run(editor);
    expect(editor.getHTML()).not.toContain('<table');
  });

  it('undoes and redoes a change', () => {
    expect(action('undo').canRun?.(editor)).toBe(false);
    action('heading').run(editor);
    expect(action('undo').canRun?.(editor)).toBe(true);
    action('undo').run(editor);
    expect(editor.getHTML()).toBe('<p>Charging points at the town hall</p>');
    action('redo').run(editor);
    // The trailing-node extension keeps an empty paragraph after a heading to type on.
    expect(editor.getHTML()).toMatch(/^<h3>Charging points at the town hall<\/h3>(<p><\/p>)?$/);
  });
});

describe('safeLink', () => {
  it('accepts web and mail addresses, adding https:// to a bare host', () => {
    expect(safeLink('https://eur-lex.europa.eu/eli/dir/2014/24/oj')).toBe(
      'https://eur-lex.europa.eu/eli/dir/2014/24/oj',
    );
    expect(safeLink('www.musterstadt.de/vergabe')).toBe('https://www.musterstadt.de/vergabe');
    expect(safeLink('mailto:vergabe@musterstadt.de')).toBe('mailto:vergabe@musterstadt.de');
  });

  it('refuses script, data and file links and things that are not addresses', () => {
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('JavaScript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeLink('file:///etc/passwd')).toBeNull();
    expect(safeLink('not an address')).toBeNull();
    expect(safeLink('localhost')).toBeNull();
  });
});
