// The Playground's output for its current run: live status and speeds, the token trace as it
// streams, the final metrics, any error (with what was recorded before it), and the method panels.
import { gradingSpecFor } from '@app/tasks';
import { LiveStatsBar } from '../panels/run/LiveStatsBar';
import { DeferredMethodPanels } from '../panels/run/DeferredMethodPanels';
import { RunErrorBox } from '../panels/run/RunErrorBox';
import { StatsCards } from '../panels/run/StatsCards';
import { useRunData } from '../panels/run/use-run-data';
import { routeHash } from '../state/router';
import { TokenTraceView } from '../panels/tokens/TokenTraceView';
import { AnswerCheck } from './AnswerCheck';
import type { ExpectedAnswer } from './playground-store';

export interface RunOutputProps {
  runId: string;
  expected: ExpectedAnswer | null;
}

/** Output section of the Playground. */
export function RunOutput({ runId, expected }: RunOutputProps) {
  const { record, events, tokens, tokenCount, live, loadError } = useRunData(runId);
  if (!record) {
    return <div className="section empty-state">{loadError ?? 'Starting…'}</div>;
  }
  // The reference the host graded against (runs from an example), else the example still in the form.
  const reference = record.setup.reference ?? (expected ? { answer: expected.answer, grading: gradingSpecFor(expected.kind) } : null);
  return (
    <>
      <section className="section run-output" data-testid="run-output" data-status={record.status} data-run-id={runId}>
        <header>
          <h2>Output</h2>
          <LiveStatsBar status={record.status} events={events} tokens={tokens} metrics={live ? null : record.metrics} />
          <div className="spacer" />
          <a href={routeHash('runs', [runId])} className="run-link" data-testid="open-run">
            Open run ›
          </a>
        </header>
        <div className="section-body run-output-body">
          <RunErrorBox status={record.status} error={record.error} keptTokens={tokenCount} />
          {reference && !live && record.status === 'completed' && <AnswerCheck record={record} expected={reference} />}
          {(live || tokenCount > 0 || !record.error) && (
            <TokenTraceView tokens={tokens} count={tokenCount} live={live} emptyText={live ? 'Waiting for the first token…' : 'No tokens were generated.'} />
          )}
          {!live && record.metrics && <StatsCards metrics={record.metrics} method={record.method} />}
        </div>
      </section>
      <DeferredMethodPanels run={record} events={events} live={live} />
    </>
  );
}
