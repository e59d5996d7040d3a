// Moving across a run's rounds: a slider with previous/next buttons, and a compact windowed strip
// with one cell per round showing its accepted length as a bar and a number (click to jump); only
// the cells in view are rendered, so runs with thousands of rounds stay cheap.
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../ui';
import type { RoundAcceptance } from './acceptance';

export interface RoundScrubberProps {
  rows: readonly RoundAcceptance[];
  selected: number;
  onSelect: (index: number) => void;
}

const CELL = 18;
const OVERSCAN = 12;

/** Slider + prev/next + strip; keyboard ←/→ is handled by the panel around it. */
export function RoundScrubber({ rows, selected, onSelect }: RoundScrubberProps) {
  const stripRef = useRef<HTMLDivElement>(null);
  const maxAccepted = rows.reduce((m, r) => Math.max(m, r.accepted), 1);
  const [view, setView] = useState({ left: 0, width: 800 });
  const current = rows[selected];
  const first = Math.max(0, Math.floor(view.left / CELL) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.left + view.width) / CELL) + OVERSCAN);

  // Keep the selected round in view.
  useEffect(() => {
    const el = stripRef.current;
    if (!el) return;
    const x = selected * CELL;
    if (x < el.scrollLeft) el.scrollLeft = x;
    else if (x + CELL > el.scrollLeft + el.clientWidth) el.scrollLeft = x + CELL - el.clientWidth;
  }, [selected]);

  useEffect(() => {
    const el = stripRef.current;
    if (!el) return;
    const measure = () => setView({ left: el.scrollLeft, width: el.clientWidth });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);

  return (
    <div className="dt-scrubber">
      <div className="dt-scrubber-row">
        <Button size="sm" onClick={() => onSelect(Math.max(0, selected - 1))} disabled={selected <= 0} aria-label="Previous round" icon="←" />
        <input
          type="range"
          min={0}
          max={Math.max(0, rows.length - 1)}
          value={selected}
          onChange={(e) => onSelect(Number(e.currentTarget.value))}
          aria-label="Round"
          aria-valuetext={current ? `round ${current.round}, accepted ${current.accepted}` : undefined}
        />
        <Button size="sm" onClick={() => onSelect(Math.min(rows.length - 1, selected + 1))} disabled={selected >= rows.length - 1} aria-label="Next round" icon="→" />
        <span className="dt-round-label" data-testid="round-label">
          round {current?.round ?? '–'}{' '}
          <span className="faint">
            · {selected + 1} of {rows.length}
          </span>
        </span>
      </div>
      <div className="dt-strip" ref={stripRef} aria-label="Rounds by accepted length">
        <div className="dt-strip-inner" style={{ width: rows.length * CELL }}>
          {rows.slice(first, last).map((r, k) => {
            const index = first + k;
            const h = Math.round((r.accepted / maxAccepted) * 22);
            return (
              <button
                key={index}
                type="button"
                className={index === selected ? 'dt-strip-cell is-selected' : 'dt-strip-cell'}
                style={{ left: index * CELL, width: CELL }}
                title={`Round ${r.round}: ${r.accepted} of ${r.drafted} drafted accepted, ${r.emitted} emitted`}
                aria-label={`Round ${r.round}, accepted ${r.accepted}`}
                aria-pressed={index === selected}
                tabIndex={-1}
                onClick={() => onSelect(index)}
              >
                <span className={r.accepted === 0 ? 'dt-strip-bar is-zero' : 'dt-strip-bar'} style={{ height: Math.max(2, h) }} />
                <span>{r.accepted}</span>
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
