// Steered vs unsteered on one prompt: the two runs side by side as they finish.
import { RunColumn } from './RunColumn';
import { STEERED, UNSTEERED } from './steering';
import { usePolledRuns } from './use-polled-runs';

export interface PromptSteeringResultsProps {
  steeredId: string;
  unsteeredId: string;
}

/** Two run columns. */
export function PromptSteeringResults({ steeredId, unsteeredId }: PromptSteeringResultsProps) {
  const { runs, error } = usePolledRuns([steeredId, unsteeredId]);
  return (
    <>
      {error && <div className="error-box">{error}</div>}
      <div className="ex-compare">
        <RunColumn title={STEERED} run={runs[0] ?? null} />
        <RunColumn title={UNSTEERED} run={runs[1] ?? null} />
      </div>
    </>
  );
}

