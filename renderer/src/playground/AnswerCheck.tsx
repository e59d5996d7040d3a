// For example problems: the expected answer next to the one the model gave, graded as the host
// grades dataset items.
import { gradeOutput } from '@app/tasks';
import { gradingSpecFor } from '@app/tasks';
import { Badge } from '../ui/Badge';
import type { ExpectedAnswer } from './playground-store';

export interface AnswerCheckProps {
  output: string;
  expected: ExpectedAnswer;
}

/** "expected 14 · answer 14 · correct". */
export function AnswerCheck({ output, expected }: AnswerCheckProps) {
  const { answer, correct } = gradeOutput(output, expected.answer, gradingSpecFor(expected.kind));
  return (
    <div className="answer-check" data-testid="answer-check">
      <span className="muted">expected</span> <strong className="mono">{expected.answer}</strong>
      <span className="muted">· answer</span> <strong className="mono">{answer ?? '–'}</strong>
      <Badge tone={correct ? 'success' : 'danger'}>{correct ? 'correct' : 'incorrect'}</Badge>
    </div>
  );
}
