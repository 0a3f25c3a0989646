import type { KeyboardEvent, MouseEvent } from 'react';

export interface FocalPoint {
  x: number;
  y: number;
}

export interface FocalPointPickerProps {
  src: string | null;
  value: FocalPoint;
  onChange: (value: FocalPoint) => void;
  width: number;
  height: number;
}

const clamp = (n: number) => Math.min(1, Math.max(0, Math.round(n * 100) / 100));

/**
 * Click the picture to mark what crops must keep. Arrow keys move the marker
 * (Shift for larger steps), so it works without a mouse too.
 */
export function FocalPointPicker({ src, value, onChange, width, height }: FocalPointPickerProps) {
  function onClick(event: MouseEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    onChange({ x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, FocalPoint> = {
      ArrowLeft: { x: value.x - step, y: value.y },
      ArrowRight: { x: value.x + step, y: value.y },
      ArrowUp: { x: value.x, y: value.y - step },
      ArrowDown: { x: value.x, y: value.y + step },
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    onChange({ x: clamp(next.x), y: clamp(next.y) });
  }

  const percent = (n: number) => `${Math.round(n * 100)}%`;
  return (
    <div className="focal">
      <div
        className="focal-frame"
        style={{ aspectRatio: `${width || 16} / ${height || 9}` }}
        onClick={onClick}
        onKeyDown={onKeyDown}
        tabIndex={0}
        role="group"
        aria-label={`Focal point, ${percent(value.x)} across and ${percent(value.y)} down. Click the picture or use the arrow keys to move it.`}
      >
        {src ? <img src={src} alt="" draggable={false} /> : <span className="media-processing">Processing…</span>}
        <span className="focal-marker" style={{ left: percent(value.x), top: percent(value.y) }} aria-hidden="true" />
      </div>
      <p className="field-hint">
        Focal point: {percent(value.x)} across, {percent(value.y)} down. Crops for thumbnails and share cards keep this spot.
      </p>
    </div>
  );
}
