import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

/**
 * Keyboard for the data table. A native <table> is kept rather than role="grid": a grid
 * switches screen readers into application mode, where their own table commands (read the
 * cell, move along a column) stop working. So every button and link stays in the Tab order
 * as before, and a few keys are added on top, on the row's buttons, links and checkboxes only:
 *
 * - Arrow Down / Arrow Up: the same control in the next / previous row ("Delete Sports" →
 *   "Delete News"), or the row's last one if it has fewer;
 * - Home / End: the same in the first / last row.
 *
 * Selects, text fields and date fields keep their own arrow keys, and a key with a modifier
 * is left alone. Screen readers in browse mode keep the arrows for reading, as they should.
 * At the first or last row an arrow stays put instead of scrolling the page away.
 */
const NAVIGABLE = 'a[href], button, input[type="checkbox"]';

/** The row's controls a key moves between: enabled buttons, links and checkboxes, in order. */
function controlsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(NAVIGABLE)].filter((el) => !(el as HTMLButtonElement).disabled);
}

/** Focuses the control at `position` (or the last there is) in the row at `index` (or the last row). */
export function focusRowControl(body: HTMLTableSectionElement, index: number, position: number): boolean {
  const row = body.rows[Math.min(index, body.rows.length - 1)];
  const controls = row ? controlsOf(row) : [];
  const control = controls[Math.min(Math.max(position, 0), controls.length - 1)];
  control?.focus();
  return control !== undefined;
}

function targetRow(key: string, from: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(from + 1, count - 1);
    case 'ArrowUp':
      return Math.max(from - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The tbody's keydown handler for the keys above. */
export function onRowKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const control = event.target as HTMLElement;
  const row = control.closest('tr');
  if (!row || !control.matches(NAVIGABLE)) return;
  const rows = [...event.currentTarget.rows];
  const to = targetRow(event.key, rows.indexOf(row), rows.length);
  if (to === null) return;
  event.preventDefault();
  focusRowControl(event.currentTarget, to, controlsOf(row).indexOf(control));
}

/** Where focus was when a row went away: its row and which of the row's controls. */
export interface LostFocus {
  index: number;
  position: number;
}

/**
 * Tells `onLost` when this element leaves the page while focus is inside it, as when a
 * deleted row disappears after its Delete dialog closed. A layout cleanup runs before React
 * removes the node, the last moment `document.activeElement` still says where focus was.
 */
export function useFocusLoss(ref: RefObject<HTMLElement | null>, index: number, onLost: (lost: LostFocus) => void) {
  const latest = useRef({ index, onLost });
  latest.current = { index, onLost };
  useLayoutEffect(() => {
    const element = ref.current;
    return () => {
      const active = document.activeElement as HTMLElement | null;
      if (!element || !active || !element.contains(active)) return;
      latest.current.onLost({ index: latest.current.index, position: controlsOf(element).indexOf(active) });
    };
  }, [ref]);
}
