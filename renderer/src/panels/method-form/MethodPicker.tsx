// Method choice: every method of the registry, with its summary, whether it is lossless, and its paper
// (the Playground's and each experiment arm's).
import type { MethodName } from '@app/methods';
import { descriptorOf, methodDescriptors } from '@app/methods';
import { Badge } from '../../ui/Badge';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import './method-form.css';

export interface MethodPickerProps {
  value: MethodName;
  onChange: (method: MethodName) => void;
  /** Prefix of the control's id (unique per form on the page). */
  idPrefix?: string;
}

const options = methodDescriptors.map((d) => ({ value: d.id as MethodName, label: d.label }));

/** Method select with its description. */
export function MethodPicker({ value, onChange, idPrefix = 'pg' }: MethodPickerProps) {
  const d = descriptorOf(value);
  return (
    <div className="method-picker">
      <Field label="Method" htmlFor={`${idPrefix}-method`}>
        <Select id={`${idPrefix}-method`} value={value} options={options} onChange={onChange} data-testid="method-select" />
      </Field>
      <div className="method-summary">
        <p>{d.summary}</p>
        <div className="method-meta">
          <Badge tone={d.lossless ? 'success' : 'warning'} title={d.lossless ? 'Output equals the baseline (token for token under greedy decoding)' : 'Output may differ from the baseline: compare accuracy'}>
            {d.lossless ? 'lossless' : 'lossy'}
          </Badge>
          {d.paper && (
            <span className="method-source">
              <a href={d.paper.url} target="_blank" rel="noreferrer noopener">
                {d.paper.title}
              </a>
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
