// The compared runs' token streams side by side, each token aligned against the first run's stream
// (longest common subsequence of token texts): tokens that differ are highlighted, the first
// divergence is named and can be jumped to, and the columns scroll together.
import { useMemo, useRef, useState } from 'react';
import type { TokenEvent } from '@app/events';
import type { ComparedRun } from './use-compared-runs';
import { diffStreams } from './token-diff';

export interface AlignedStreamsProps {
  runs: readonly ComparedRun[];
  labels: readonly string[];
}

function tokensOf(run: ComparedRun): TokenEvent[] {
  return run.events.filter((e): e is TokenEvent => e.kind === 'token');
}

/** Columns of token streams with differences highlighted. */
export function AlignedStreams({ runs, labels }: AlignedStreamsProps) {
  const tokens = useMemo(() => runs.map(tokensOf), [runs]);
  const diffs = useMemo(() => diffStreams(tokens.map((ts) => ts.map((t) => t.text))), [tokens]);
  const [sync, setSync] = useState(true);
  const columns = useRef<(HTMLDivElement | null)[]>([]);
  const syncing = useRef(false);

  const onScroll = (index: number) => {
    if (!sync || syncing.current) return;
    const source = columns.current[index];
    if (!source) return;
    const ratio = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    syncing.current = true;
    columns.current.forEach((el, i) => {
      if (el && i !== index) el.scrollTop = ratio * (el.scrollHeight - el.clientHeight);
    });
    requestAnimationFrame(() => (syncing.current = false));
  };

  const jump = (index: number, token: number) => {
    const el = columns.current[index]?.querySelector<HTMLElement>(`[data-i="${token}"]`);
    el?.scrollIntoView({ block: 'center' });
  };

  return (
    <div className="rc-streams-wrap">
      <div className="rc-streams-bar">
        <span className="rc-legend">
          <span className="rc-tok is-diff">token</span> not in the first run&apos;s stream (or, in the first run, missing from another)
        </span>
        <span className="spacer" />
        <label className="rc-sync">
          <input type="checkbox" checked={sync} onChange={(e) => setSync(e.currentTarget.checked)} /> Scroll together
        </label>
      </div>
      <div className="rc-grid" data-columns={runs.length}>
        {runs.map((run, i) => {
          const d = diffs[i]!;
          const ts = tokens[i]!;
          const differing = d.marks.filter((m) => m === 'diff').length;
          return (
            <div key={run.record.id} className="rc-col" data-testid="compare-stream">
              <div className="rc-col-head">
                <strong>{labels[i]}</strong>
                <span className="faint num">
                  {ts.length} tokens · {differing} differ
                </span>
                {d.firstDivergence !== null && ts.length > 0 && (
                  <button type="button" className="rc-link" onClick={() => jump(i, Math.min(d.firstDivergence!, ts.length - 1))} data-testid="first-divergence">
                    parts at token {d.firstDivergence}
                  </button>
                )}
                {d.positional && <span className="faint">compared by position (long streams)</span>}
              </div>
              <div
                className="rc-stream"
                ref={(el) => {
                  columns.current[i] = el;
                }}
                onScroll={() => onScroll(i)}
                tabIndex={0}
                aria-label={`Tokens of ${labels[i]}`}
              >
                {ts.length === 0 ? (
                  <span className="faint">No tokens recorded.</span>
                ) : (
                  ts.map((t, k) => (
                    <span key={k} data-i={k} className={d.marks[k] === 'diff' ? 'rc-tok is-diff' : 'rc-tok'} title={`#${k} · logprob ${t.logprob.toFixed(2)} · entropy ${t.entropy.toFixed(2)}`}>
                      {t.text}
                    </span>
                  ))
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
