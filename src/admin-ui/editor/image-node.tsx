import { mergeAttributes, Node, NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { useEditorActions, type ImageAttrs } from './editor-actions.js';
import { useMediaItem } from './use-media-item.js';

const ATTRS = ['mediaId', 'src', 'alt', 'caption', 'credit'] as const;
const dataName = (attr: string) => (attr === 'mediaId' ? 'data-media-id' : `data-${attr}`);

/** An inline picture from the media library, with its own alt text, caption and credit for this story. */
export const ImageNode = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    const attrs: Record<string, { default: null; parseHTML: (el: HTMLElement) => string | null; renderHTML: (a: Record<string, unknown>) => Record<string, string> }> = {};
    for (const name of ATTRS) {
      attrs[name] = {
        default: null,
        parseHTML: (el) => el.getAttribute(dataName(name)),
        renderHTML: (a) => (a[name] ? { [dataName(name)]: String(a[name]) } : {}),
      };
    }
    return attrs;
  },

  // Only our own pictures: pasted <img> tags are dropped (pictures come from the library).
  parseHTML() {
    return [{ tag: 'figure[data-media-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['figure', mergeAttributes(HTMLAttributes)];
  },

  addNodeView() {
    return ReactNodeViewRenderer(ImageView);
  },
});

function ImageView({ node, getPos, deleteNode, selected, editor }: ReactNodeViewProps) {
  const { editImage } = useEditorActions();
  const attrs = node.attrs as ImageAttrs;
  const { media, failed } = useMediaItem(attrs.mediaId);
  const src = media?.url ?? media?.thumbUrl ?? null;

  let picture;
  if (!attrs.mediaId) picture = <div className="picture-missing">Imported picture, not yet in the media library{attrs.src ? `: ${attrs.src}` : ''}</div>;
  else if (failed) picture = <div className="picture-missing">This picture is no longer in the media library.</div>;
  else if (src) picture = <img src={src} alt={attrs.alt ?? ''} width={media?.width} height={media?.height} />;
  else picture = <div className="picture-missing">Preparing the picture…</div>;

  return (
    <NodeViewWrapper as="figure" className={selected ? 'embed-card picture-card is-selected' : 'embed-card picture-card'} data-drag-handle="">
      {picture}
      <figcaption>
        {attrs.caption && <span className="picture-caption">{attrs.caption}</span>} {attrs.credit && <span className="picture-credit">Photo: {attrs.credit}</span>}
        {!attrs.alt && <span className="picture-warning">No alt text</span>}
      </figcaption>
      {editor.isEditable && (
        <div className="embed-card-actions" contentEditable={false}>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              const pos = getPos();
              if (typeof pos === 'number') editImage(pos, attrs);
            }}
          >
            Edit picture details
          </button>
          <button type="button" className="button button-small button-danger-quiet" onClick={() => deleteNode()}>
            Remove picture
          </button>
        </div>
      )}
    </NodeViewWrapper>
  );
}
