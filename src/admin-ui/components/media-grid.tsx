import type { Media } from '../api/types.js';

export interface MediaGridProps {
  items: Media[];
  selectedId: string | null;
  onSelect: (media: Media) => void;
  /** What a click does, for the accessible name: "Edit" in the library, "Choose" in a picker. */
  verb: string;
}

function describe(media: Media) {
  return media.alt || media.caption || 'Picture without alt text';
}

export function MediaGrid({ items, selectedId, onSelect, verb }: MediaGridProps) {
  return (
    <ul className="media-grid">
      {items.map((media) => (
        <li key={media.id}>
          <button
            type="button"
            className={media.id === selectedId ? 'media-tile is-selected' : 'media-tile'}
            aria-pressed={media.id === selectedId}
            onClick={() => onSelect(media)}
          >
            <span className="visually-hidden">{verb} </span>
            {media.thumbUrl ? <img src={media.thumbUrl} alt="" loading="lazy" width={240} height={135} /> : <span className="media-processing">Processing…</span>}
            <span className="media-tile-caption">{describe(media)}</span>
            {media.credit && <span className="media-tile-credit">{media.credit}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
