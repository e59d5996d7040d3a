// GradingPicker: how a dataset's answers are graded, chosen at import: numeric with a tolerance,
// exact string (optionally case-sensitive), or a regular expression with {answer} for the reference.
import type { GradingSpec } from '@app/datasets';
import { Field, NumberField, Select } from '../ui';

export interface GradingPickerProps {
  /** null: let the host choose (numeric when every answer is a number, else exact). */
  value: GradingSpec | null;
  onChange: (value: GradingSpec | null) => void;
}

type Kind = 'auto' | GradingSpec['kind'];

const kinds = [
  { value: 'auto', label: 'Automatic (numeric if all answers are numbers)' },
  { value: 'numeric', label: 'Numeric, with tolerance' },
  { value: 'exact', label: 'Exact string' },
  { value: 'regex', label: 'Regular expression' },
] as const;

/** The grading choice with the fields of the chosen kind. */
export function GradingPicker({ value, onChange }: GradingPickerProps) {
  const kind: Kind = value?.kind ?? 'auto';
  const setKind = (k: Kind) =>
    onChange(k === 'auto' ? null : k === 'numeric' ? { kind: 'numeric', tolerance: 1e-6 } : k === 'exact' ? { kind: 'exact', caseSensitive: false } : { kind: 'regex', pattern: '^{answer}$' });
  return (
    <div className="ds-grading">
      <Field label="Grading" htmlFor="ds-grading-kind">
        <Select id="ds-grading-kind" value={kind} options={kinds} onChange={setKind} />
      </Field>
      {value?.kind === 'numeric' && (
        <Field label="Tolerance" htmlFor="ds-grading-tolerance" help="Absolute difference still counted correct.">
          <NumberField id="ds-grading-tolerance" value={value.tolerance} min={0} onChange={(t) => onChange({ kind: 'numeric', tolerance: t ?? 0 })} />
        </Field>
      )}
      {value?.kind === 'exact' && (
        <Field label="Case-sensitive" htmlFor="ds-grading-case" inline>
          <input id="ds-grading-case" type="checkbox" checked={value.caseSensitive} onChange={(e) => onChange({ kind: 'exact', caseSensitive: e.currentTarget.checked })} />
        </Field>
      )}
      {value?.kind === 'regex' && (
        <Field label="Pattern" htmlFor="ds-grading-pattern" help="{answer} stands for the reference answer (escaped); matched against the extracted answer.">
          <input id="ds-grading-pattern" className="input input-md mono" value={value.pattern} onChange={(e) => onChange({ kind: 'regex', pattern: e.currentTarget.value })} />
        </Field>
      )}
    </div>
  );
}
