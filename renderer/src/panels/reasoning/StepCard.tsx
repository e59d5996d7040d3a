// One SpecReason step: who wrote it (small / large badge), the judge's score with its digit
// distribution and the threshold, accepted or rejected (or forced to the large model), the final
// text, the rejected small-model text folded underneath, and the time of each part.
import type { StepEvent } from '@app/events';
import { Badge } from '../../ui';
import { ScoreBars } from './ScoreBars';

export interface StepCardProps {
  step: StepEvent;
  threshold: number;
  /** Fold state of the rejected small-model text. */
  open: boolean;
  onToggle: (index: number) => void;
}

function ms(v: number): string {
  return v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;
}

/** A step row. */
export function StepCard({ step, threshold, open, onToggle }: StepCardProps) {
  const large = step.author === 'large';
  const score = step.score ?? null;
  const rejectedSmall = !step.accepted && step.smallText !== undefined && !step.forced;
  return (
    <li className={large ? 'rs-step is-large' : 'rs-step'} data-testid="specreason-step" data-author={step.author} data-accepted={step.accepted ? 'true' : 'false'} data-score={score ?? undefined}>
      <span className="rs-step-index">#{step.index}</span>
      <div className="rs-step-main">
        <div className="rs-step-head">
          <span className={large ? 'rs-author is-large' : 'rs-author'}>{large ? 'large' : 'small'}</span>
          {step.forced ? (
            <Badge tone="neutral" title="The first n steps are written by the large model (firstNLarge)">
              forced to large
            </Badge>
          ) : step.accepted ? (
            <Badge tone="success">{score === null ? 'accepted unjudged' : 'accepted'}</Badge>
          ) : score === null ? (
            <Badge tone="warning" title="Not judged (e.g. the judge's context is full): the large model wrote it">
              unjudged · written by large
            </Badge>
          ) : (
            <Badge tone="danger">rejected · rewritten by large</Badge>
          )}
          <span className="rs-timings">
            {step.smallMs > 0 && <span>small {ms(step.smallMs)} ({step.smallTokens} tok)</span>}
            {step.judgeMs > 0 && <span>judge {ms(step.judgeMs)}</span>}
            {step.largeMs > 0 && <span>large {ms(step.largeMs)} ({step.largeTokens} tok)</span>}
          </span>
        </div>
        <pre className={large ? 'rs-step-text is-final-large' : 'rs-step-text is-final-small'}>{step.finalText}</pre>
        {rejectedSmall && (
          <details className="rs-rejected" open={open} onToggle={(e) => (e.currentTarget.open !== open ? onToggle(step.index) : undefined)}>
            <summary>rejected small-model step ({step.smallTokens} tokens)</summary>
            <pre className="rs-step-text">{step.smallText}</pre>
          </details>
        )}
      </div>
      <div className="rs-score">
        {score !== null ? (
          <>
            <span className={score >= threshold ? 'rs-score-value is-pass' : 'rs-score-value is-fail'} data-testid="step-score">
              {Number.isInteger(score) ? score : score.toFixed(2)}
              <span className="faint"> / 9</span>
            </span>
            {step.scoreDistribution && <ScoreBars distribution={step.scoreDistribution} threshold={threshold} score={score} />}
          </>
        ) : (
          <span className="faint">not judged</span>
        )}
      </div>
    </li>
  );
}
