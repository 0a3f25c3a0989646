import { useRef, type ReactNode } from 'react';
import { useReorder } from './reorder.js';

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
 * and Move down buttons (see useReorder). For rows whose body is a form of its own, such
 * as a pinned story with its expiry; rows of plain values are a DataTable with `onMove`.
 */
export function SortableList<T>({ items, keyOf, labelOf, onMove, renderItem, renderActions, label, className }: SortableListProps<T>) {
  const listRef = useRef<HTMLOListElement>(null);
  const reorder = useReorder({ items, keyOf, labelOf, onMove, container: listRef });

  return (
    <ol ref={listRef} className={`sortable ${className ?? ''}`} aria-label={label}>
      {items.map((item, index) => {
        const { className: state, ...row } = reorder.rowProps(index);
        return (
          <li key={keyOf(item)} className={`sortable-item ${state}`.trim()} {...row}>
            {reorder.handle(index)}
            <span className="sortable-position" aria-hidden="true">
              {index + 1}
            </span>
            <div className="sortable-body">{renderItem(item, index)}</div>
            <div className="sortable-actions">
              {reorder.moveButtons(index)}
              {renderActions?.(item, index)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
