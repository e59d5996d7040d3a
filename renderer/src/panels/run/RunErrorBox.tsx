// The error of a failed, cancelled-with-error or interrupted run: code and message, and a note that
// whatever was recorded before is still shown.
import type { ErrorPayload } from '@app/errors';
import type { RunStatus } from '@app/runs';

export interface RunErrorBoxProps {
  status: RunStatus;
  error: ErrorPayload | null;
  /** Tokens recorded before the run stopped. */
  keptTokens: number;
}

/** Error box for a run that did not complete; null for completed runs without error. */
export function RunErrorBox({ status, error, keptTokens }: RunErrorBoxProps) {
  if (!error && status !== 'interrupted') return null;
  return (
    <div className="error-box" role="alert" data-testid="run-error">
      <div>
        <span className="error-code">{error?.code ?? 'interrupted'}</span>: {error?.message ?? 'the app stopped while this run was in progress'}
      </div>
      {keptTokens > 0 && <div className="muted">The {keptTokens} tokens recorded before it stopped are kept below.</div>}
    </div>
  );
}
