import { useEffect, useState, type DragEvent, type ReactNode, type RefObject } from 'react';
import { useAnnounce } from './announcer.js';

/** The drag's payload type: a drop from anywhere else (a file, text) is not a reorder. */
const DRAG_TYPE = 'application/x-dateline-sort';

/** What a row (an <li>, a <tr>) needs to take drops; its `className` from rowProps says whether it is dragged or dragged over. */
export interface RowDragProps {
  'data-sort-key': string;
  onDragOver: (event: DragEvent) => void;
  onDragLeave: () => void;
  onDrop: (event: DragEvent) => void;
}

export interface ReorderOptions<T> {
  items: T[];
  keyOf: (item: T) => string;
  /** The item's name in button labels and announcements: a headline, a section name. */
  labelOf: (item: T) => string;
  onMove: (from: number, to: number) => void;
  /** The element holding the rows (an <ol>, a <tbody>), where focus is put back after a move. */
  container: RefObject<HTMLElement | null>;
}

/**
 * Reordering shared by the sortable list and the data table: rows are dragged by a handle
 * or moved with Move up / Move down. Each move is announced with the new position ("…
 * moved to position 2 of 4"), and focus stays on the button pressed, so a keyboard user
 * can press it again. The caller renders the rows; this supplies their props and buttons.
 */
export function useReorder<T>({ items, keyOf, labelOf, onMove, container }: ReorderOptions<T>) {
  const announce = useAnnounce();
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [refocus, setRefocus] = useState<{ key: string; direction: 'up' | 'down' } | null>(null);

  // React moves the row's node, which drops focus: put it back on the same button (or its twin at an end).
  useEffect(() => {
    if (!refocus || !container.current) return;
    const row = container.current.querySelector<HTMLElement>(`[data-sort-key="${CSS.escape(refocus.key)}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.direction === 'up' ? 'down' : 'up'}"]`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setRefocus(null);
  }, [refocus, items, container]);

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

  function endDrag() {
    setDragging(null);
    setOver(null);
  }

  /** Props for row `index`: it is a drop target, and its classes say whether it is dragged or dragged over. */
  function rowProps(index: number): RowDragProps & { className: string } {
    return {
      'data-sort-key': keyOf(items[index]!),
      className: [dragging === index ? 'is-dragging' : '', over === index && dragging !== index ? 'is-over' : ''].filter(Boolean).join(' '),
      onDragOver(event: DragEvent) {
        if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(index);
      },
      onDragLeave() {
        setOver((current) => (current === index ? null : current));
      },
      onDrop(event: DragEvent) {
        event.preventDefault();
        const from = draggedIndex(event);
        if (from >= 0) move(from, index, null);
        endDrag();
      },
    };
  }

  /** The grip a mouse drags; hidden from screen readers, who have the buttons. */
  function handle(index: number): ReactNode {
    const key = keyOf(items[index]!);
    return (
      <span
        className="drag-handle"
        draggable
        title="Drag to reorder"
        aria-hidden="true"
        onDragStart={(event) => {
          event.dataTransfer.effectAllowed = 'move';
          event.dataTransfer.setData(DRAG_TYPE, key);
          const row = (event.currentTarget as HTMLElement).closest('[data-sort-key]');
          if (row) event.dataTransfer.setDragImage(row, 16, 16);
          setDragging(index);
        }}
        onDragEnd={endDrag}
      >
        ⠿
      </span>
    );
  }

  function moveButtons(index: number): ReactNode {
    const name = labelOf(items[index]!);
    const where = `(now ${index + 1} of ${items.length})`;
    return (
      <>
        <button type="button" className="button button-small" data-move="up" disabled={index === 0} onClick={() => move(index, index - 1, 'up')} aria-label={`Move ${name} up ${where}`}>
          <span aria-hidden="true">↑</span> Up
        </button>
        <button type="button" className="button button-small" data-move="down" disabled={index === items.length - 1} onClick={() => move(index, index + 1, 'down')} aria-label={`Move ${name} down ${where}`}>
          <span aria-hidden="true">↓</span> Down
        </button>
      </>
    );
  }

  return { rowProps, handle, moveButtons };
}
