// One chunk of the token stream: a fixed run of token spans. Chunks are memoized on their filled
// range, so while a run streams only the last chunk re-renders; finished chunks never do.
import { memo } from 'react';
import type { TokenEvent } from '@app/events';
import type { ColorMode } from '../../state/display-prefs';
import { displayText, tokenClass } from './token-colors';

export interface TokenChunkProps {
  tokens: readonly TokenEvent[];
  start: number;
  /** One past the last index to draw (tokens are append-only, so the range fixes the content). */
  end: number;
  mode: ColorMode;
  idPrefix: string;
}

function TokenChunkView({ tokens, start, end, mode, idPrefix }: TokenChunkProps) {
  const spans = [];
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    spans.push(
      <span key={i} id={`${idPrefix}${i}`} role="option" aria-selected={false} data-i={i} className={tokenClass(t, mode)}>
        {displayText(t.text)}
      </span>,
    );
  }
  return <div className="tk-chunk" role="presentation">{spans}</div>;
}

/** A memoized chunk; it re-renders only when its range or the color mode changes. */
export const TokenChunk = memo(
  TokenChunkView,
  (a, b) => a.start === b.start && a.end === b.end && a.mode === b.mode && a.tokens === b.tokens && a.idPrefix === b.idPrefix,
);
