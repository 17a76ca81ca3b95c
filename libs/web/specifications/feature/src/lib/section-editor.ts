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
  signal,
  viewChild,
} from '@angular/core';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { FORMATTING_ACTIONS, type FormattingAction, safeLink } from './formatting-actions';

/**
 * One section of a specification as a Tiptap editor bound to its Yjs fragment: what anyone types
 * is merged into the shared document, and the carets of the others show with their names. The
 * toolbar above it is one tab stop (arrow keys move within it, as a WAI-ARIA toolbar does);
 * every action also has its keyboard shortcut in the text.
 */
@Component({
  selector: 'cs-section-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @if (editable()) {
      <div
        class="section-toolbar"
        role="toolbar"
        [attr.aria-label]="'spec.toolbar' | t: { section: label() }"
        [attr.aria-controls]="'editor-' + sectionKey()"
      >
        @for (action of actions; track action.key; let index = $index) {
          <button
            type="button"
            class="section-toolbar__button"
            [attr.tabindex]="index === focusIndex() ? 0 : -1"
            [attr.aria-pressed]="action.toggles ? active()[action.key] === true : null"
            [attr.aria-label]="labelOf(action) | t"
            [title]="(labelOf(action) | t) + (action.shortcut ? ' (' + action.shortcut + ')' : '')"
            [attr.data-testid]="'format-' + action.key + '-' + sectionKey()"
            [attr.aria-disabled]="available()[action.key] ? null : 'true'"
            (mousedown)="$event.preventDefault()"
            (keydown)="moveInToolbar($event)"
            (click)="run(action, index)"
          >
            {{ action.glyph }}
          </button>
        }
      </div>
      @if (linkOpen()) {
        <form class="section-link" (submit)="applyLink($event)">
          <label [attr.for]="'link-' + sectionKey()">{{ 'spec.format.linkAddress' | t }}</label>
          <input
            #linkInput
            type="url"
            [id]="'link-' + sectionKey()"
            [value]="linkValue()"
            (input)="linkValue.set(linkInput.value)"
            (keydown.escape)="closeLink()"
            placeholder="https://"
            [attr.data-testid]="'link-address-' + sectionKey()"
          />
          <button type="submit">{{ 'spec.format.linkApply' | t }}</button>
          <button type="button" (click)="closeLink()">{{ 'spec.format.linkCancel' | t }}</button>
          @if (linkError()) {
            <span role="alert" class="section-link__error">{{ 'spec.format.linkInvalid' | t }}</span>
          }
        </form>
      }
    }
    <div
      #host
      class="section-editor"
      [id]="'editor-' + sectionKey()"
      [attr.data-testid]="'section-editor-' + sectionKey()"
    ></div>
  `,
  styles: `
    .section-toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-bottom: 0.25rem;
    }
    .section-toolbar__button {
      min-width: 2.25rem;
      min-height: 2.25rem;
      border: 1px solid #8a96a0;
      border-radius: 4px;
      background: #fff;
      color: #1d2730;
      font: inherit;
      cursor: pointer;
    }
    .section-toolbar__button[aria-pressed='true'] {
      background: #1d4f7a;
      color: #fff;
    }
    .section-toolbar__button[aria-disabled='true'] {
      opacity: 0.45;
      cursor: default;
    }
    .section-toolbar__button:focus-visible,
    .section-link input:focus-visible {
      outline: 3px solid #1d4f7a;
      outline-offset: 1px;
    }
    .section-link {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-bottom: 0.25rem;
    }
    .section-link__error {
      color: #a3330f;
    }
  `,
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

  protected readonly actions = FORMATTING_ACTIONS;
  protected readonly focusIndex = signal(0);
  protected readonly active = signal<Partial<Record<FormattingAction['key'], boolean>>>({});
  protected readonly available = signal<Partial<Record<FormattingAction['key'], boolean>>>({});
  protected readonly linkOpen = signal(false);
  protected readonly linkValue = signal('');
  protected readonly linkError = signal(false);

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private editor: Editor | null = null;

  constructor() {
    afterNextRender(() => {
      const editor = new Editor({
        element: this.host().nativeElement,
        editable: this.editable(),
        extensions: [
          StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
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
      editor.on('transaction', () => this.refreshState(editor));
      this.editor = editor;
      this.refreshState(editor);
    });
    effect(() => {
      const editable = this.editable();
      this.editor?.setEditable(editable);
    });
    inject(DestroyRef).onDestroy(() => this.editor?.destroy());
  }

  protected labelOf(action: FormattingAction): TranslationKey {
    return `spec.format.${action.key}`;
  }

  protected run(action: FormattingAction, index: number): void {
    this.focusIndex.set(index);
    const editor = this.editor;
    // Unavailable buttons stay focusable (the toolbar keeps its tab stop) but do nothing.
    if (!editor || !this.available()[action.key]) return;
    if (action.key === 'link') {
      this.linkValue.set((editor.getAttributes('link')['href'] as string | undefined) ?? '');
      this.linkError.set(false);
      this.linkOpen.set(true);
      setTimeout(() =>
        this.host().nativeElement.parentElement?.querySelector<HTMLInputElement>('.section-link input')?.focus(),
      );
      return;
    }
    action.run(editor);
  }

  protected applyLink(event: Event): void {
    event.preventDefault();
    const editor = this.editor;
    if (!editor) return;
    const value = this.linkValue().trim();
    if (value === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      this.linkOpen.set(false);
      return;
    }
    const href = safeLink(value);
    if (!href) {
      this.linkError.set(true);
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    this.linkOpen.set(false);
  }

  protected closeLink(): void {
    this.linkOpen.set(false);
    this.editor?.commands.focus();
  }

  /** Arrow keys, Home and End move the focus within the toolbar (WAI-ARIA toolbar pattern). */
  protected moveInToolbar(event: KeyboardEvent): void {
    const last = this.actions.length - 1;
    const moves: Record<string, (current: number) => number> = {
      ArrowRight: (current) => (current >= last ? 0 : current + 1),
      ArrowLeft: (current) => (current <= 0 ? last : current - 1),
      Home: () => 0,
      End: () => last,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next = move(this.focusIndex());
    this.focusIndex.set(next);
    const toolbar = (event.currentTarget as HTMLElement).closest('[role="toolbar"]');
    toolbar?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  }

  private refreshState(editor: Editor): void {
    const active: Partial<Record<FormattingAction['key'], boolean>> = {};
    const available: Partial<Record<FormattingAction['key'], boolean>> = {};
    for (const action of this.actions) {
      active[action.key] = action.isActive?.(editor) ?? false;
      available[action.key] = editor.isEditable && (action.canRun?.(editor) ?? true);
    }
    this.active.set(active);
    this.available.set(available);
  }
}
