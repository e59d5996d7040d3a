// One side of the steered vs unsteered comparison: status, reasoning length, answer and output.
import type { RunRecord } from '@app/runs';
import { routeHash } from '../state/router';

export interface RunColumnProps {
  title: string;
  run: RunRecord | null;
}

/** A run's column. */
export function RunColumn({ title, run }: RunColumnProps) {
  const m = run?.metrics;
  return (
    <div className="ex-compare-col" data-testid="steering-run">
      <h4>
        {title} {run && <a href={routeHash('runs', [run.id])}>open run</a>}
      </h4>
      <dl className="kv">
        <dt>status</dt>
        <dd>{run?.status ?? 'starting'}</dd>
        <dt>reasoning length</dt>
        <dd className="num" data-testid="thinking-tokens">
          {m?.thinkingTokens !== undefined ? `${m.thinkingTokens} tokens` : '—'}
        </dd>
        <dt>output tokens</dt>
        <dd className="num">{m?.newTokens ?? '—'}</dd>
        <dt>answer</dt>
        <dd>
          {run?.answer ?? '—'}
          {run?.correct === true ? ' ✓' : run?.correct === false ? ' ✗' : ''}
        </dd>
      </dl>
      {run?.error && <div className="error-box">{`${run.error.code}: ${run.error.message}`}</div>}
      <pre className="ex-output">{run?.output ?? ''}</pre>
    </div>
  );
}

