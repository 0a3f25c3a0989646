import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useAnnounce } from './announcer.js';

/** The drag's payload type: a drop from anywhere else (a file, text) is not a reorder. */
const DRAG_TYPE = 'application/x-dateline-sort';

interface SortableListProps<T> {
  items: T[];
  keyOf: (item: T) => string;
  /** The item's name in button labels and announcements: a headline, a section name. */
  labelOf: (item: T) => string;
  onMove: (from: number, to: number) => void;
  renderItem: (item: T, index: number) => ReactNode;
  /** More buttons beside Move up and Move down, such as Remove. */
  renderActions?: (item: T, index: number) => ReactNode;
  /** The list's accessible name: "Top stories in order". */
  label: string;
  className?: string;
}

/**
 * An ordered list people can rearrange by dragging a row's handle, or with its Move up
 * and Move down buttons. Each move is announced with the new position ("… moved to
 * position 2 of 4"), and focus stays on the button pressed, so a keyboard user can press
 * it again.
 */
export function SortableList<T>({ items, keyOf, labelOf, onMove, renderItem, renderActions, label, className }: SortableListProps<T>) {
  const announce = useAnnounce();
  const listRef = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [refocus, setRefocus] = useState<{ key: string; direction: 'up' | 'down' } | null>(null);

  // React moves the row's node, which drops focus: put it back on the same button (or its twin at an end).
  useEffect(() => {
    if (!refocus || !listRef.current) return;
    const row = listRef.current.querySelector<HTMLElement>(`[data-sort-key="${CSS.escape(refocus.key)}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.direction === 'up' ? 'down' : 'up'}"]`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setRefocus(null);
  }, [refocus, items]);

  function move(from: number, to: number, direction: 'up' | 'down' | null) {
    if (to < 0 || to >= items.length || from === to) return;
    const item = items[from]!;
    onMove(from, to);
    announce(`${labelOf(item)} moved to position ${to + 1} of ${items.length}`);
    if (direction) setRefocus({ key: keyOf(item), direction });
  }

  /** Only rows of this list are dropped here: their key travels in a type of our own, not in React state, which may lag the first dragover. */
  function draggedIndex(event: DragEvent): number {
    const key = event.dataTransfer.getData(DRAG_TYPE);
    return key ? items.findIndex((item) => keyOf(item) === key) : -1;
  }

  function drop(event: DragEvent, index: number) {
    event.preventDefault();
    const from = draggedIndex(event);
    if (from >= 0) move(from, index, null);
    setDragging(null);
    setOver(null);
  }

  return (
    <ol ref={listRef} className={`sortable ${className ?? ''}`} aria-label={label}>
      {items.map((item, index) => {
        const key = keyOf(item);
        const name = labelOf(item);
        const classes = ['sortable-item', dragging === index ? 'is-dragging' : '', over === index && dragging !== index ? 'is-over' : ''].filter(Boolean).join(' ');
        return (
          <li
            key={key}
            data-sort-key={key}
            className={classes}
            onDragOver={(event) => {
              if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              setOver(index);
            }}
            onDragLeave={() => setOver((current) => (current === index ? null : current))}
            onDrop={(event) => drop(event, index)}
          >
            <span
              className="drag-handle"
              draggable
              title="Drag to reorder"
              aria-hidden="true"
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData(DRAG_TYPE, key);
                const row = (event.currentTarget as HTMLElement).closest('li');
                if (row) event.dataTransfer.setDragImage(row, 16, 16);
                setDragging(index);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
            >
              ⠿
            </span>
            <span className="sortable-position" aria-hidden="true">
              {index + 1}
            </span>
            <div className="sortable-body">{renderItem(item, index)}</div>
            <div className="sortable-actions">
              <button type="button" className="button button-small" data-move="up" disabled={index === 0} onClick={() => move(index, index - 1, 'up')} aria-label={`Move ${name} up (now ${index + 1} of ${items.length})`}>
                <span aria-hidden="true">↑</span> Up
              </button>
              <button type="button" className="button button-small" data-move="down" disabled={index === items.length - 1} onClick={() => move(index, index + 1, 'down')} aria-label={`Move ${name} down (now ${index + 1} of ${items.length})`}>
                <span aria-hidden="true">↓</span> Down
              </button>
              {renderActions?.(item, index)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
