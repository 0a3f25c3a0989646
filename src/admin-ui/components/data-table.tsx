import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { errorMessage } from '../api/http.js';
import { Link } from '../router/link.js';
import { ErrorNotice, Loading } from './notice.js';
import { useReorder, type RowDragProps } from './reorder.js';
import { focusRowControl, onRowKeyDown, useFocusLoss, type LostFocus } from './table-keys.js';

export interface Column<T> {
  header: string;
  cell: (row: T, index: number) => ReactNode;
  className?: string;
  /** The cell that names the row (<th scope="row">): screen readers read it out when moving down another column. */
  rowHeader?: boolean;
}

export interface DataTableProps<T> {
  /** Names the table for screen readers; shown above it only with `showCaption`. */
  caption: string;
  showCaption?: boolean;
  columns: Column<T>[];
  /** Undefined until the first answer arrives. */
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  /** The row's name in button labels ("Edit Sports") and move announcements. */
  rowName: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  loading?: boolean;
  error?: unknown;
  loadingLabel?: string;
  /** Said instead of an empty table: "No tags yet." */
  empty: ReactNode;
  /** A way out of the empty state, such as a button that creates the first one. */
  emptyAction?: ReactNode;
  onEdit?: (row: T) => void;
  /** Edit on a screen of its own: Edit is a link there. */
  editHref?: (row: T) => string;
  onDelete?: (row: T) => void;
  /** The screen's own buttons, before Edit and Delete. */
  actions?: (row: T) => ReactNode;
  /** Makes the rows reorderable: a drag handle and the position first, Move up and Move down last. */
  onMove?: (from: number, to: number) => void;
}

/** A small button in a row's actions; `label` names the row too ("Revoke Mobile app"), as the cell's word alone would not. */
export function RowButton({ label, danger, onClick, children }: { label: string; danger?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className={danger ? 'button button-small button-danger-quiet' : 'button button-small'} onClick={onClick} aria-label={label}>
      {children}
    </button>
  );
}

/**
 * The desk's list of things (people, sections, tags, users, keys, pages, rails): the
 * table with its caption and headers, a loading line, the error, an empty state in place
 * of an empty table, and a row-actions cell. Keys are described in table-keys.ts. When a
 * row goes away with focus in it (deleted), focus moves to the same control in the row that
 * took its place, or to the empty state, rather than falling back to the top of the page.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, showCaption, columns, rows, rowKey, rowName, rowClassName, loading, error, loadingLabel, empty, emptyAction, onEdit, editHref, onDelete, actions, onMove } = props;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const emptyRef = useRef<HTMLDivElement>(null);
  const lost = useRef<LostFocus | null>(null);
  const reorder = useReorder({ items: rows ?? [], keyOf: rowKey, labelOf: rowName, onMove: onMove ?? (() => {}), container: bodyRef });
  const hasActions = Boolean(onEdit || editHref || onDelete || actions || onMove);

  useEffect(() => {
    const was = lost.current;
    lost.current = null;
    // Only when focus really fell to the page: a dialog or the router may have placed it on purpose.
    if (!was || (document.activeElement && document.activeElement !== document.body)) return;
    if (bodyRef.current && focusRowControl(bodyRef.current, was.index, was.position)) return;
    const emptyState = emptyRef.current;
    (emptyState?.querySelector<HTMLElement>('a[href], button') ?? emptyState)?.focus();
  });
  const remember = (where: LostFocus) => (lost.current = where);

  return (
    <>
      {error != null && <ErrorNotice>{errorMessage(error)}</ErrorNotice>}
      {loading && !rows && <Loading label={loadingLabel} />}
      {rows && rows.length === 0 && (
        <EmptyState ref={emptyRef} action={emptyAction} onLost={remember}>
          {empty}
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <div className="table-wrap" aria-busy={loading || undefined}>
          <table className="table">
            <caption className={showCaption ? 'table-caption' : 'visually-hidden'}>{caption}</caption>
            <thead>
              <tr>
                {onMove && <th scope="col">Order</th>}
                {columns.map((column) => (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                ))}
                {hasActions && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody ref={bodyRef} onKeyDown={onRowKeyDown}>
              {rows.map((row, index) => {
                const name = rowName(row);
                const { className: dragState, ...dragProps } = reorder.rowProps(index);
                return (
                  <DataRow key={rowKey(row)} index={index} className={[rowClassName?.(row), dragState].filter(Boolean).join(' ') || undefined} dragProps={onMove ? dragProps : undefined} onLost={remember}>
                    {onMove && (
                      <td className="cell-order">
                        {reorder.handle(index)}
                        <span className="sortable-position">{index + 1}</span>
                      </td>
                    )}
                    {columns.map((column) =>
                      column.rowHeader ? (
                        <th key={column.header} scope="row" className={column.className}>
                          {column.cell(row, index)}
                        </th>
                      ) : (
                        <td key={column.header} className={column.className}>
                          {column.cell(row, index)}
                        </td>
                      ),
                    )}
                    {hasActions && (
                      <td className="cell-actions">
                        {onMove && reorder.moveButtons(index)}
                        {actions?.(row)}
                        {editHref && (
                          <Link href={editHref(row)} className="button button-small" aria-label={`Edit ${name}`}>
                            Edit
                          </Link>
                        )}
                        {onEdit && (
                          <RowButton label={`Edit ${name}`} onClick={() => onEdit(row)}>
                            Edit
                          </RowButton>
                        )}
                        {onDelete && (
                          <RowButton label={`Delete ${name}`} danger onClick={() => onDelete(row)}>
                            Delete
                          </RowButton>
                        )}
                      </td>
                    )}
                  </DataRow>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

interface DataRowProps {
  index: number;
  className: string | undefined;
  dragProps: RowDragProps | undefined;
  onLost: (lost: LostFocus) => void;
  children: ReactNode;
}

/** A row of its own component, so its removal can be noticed while it still holds focus. */
function DataRow({ index, className, dragProps, onLost, children }: DataRowProps) {
  const ref = useRef<HTMLTableRowElement>(null);
  useFocusLoss(ref, index, onLost);
  return (
    <tr ref={ref} className={className} {...dragProps}>
      {children}
    </tr>
  );
}

function EmptyState({ ref, action, onLost, children }: { ref: RefObject<HTMLDivElement | null>; action?: ReactNode; onLost: (lost: LostFocus) => void; children: ReactNode }) {
  // Leaving the empty state (the first row was created from it) is a loss like a row's: focus goes to that row.
  useFocusLoss(ref, 0, onLost);
  return (
    <div ref={ref} className="empty-state" tabIndex={-1}>
      <p className="empty">{children}</p>
      {action}
    </div>
  );
}
