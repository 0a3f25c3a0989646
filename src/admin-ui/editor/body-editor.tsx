import { EditorContent, useEditor } from '@tiptap/react';
import type { Transaction } from '@tiptap/pm/state';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { DocNode, Media } from '../api/types.js';
import { MediaPicker } from '../components/media-picker.js';
import { toEditorDoc, toServerDoc, type EditorJson } from './doc-mapping.js';
import { EditorActionsContext, type EditorActions, type ImageAttrs, type SocialPostAttrs } from './editor-actions.js';
import { createExtensions } from './extensions.js';
import { ImageDetailsDialog } from './image-details-dialog.js';
import { LinkDialog } from './link-dialog.js';
import { cleanPastedHtml } from './paste-cleanup.js';
import { SocialPostDialog } from './social-post-dialog.js';
import { Toolbar } from './toolbar.js';

export interface BodyEditorProps {
  /** The stored body; to load another version, remount with a new key. */
  initial: DocNode;
  editable: boolean;
  /** Called on every change; read the document with the getter from onReady when saving. */
  onChange: () => void;
  onReady: (getDocument: () => DocNode) => void;
  labelId: string;
  /** Shown while the body is empty. */
  placeholder?: string;
}

type Dialog =
  | { kind: 'none' }
  | { kind: 'link'; href: string; needsText: boolean }
  | { kind: 'social'; pos: number | null; attrs: SocialPostAttrs | null }
  | { kind: 'image'; pos: number; attrs: ImageAttrs }
  | { kind: 'picker' };

/** The story body: TipTap with the newsroom's toolbar, custom blocks and paste clean-up. */
export const BodyEditor = memo(function BodyEditor({ initial, editable, onChange, onReady, labelId, placeholder = 'Write the story…' }: BodyEditorProps) {
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [words, setWords] = useState(() => countWords(plainText(initial)));
  const countTimer = useRef<number | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const openLinkRef = useRef<() => void>(() => {});

  // Options must be the same objects on every render: @tiptap/react compares them and
  // otherwise calls setOptions(), whose view.updateState() can drop keys typed meanwhile.
  const options = useMemo(
    () => ({
      extensions: createExtensions({ placeholder, onLinkShortcut: () => openLinkRef.current() }),
      content: toEditorDoc(initial),
      editable,
      shouldRerenderOnTransaction: false,
      editorProps: {
        transformPastedHTML: cleanPastedHtml,
        attributes: { id: 'story-body', class: 'prose', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelId },
      },
      onUpdate: ({ transaction, editor: current }: { transaction: Transaction; editor: { getText: () => string } }) => {
        if (!transaction.docChanged) return;
        onChangeRef.current();
        // Counting walks the whole text: once typing pauses, not on every key.
        window.clearTimeout(countTimer.current);
        countTimer.current = window.setTimeout(() => setWords(countWords(current.getText())), 300);
      },
    }),
    // The document is loaded once per mount (remount with a new key to load another).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const editor = useEditor(options);

  useEffect(() => {
    if (editor) onReady(() => toServerDoc(editor.getJSON() as EditorJson));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  // A count still pending when the editor goes away (a new page's first save navigates) would read a destroyed editor.
  useEffect(() => () => window.clearTimeout(countTimer.current), []);

  openLinkRef.current = () => {
    if (!editor || !editor.isEditable) return;
    const href = (editor.getAttributes('link').href as string | undefined) ?? '';
    if (href) editor.chain().extendMarkRange('link').run();
    setDialog({ kind: 'link', href, needsText: !href && editor.state.selection.empty });
  };

  const actions: EditorActions = useMemo(
    () => ({
      editSocialPost: (pos, attrs) => setDialog({ kind: 'social', pos, attrs }),
      editImage: (pos, attrs) => setDialog({ kind: 'image', pos, attrs }),
    }),
    [],
  );

  if (!editor) return null;
  const close = () => setDialog({ kind: 'none' });
  // Synchronous (TipTap's focus() waits a frame): keys typed right after a dialog closes must land in the text.
  const focusEditor = () => editor.view.focus();

  function setNodeAttrs(pos: number, attrs: object) {
    editor!
      .chain()
      .command(({ tr }) => {
        tr.setNodeMarkup(pos, undefined, attrs);
        return true;
      })
      .run();
  }

  /** Inserts an atom block with a paragraph after it, so the cursor lands in text, not on the block (typing would replace it). */
  function insertBlock(node: { type: string; attrs: object }) {
    editor!.chain().insertContent([node, { type: 'paragraph' }]).run();
  }

  function insertPicture(media: Media) {
    close();
    insertBlock({ type: 'image', attrs: { mediaId: media.id, alt: media.alt || null, caption: media.caption || null, credit: media.credit || null } });
  }

  return (
    <EditorActionsContext.Provider value={actions}>
      <div className="body-editor">
        <Toolbar editor={editor} onLink={() => openLinkRef.current()} onSocialPost={() => setDialog({ kind: 'social', pos: null, attrs: null })} onPicture={() => setDialog({ kind: 'picker' })} />
        <EditorContent editor={editor} className="body-editor-content" />
        <p className="word-count" aria-live="off">
          {words === 1 ? '1 word' : `${words.toLocaleString()} words`} · {Math.max(1, Math.round(words / 200))} min read
        </p>
      </div>
      <LinkDialog
        open={dialog.kind === 'link'}
        initialHref={dialog.kind === 'link' ? dialog.href : ''}
        needsText={dialog.kind === 'link' && dialog.needsText}
        restoreFocus={focusEditor}
        onClose={close}
        onRemove={() => {
          close();
          editor.chain().extendMarkRange('link').unsetLink().run();
        }}
        onApply={(href, text) => {
          close();
          if (dialog.kind === 'link' && dialog.needsText) {
            editor.chain().insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).run();
          } else {
            editor.chain().extendMarkRange('link').setLink({ href }).run();
          }
        }}
      />
      <SocialPostDialog
        open={dialog.kind === 'social'}
        initial={dialog.kind === 'social' ? dialog.attrs : null}
        restoreFocus={focusEditor}
        onClose={close}
        onSave={(attrs) => {
          close();
          if (dialog.kind === 'social' && dialog.pos !== null) setNodeAttrs(dialog.pos, attrs);
          else insertBlock({ type: 'socialPost', attrs });
        }}
      />
      <ImageDetailsDialog
        open={dialog.kind === 'image'}
        initial={dialog.kind === 'image' ? dialog.attrs : null}
        restoreFocus={focusEditor}
        onClose={close}
        onSave={(attrs) => {
          close();
          if (dialog.kind === 'image') setNodeAttrs(dialog.pos, attrs);
        }}
      />
      <MediaPicker open={dialog.kind === 'picker'} title="Insert a picture" onChoose={insertPicture} onClose={close} restoreFocus={focusEditor} />
    </EditorActionsContext.Provider>
  );
});

/** Words as readers count them: runs of letters or digits (any script), not punctuation. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu)?.length ?? 0;
}

/** The text of a stored document, blocks separated by spaces (for the first word count). */
function plainText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const { text, content } = node as { text?: unknown; content?: unknown };
  const own = typeof text === 'string' ? text : '';
  return Array.isArray(content) ? `${own} ${content.map(plainText).join(' ')}` : own;
}
