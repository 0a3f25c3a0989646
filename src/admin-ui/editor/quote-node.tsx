import { mergeAttributes, Node, NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer, wrappingInputRule, type ReactNodeViewProps } from '@tiptap/react';
import { useId } from 'react';

/**
 * A quotation with an optional attribution ("— Minister of Health"), edited
 * in a field under the quoted text. Named `blockquote` like TipTap's own, so
 * stored documents load unchanged.
 */
export const QuoteNode = Node.create({
  name: 'blockquote',
  group: 'block',
  content: 'block+',
  defining: true,

  addAttributes() {
    return {
      attribution: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-attribution') || el.querySelector(':scope > footer, :scope > cite')?.textContent?.replace(/^[\s—–-]+/, '') || null,
        renderHTML: (attrs) => (attrs.attribution ? { 'data-attribution': attrs.attribution } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'blockquote' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['blockquote', mergeAttributes(HTMLAttributes), 0];
  },

  addInputRules() {
    return [wrappingInputRule({ find: /^\s*>\s$/, type: this.type })];
  },

  addKeyboardShortcuts() {
    return { 'Mod-Shift-b': () => this.editor.commands.toggleWrap(this.name) };
  },

  addNodeView() {
    return ReactNodeViewRenderer(QuoteView);
  },
});

function QuoteView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const id = useId();
  const attribution = (node.attrs.attribution as string | null) ?? '';
  return (
    <NodeViewWrapper as="figure" className="quote-block">
      <NodeViewContent<'blockquote'> as="blockquote" className="quote-text" />
      <figcaption className="quote-attribution" contentEditable={false}>
        <label htmlFor={id}>Attribution</label>
        <span aria-hidden="true">—</span>
        <input
          id={id}
          type="text"
          value={attribution}
          placeholder="Who said it (optional)"
          readOnly={!editor.isEditable}
          onChange={(event) => updateAttributes({ attribution: event.target.value || null })}
        />
      </figcaption>
    </NodeViewWrapper>
  );
}
