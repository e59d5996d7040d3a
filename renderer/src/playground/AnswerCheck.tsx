// For example problems: the expected answer next to the one the model gave. The host's grade when it
// graded the run (runs started from an example carry their answer); otherwise graded here the same way.
import type { GradingSpec } from '@app/datasets';
import type { RunRecord } from '@app/runs';
import { gradeOutput } from '@app/tasks';
import { Badge } from '../ui/Badge';

export interface AnswerCheckProps {
  record: Pick<RunRecord, 'output' | 'answer' | 'correct' | 'setup'>;
  /** The reference answer and how it is graded (the run's setup.reference, or the example's). */
  expected: { answer: string; grading: GradingSpec };
}

/** "expected 14 · answer 14 · correct". */
export function AnswerCheck({ record, expected }: AnswerCheckProps) {
  const { answer, correct } = record.correct !== null ? record : gradeOutput(record.output, expected.answer, expected.grading);
  return (
    <div className="answer-check" data-testid="answer-check">
      <span className="muted">expected</span> <strong className="mono">{expected.answer}</strong>
      <span className="muted">· answer</span> <strong className="mono">{answer ?? '–'}</strong>
      <Badge tone={correct ? 'success' : 'danger'}>{correct ? 'correct' : 'incorrect'}</Badge>
    </div>
  );
}
