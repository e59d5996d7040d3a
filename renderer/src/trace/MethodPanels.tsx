// Placeholder: the method-specific panels for a run (replaced by the method views).
import type { MethodPanelProps } from './method-panel-props';

export function MethodPanels(_props: MethodPanelProps) {
  return null;
}
