// Steered vs unsteered, side by side: for one prompt the two runs, for a dataset the experiment's
// per-arm accuracy and reasoning length.
import { ExperimentSteeringResults } from './ExperimentSteeringResults';
import { PromptSteeringResults } from './PromptSteeringResults';
import type { SteeringStart } from './SteeringForm';

export interface SteeringResultsProps {
  start: SteeringStart;
}

/** Results of the latest steering request. */
export function SteeringResults({ start }: SteeringResultsProps) {
  return start.kind === 'runs' ? <PromptSteeringResults steeredId={start.steeredId} unsteeredId={start.unsteeredId} /> : <ExperimentSteeringResults id={start.id} />;
}
