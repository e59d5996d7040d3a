// The token stream: generated text as colored token spans, thousands of them without jank. Tokens
// render in memoized sections and chunks (see chunking.ts: only the growing tail re-renders while
// streaming; off-screen sections skip layout), one delegated mouse handler shows a token's details, and the
// keyboard moves an active token (arrows, Home/End; click pins one; Esc unpins).
import type { KeyboardEvent, MouseEvent } from 'react';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { TokenEvent } from '@app/events';
import type { ColorMode } from '../../state/display-prefs';
import { Popover } from '../../ui/Popover';
import { sectionRanges } from './chunking';
import { TokenSection } from './TokenSection';
import { TokenDetails } from './TokenDetails';
import './tokens.css';

export interface TokenStreamProps {
  /** Token events in order; may be an append-only array that grows between renders. */
  tokens: readonly TokenEvent[];
  /** How many tokens to draw (tokens.length when the parent rendered). */
  count: number;
  mode: ColorMode;
  /** Streaming: keep the view scrolled to the end while the user has not scrolled up. */
  live?: boolean;
  label?: string;
  emptyText?: string;
}

interface Tip {
  index: number;
  rect: DOMRect;
}

function tokenElement(container: HTMLElement, index: number): HTMLElement | null {
  return container.querySelector<HTMLElement>(`[data-i="${index}"]`);
}

/** The index a vertical arrow key lands on: the nearest token horizontally on the next/previous line. */
function verticalNeighbor(container: HTMLElement, from: number, count: number, direction: 1 | -1): number {
  const current = tokenElement(container, from)?.getBoundingClientRect();
  if (!current) return from;
  let best = from;
  let bestDistance = Infinity;
  let lineTop: number | null = null;
  for (let i = from + direction, seen = 0; i >= 0 && i < count && seen < 600; i += direction, seen++) {
    const r = tokenElement(container, i)?.getBoundingClientRect();
    if (!r) break;
    const onOtherLine = direction === 1 ? r.top >= current.bottom - 2 : r.bottom <= current.top + 2;
    if (!onOtherLine) continue;
    lineTop ??= r.top;
    if (Math.abs(r.top - lineTop) > 2) break;
    const distance = Math.abs(r.left - current.left);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

/** Colored, hoverable, keyboard-navigable tokens. */
export function TokenStream({ tokens, count, mode, live = false, label = 'Generated tokens', emptyText = 'No tokens yet.' }: TokenStreamProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const stickToEnd = useRef(true);
  const autoScrollTop = useRef(0);
  const commits = useRef(0);
  const activeIndex = useRef<number | null>(null);
  const baseId = useId();
  const idPrefix = `${baseId}-tok-`;
  const tipId = `${baseId}-tip`;
  const [hover, setHover] = useState<Tip | null>(null);
  const [pinned, setPinned] = useState<Tip | null>(null);

  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    // Commit counter for performance checks (e2e reads it); cheap and DOM-only.
    commits.current += 1;
    el.dataset.commits = String(commits.current);
    // Follow the end while the user is there. This lays out once per commit, which the frame
    // needs anyway (commits are one per frame at most).
    if (live && stickToEnd.current) {
      el.scrollTop = el.scrollHeight;
      autoScrollTop.current = el.scrollTop;
    }
  });

  const activate = (index: number | null) => {
    const el = containerRef.current;
    if (!el) return;
    if (activeIndex.current !== null) tokenElement(el, activeIndex.current)?.classList.remove('is-active');
    activeIndex.current = index;
    if (index === null) {
      setPinned(null);
      return;
    }
    const span = tokenElement(el, index);
    if (!span) return;
    span.classList.add('is-active');
    span.scrollIntoView({ block: 'nearest' });
    setPinned({ index, rect: span.getBoundingClientRect() });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const at = activeIndex.current;
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = at === null ? 0 : Math.min(count - 1, at + 1);
    else if (e.key === 'ArrowLeft') next = at === null ? 0 : Math.max(0, at - 1);
    else if (e.key === 'ArrowDown') next = at === null ? 0 : verticalNeighbor(e.currentTarget, at, count, 1);
    else if (e.key === 'ArrowUp') next = at === null ? 0 : verticalNeighbor(e.currentTarget, at, count, -1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'Escape' && at !== null) {
      e.stopPropagation();
      e.preventDefault();
      activate(null);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    activate(next);
  };

  const tokenAt = (e: MouseEvent): HTMLElement | null => (e.target as HTMLElement).closest<HTMLElement>('[data-i]');

  const onMouseOver = (e: MouseEvent) => {
    const span = tokenAt(e);
    if (!span) return;
    const index = Number(span.dataset.i);
    if (hover?.index !== index) setHover({ index, rect: span.getBoundingClientRect() });
  };

  const onClick = (e: MouseEvent) => {
    const span = tokenAt(e);
    if (span) activate(Number(span.dataset.i));
  };

  const onScroll = () => {
    const el = containerRef.current!;
    // Sections off screen have estimated heights, so reaching the end can change the height after
    // our own scroll: only a move up by the user stops following the end.
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 32) stickToEnd.current = true;
    else if (el.scrollTop < autoScrollTop.current - 4) stickToEnd.current = false;
    if (hover) setHover(null);
  };

  const tip = hover ?? pinned;
  const tipToken = tip && tip.index < count ? tokens[tip.index] : undefined;
  const sections = sectionRanges(tokens, count).map((r) => (
    <TokenSection key={r.start} tokens={tokens} start={r.start} end={r.end} mode={mode} idPrefix={idPrefix} />
  ));

  return (
    <div
      ref={containerRef}
      className={live ? 'tk-stream is-live' : 'tk-stream'}
      role="listbox"
      aria-label={label}
      aria-activedescendant={pinned ? `${idPrefix}${pinned.index}` : undefined}
      aria-describedby={tipToken ? tipId : undefined}
      tabIndex={0}
      data-testid="token-stream"
      data-count={count}
      onKeyDown={onKeyDown}
      onMouseOver={onMouseOver}
      onMouseLeave={() => setHover(null)}
      onClick={onClick}
      onBlur={() => activate(null)}
      onScroll={onScroll}
    >
      {count === 0 ? <div className="tk-empty">{emptyText}</div> : sections}
      {tipToken && (
        <Popover anchor={tip!.rect} id={tipId} className="tk-popover">
          <TokenDetails token={tipToken} />
        </Popover>
      )}
    </div>
  );
}
