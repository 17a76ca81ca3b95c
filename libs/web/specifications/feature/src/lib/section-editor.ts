import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/**
 * One section of a specification as a Tiptap editor bound to its Yjs fragment: what anyone types
 * is merged into the shared document, and the carets of the others show with their names.
 */
@Component({
  selector: 'cs-section-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div #host class="section-editor" [attr.data-testid]="'section-editor-' + sectionKey()"></div>`,
})
export class SectionEditor {
  readonly fragment = input.required<Y.XmlFragment>();
  readonly awareness = input.required<Awareness>();
  readonly user = input.required<{ name: string; color: string }>();
  readonly editable = input(true);
  readonly label = input.required<string>();
  readonly sectionKey = input.required<string>();
  /** The editor got the focus: clause insertion goes here. */
  readonly focused = output<Editor>();

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private editor: Editor | null = null;

  constructor() {
    afterNextRender(() => {
      const editor = new Editor({
        element: this.host().nativeElement,
        editable: this.editable(),
        extensions: [
          StarterKit.configure({ undoRedo: false }),
          TableKit,
          Collaboration.configure({ fragment: this.fragment() }),
          CollaborationCaret.configure({ provider: { awareness: this.awareness() }, user: this.user() }),
        ],
        editorProps: {
          attributes: {
            'aria-label': this.label(),
            'aria-multiline': 'true',
            role: 'textbox',
            class: 'section-editor__content',
          },
        },
      });
      editor.on('focus', () => this.focused.emit(editor));
      this.editor = editor;
    });
    effect(() => {
      const editable = this.editable();
      this.editor?.setEditable(editable);
    });
    inject(DestroyRef).onDestroy(() => this.editor?.destroy());
  }
}
