import type { Editor } from '@tiptap/core';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Parameters<typeof absolutePositionToRelativePosition>[2] };
}

const syncState = (editor: Editor) => ySyncPluginKey.getState(editor.state) as SyncState | undefined;

/**
 * The selected passage as Yjs relative positions: they stay on the same words while others type
 * before them, so a comment keeps pointing at what it was about.
 */
export function anchorOfSelection(editor: Editor): { anchor: { start: string; end: string }; quote: string } | null {
  const { from, to } = editor.state.selection;
  const state = syncState(editor);
  if (from === to || !state?.binding) return null;
  const encode = (position: number) =>
    toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(position, state.type, state.binding.mapping)));
  return {
    anchor: { start: encode(from), end: encode(to) },
    quote: editor.state.doc.textBetween(from, to, ' ').slice(0, 2000),
  };
}

/** Selects and focuses the passage an anchor points at; false when its text is gone. */
export function selectAnchor(editor: Editor, anchor: { start: string; end: string }): boolean {
  const state = syncState(editor);
  if (!state?.binding) return false;
  const resolve = (value: string) =>
    relativePositionToAbsolutePosition(
      state.doc,
      state.type,
      Y.decodeRelativePosition(fromBase64(value)),
      state.binding.mapping,
    );
  const from = resolve(anchor.start);
  const to = resolve(anchor.end);
  if (from === null || to === null || from >= to) return false;
  editor.chain().focus().setTextSelection({ from, to }).scrollIntoView().run();
  return true;
}
