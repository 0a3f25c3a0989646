import { useEditorState, type ChainedCommands, type Editor } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { BulletListIcon, NumberedListIcon, QuoteIcon, RedoIcon, RuleIcon, UndoIcon } from './toolbar-icons.js';

export interface ToolbarProps {
  editor: Editor;
  onLink: () => void;
  onSocialPost: () => void;
  onPicture: () => void;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/**
 * The formatting toolbar. One tab stop (arrow keys move between buttons, per
 * the ARIA toolbar pattern); mousedown is cancelled so clicking a button never
 * takes the cursor out of the text.
 */
export function Toolbar({ editor, onLink, onSocialPost, onPicture }: ToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      editable: e.isEditable,
    }),
  });
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  // Commands run without TipTap's frame-delayed focus(); focusing synchronously afterwards means
  // the next key, even one typed at once after pressing a button from the keyboard, lands in the text.
  function apply(command: (chain: ChainedCommands) => ChainedCommands) {
    command(editor.chain()).run();
    editor.view.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % buttons.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next < 0) return;
    event.preventDefault();
    setActive(next);
    buttons[next]!.focus();
  }

  let index = 0;
  const button = (label: string, content: ReactNode, run: () => void, options: { pressed?: boolean; shortcut?: string; disabled?: boolean } = {}) => {
    const i = index++;
    return (
      <button
        type="button"
        className="toolbar-button"
        aria-label={label}
        title={options.shortcut ? `${label} (${options.shortcut})` : label}
        aria-pressed={options.pressed}
        aria-keyshortcuts={options.shortcut?.replace('⌘', 'Meta+')}
        disabled={options.disabled || !state.editable}
        tabIndex={i === active ? 0 : -1}
        onFocus={() => setActive(i)}
        onMouseDown={(event) => event.preventDefault()}
        onClick={run}
      >
        {content}
      </button>
    );
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" aria-controls="story-body" ref={ref} onKeyDown={onKeyDown}>
      <div className="toolbar-group">
        {button('Bold', <b>B</b>, () => apply((c) => c.toggleBold()), { pressed: state.bold, shortcut: `${mod}B` })}
        {button('Italic', <i>I</i>, () => apply((c) => c.toggleItalic()), { pressed: state.italic, shortcut: `${mod}I` })}
        {button('Link', 'Link', onLink, { pressed: state.link, shortcut: `${mod}K` })}
      </div>
      <div className="toolbar-group">
        {button('H2 heading', 'H2', () => apply((c) => c.toggleHeading({ level: 2 })), { pressed: state.h2 })}
        {button('H3 heading', 'H3', () => apply((c) => c.toggleHeading({ level: 3 })), { pressed: state.h3 })}
        {button('Bulleted list', <BulletListIcon />, () => apply((c) => c.toggleBulletList()), { pressed: state.bullet })}
        {button('Numbered list', <NumberedListIcon />, () => apply((c) => c.toggleOrderedList()), { pressed: state.ordered })}
      </div>
      <div className="toolbar-group">
        {button('Quote', <QuoteIcon />, () => apply((c) => c.toggleWrap('blockquote')), { pressed: state.quote })}
        {button('Social post', 'Post', onSocialPost)}
        {button('Picture', 'Picture', onPicture)}
        {button('Horizontal rule', <RuleIcon />, () => apply((c) => c.setHorizontalRule()))}
      </div>
      <div className="toolbar-group">
        {button('Undo', <UndoIcon />, () => apply((c) => c.undo()), { disabled: !state.canUndo, shortcut: `${mod}Z` })}
        {button('Redo', <RedoIcon />, () => apply((c) => c.redo()), { disabled: !state.canRedo, shortcut: isMac ? '⌘⇧Z' : 'Ctrl+Y' })}
      </div>
    </div>
  );
}
