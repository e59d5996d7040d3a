// Method choice: every method of the catalog, with its summary, whether it is lossless, and its source.
import type { MethodName } from '../../../app/methods';
import { methodCatalog } from '../../../app/methods';
import { Badge } from '../ui/Badge';
import { Field } from '../ui/Field';
import { Select } from '../ui/Select';
import { Citation } from '../ui/Term';

export interface MethodPickerProps {
  value: MethodName;
  onChange: (method: MethodName) => void;
}

const options = (Object.keys(methodCatalog) as MethodName[]).map((m) => ({ value: m, label: methodCatalog[m].label }));

/** Method select with its description. */
export function MethodPicker({ value, onChange }: MethodPickerProps) {
  const d = methodCatalog[value];
  return (
    <div className="method-picker">
      <Field label="Method" htmlFor="pg-method">
        <Select id="pg-method" value={value} options={options} onChange={onChange} data-testid="method-select" />
      </Field>
      <div className="method-summary">
        <p>{d.summary}</p>
        <div className="method-meta">
          <Badge tone={d.lossless ? 'success' : 'warning'} title={d.lossless ? 'Output equals the baseline (token for token under greedy decoding)' : 'Output may differ from the baseline: compare accuracy'}>
            {d.lossless ? 'lossless' : 'lossy'}
          </Badge>
          {d.source && (
            <span className="method-source">
              <Citation text={d.source} />
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
