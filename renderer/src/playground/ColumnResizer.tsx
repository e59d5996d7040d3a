// The handle between the Playground's setup column and its output: drag it (or focus it and press
// the arrow keys) to give the output more room; double-click puts the columns back. The width is
// kept in localStorage. Below 1100 px the columns stack and the handle hides (playground.css).
import type { KeyboardEvent, PointerEvent, RefObject } from 'react';
import { useEffect, useState } from 'react';

const KEY = 'playground:config-width';
const MIN = 260;
const MAX = 620;
const DEFAULT = 340;

function clamp(n: number): number {
  return Math.max(MIN, Math.min(MAX, Math.round(n)));
}

function stored(): number {
  const n = Number(localStorage.getItem(KEY));
  return Number.isFinite(n) && n > 0 ? clamp(n) : DEFAULT;
}

export interface ColumnResizerProps {
  /** The grid whose first column the handle sizes (through the --pg-config-width property). */
  grid: RefObject<HTMLDivElement | null>;
}

/** A vertical separator that resizes the setup column. */
export function ColumnResizer({ grid }: ColumnResizerProps) {
  const [width, setWidth] = useState(stored);

  useEffect(() => {
    grid.current?.style.setProperty('--pg-config-width', `${width}px`);
    localStorage.setItem(KEY, String(width));
  }, [grid, width]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const left = grid.current?.getBoundingClientRect().left ?? 0;
    e.currentTarget.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setWidth(clamp(ev.clientX - left));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      setWidth((w) => clamp(w + (e.key === 'ArrowLeft' ? -20 : 20)));
    } else if (e.key === 'Home') setWidth(MIN);
    else if (e.key === 'End') setWidth(MAX);
  };

  return (
    <div
      className="pg-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the setup column"
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setWidth(DEFAULT)}
      data-testid="playground-resizer"
    />
  );
}
