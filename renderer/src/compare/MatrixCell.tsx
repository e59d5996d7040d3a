// MatrixCell: one (item, arm) of the results matrix: correctness, answer, latency and tokens for a
// single sample; correct count and majority answer for repeated samples. Clicking opens the
// slide-over with that cell's run(s).
import type { ArmSummary } from './matrix-rows';
import { formatMs } from '../panels/run/format';

export interface MatrixCellProps {
  summary: ArmSummary;
  arm: string;
  repeated: boolean;
  onOpen: () => void;
}

function mark(correct: boolean | null, status: string): { glyph: string; tone: string; text: string } {
  if (status === 'queued' || status === 'running') return { glyph: '…', tone: 'pending', text: status };
  if (status !== 'completed') return { glyph: '!', tone: 'failed', text: status };
  if (correct === null) return { glyph: '–', tone: 'ungraded', text: 'not graded' };
  return correct ? { glyph: '✓', tone: 'correct', text: 'correct' } : { glyph: '✗', tone: 'wrong', text: 'wrong' };
}

/** The button that fills one matrix cell. */
export function MatrixCell({ summary, arm, repeated, onOpen }: MatrixCellProps) {
  const first = summary.cells[0];
  if (!first) return <div className="cmp-cell is-empty" role="cell" aria-label={`${arm}: not run yet`} />;
  if (repeated) {
    const allRight = summary.graded > 0 && summary.correct === summary.graded;
    const tone = summary.graded === 0 ? 'pending' : summary.correct === 0 ? 'wrong' : allRight ? 'correct' : 'partial';
    return (
      <button type="button" role="cell" className={`cmp-cell is-${tone}`} onClick={onOpen} data-arm={arm} aria-label={`${arm}: ${summary.correct} of ${summary.graded} samples correct`}>
        <span className="cmp-cell-mark num">
          {summary.correct}/{summary.graded}
          {summary.cells.length > summary.graded ? '…' : ''}
        </span>
        <span className="cmp-cell-answer mono" title="majority answer">
          {summary.majority ? `${summary.majority.correct ? '✓' : '✗'} ${summary.majority.answer}` : '–'}
        </span>
        <span className="cmp-cell-meta faint num">{formatMs(summary.meanLatencyMs)}</span>
      </button>
    );
  }
  const m = mark(first.correct, first.status);
  return (
    <button type="button" role="cell" className={`cmp-cell is-${m.tone}`} onClick={onOpen} data-arm={arm} data-correct={String(first.correct)} aria-label={`${arm}: ${m.text}${first.answer ? `, answer ${first.answer}` : ''}`}>
      <span className="cmp-cell-mark" aria-hidden="true">
        {m.glyph}
      </span>
      <span className="cmp-cell-answer mono">{first.answer ?? ''}</span>
      <span className="cmp-cell-meta faint num">
        {formatMs(first.latencyMs)}
        {first.newTokens !== null ? ` · ${first.newTokens} tok` : ''}
      </span>
    </button>
  );
}
