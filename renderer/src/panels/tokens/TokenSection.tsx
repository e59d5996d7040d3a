// A block of the token stream (ending where the text breaks a line) made of memoized inline chunks.
// The browser skips layout and paint of sections off screen (content-visibility), and React only
// re-renders the last section, and within it the last chunk, while a run streams.
import { memo } from 'react';
import type { TokenEvent } from '@app/events';
import type { ColorMode } from '../../state/display-prefs';
import { chunkRanges } from './chunking';
import { TokenChunk } from './TokenChunk';

export interface TokenSectionProps {
  tokens: readonly TokenEvent[];
  start: number;
  end: number;
  mode: ColorMode;
  idPrefix: string;
}

function TokenSectionView({ tokens, start, end, mode, idPrefix }: TokenSectionProps) {
  return (
    <div className="tk-section" role="presentation">
      {chunkRanges(tokens, start, end).map((c) => (
        <TokenChunk key={c.start} tokens={tokens} start={c.start} end={c.end} mode={mode} idPrefix={idPrefix} />
      ))}
    </div>
  );
}

/** A memoized section; it re-renders only when its range or the color mode changes. */
export const TokenSection = memo(
  TokenSectionView,
  (a, b) => a.start === b.start && a.end === b.end && a.mode === b.mode && a.tokens === b.tokens && a.idPrefix === b.idPrefix,
);
