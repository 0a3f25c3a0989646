import { mergeAttributes, Node, NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { formatDateTime } from '../lib/format.js';
import { useEditorActions, type SocialPostAttrs } from './editor-actions.js';

export const NETWORK_LABELS: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  threads: 'Threads',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
  other: 'Other',
};

const ATTRS = ['network', 'author', 'handle', 'url', 'text', 'postedAt'] as const;
const dataName = (attr: string) => `data-${attr.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * A quoted social-media post: stored as text, shown on the site as a static
 * card (no embed script). One block you select, move or delete as a whole,
 * edited through a form.
 */
export const SocialPostNode = Node.create({
  name: 'socialPost',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    const attrs: Record<string, { default: string | null; parseHTML: (el: HTMLElement) => string | null; renderHTML: (a: Record<string, unknown>) => Record<string, string> }> = {};
    for (const name of ATTRS) {
      attrs[name] = {
        default: name === 'network' ? 'x' : name === 'author' || name === 'text' ? '' : null,
        parseHTML: (el) => el.getAttribute(dataName(name)),
        renderHTML: (a) => (a[name] ? { [dataName(name)]: String(a[name]) } : {}),
      };
    }
    return attrs;
  },

  parseHTML() {
    return [{ tag: 'div[data-social-post]' }];
  },

  renderHTML({ HTMLAttributes, node }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-social-post': '' }), String(node.attrs.text ?? '')];
  },

  addNodeView() {
    return ReactNodeViewRenderer(SocialPostView);
  },
});

function SocialPostView({ node, getPos, deleteNode, selected, editor }: ReactNodeViewProps) {
  const { editSocialPost } = useEditorActions();
  const attrs = node.attrs as SocialPostAttrs;
  const network = NETWORK_LABELS[attrs.network] ?? attrs.network;
  return (
    <NodeViewWrapper className={selected ? 'embed-card social-card is-selected' : 'embed-card social-card'} data-drag-handle="">
      <div className="embed-card-label">Quoted {network} post</div>
      <p className="social-author">
        <strong>{attrs.author || 'Unknown author'}</strong> {attrs.handle && <span className="social-handle">{attrs.handle}</span>}
      </p>
      <p className="social-text">{attrs.text || <em>No text yet</em>}</p>
      <p className="social-meta">
        {attrs.postedAt && <span>{formatDateTime(attrs.postedAt)}</span>}
        {attrs.url && <span className="social-url">{attrs.url}</span>}
      </p>
      {editor.isEditable && (
        <div className="embed-card-actions" contentEditable={false}>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              const pos = getPos();
              if (typeof pos === 'number') editSocialPost(pos, attrs);
            }}
          >
            Edit post
          </button>
          <button type="button" className="button button-small button-danger-quiet" onClick={() => deleteNode()}>
            Remove post
          </button>
        </div>
      )}
    </NodeViewWrapper>
  );
}
