// The compact table view of a trace: one virtualized row per token with index, text, probability,
// logprob, entropy, source, time and the top alternatives.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TokenEvent } from '@app/events';
import type { ColorMode } from '../../state/display-prefs';
import { escapedText, formatLogprob, percent, sourceLabels, tokenClass } from './token-colors';
import './tokens.css';

export interface TokenTableProps {
  tokens: readonly TokenEvent[];
  count: number;
  mode: ColorMode;
}

const ROW_HEIGHT = 24;

/** A virtualized table of tokens. */
export function TokenTable({ tokens, count, mode }: TokenTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; rows come from its own state
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  return (
    <div className="tk-table" role="table" aria-label="Tokens" aria-rowcount={count + 1} data-testid="token-table">
      <div className="tk-row tk-head" role="row">
        <span role="columnheader">#</span>
        <span role="columnheader">token</span>
        <span role="columnheader">p</span>
        <span role="columnheader">logprob</span>
        <span role="columnheader">entropy</span>
        <span role="columnheader">source</span>
        <span role="columnheader">t (ms)</span>
        <span role="columnheader">top alternatives</span>
      </div>
      <div ref={scrollRef} className="tk-table-scroll" tabIndex={0}>
        <div className="tk-table-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const t = tokens[row.index]!;
            return (
              <div key={row.index} role="row" aria-rowindex={row.index + 2} className="tk-row" style={{ transform: `translateY(${row.start}px)` }}>
                <span className="num faint">{t.index}</span>
                <span>
                  <code className={tokenClass(t, mode)}>{escapedText(t.text) || '∅'}</code>
                </span>
                <span className="num">{percent(t.logprob)}</span>
                <span className="num">{formatLogprob(t.logprob)}</span>
                <span className="num">{t.entropy.toFixed(3)}</span>
                <span>{sourceLabels[t.source]}</span>
                <span className="num">{t.tMs.toFixed(1)}</span>
                <span className="tk-row-alts">
                  {t.top
                    .filter((a) => a.id !== t.id)
                    .slice(0, 4)
                    .map((a) => `${escapedText(a.text)} ${percent(a.logprob)}`)
                    .join('  ·  ')}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
