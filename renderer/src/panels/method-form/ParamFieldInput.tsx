// One generated form field for a parameter described by app/methods/param-fields.ts: numbers, booleans,
// enums, comma lists, layer:expert lists, tree templates (preset or JSON paths) and raw JSON.
import type { ParamField } from '@app/methods';
import { Field } from '../../ui/Field';
import { NumberField } from '../../ui/NumberField';
import { Select } from '../../ui/Select';
import { ListField } from './ListField';
import {
  formatExpertList,
  formatNumberList,
  formatStringList,
  parseExpertList,
  parseNumberList,
  parseStringList,
  parseTreePaths,
} from './list-parsers';

export interface ParamFieldInputProps {
  field: ParamField;
  /** Current value; undefined means the schema default. */
  value: unknown;
  onChange: (value: unknown) => void;
  /** Schema check of a parsed value (array lengths, bounds); null when valid. */
  validate: (value: unknown) => string | null;
  error: string | null;
  onValidity: (message: string | null) => void;
  idPrefix: string;
  /** Help behind an info mark instead of under the field. */
  compact?: boolean;
}

const CUSTOM_TREE = '__custom__';

/** The control for one parameter, with label, help and error. */
export function ParamFieldInput({ field, value, onChange, validate, error, onValidity, idPrefix, compact }: ParamFieldInputProps) {
  const id = `${idPrefix}-${field.key}`;
  const current = value === undefined ? field.defaultValue : value;
  const common = { label: field.label, htmlFor: id, help: field.help, error, unverified: field.unverified, helpMode: compact ? ('tooltip' as const) : ('inline' as const) };
  const checked = (v: unknown) => {
    const problem = validate(v);
    onValidity(problem);
    if (!problem) onChange(v);
  };
  const listProps = { id, onValidity, invalid: error !== null, testId: `param-${field.key}` };

  switch (field.kind) {
    case 'number':
      return (
        <Field {...common}>
          <NumberField
            id={id}
            value={typeof current === 'number' ? current : null}
            min={field.min}
            max={field.max}
            exclusiveMin={field.exclusiveMin}
            integer={field.integer}
            onChange={(v) => v !== null && onChange(v)}
            onValidity={onValidity}
            data-testid={`param-${field.key}`}
          />
        </Field>
      );
    case 'boolean':
      return (
        <Field {...common} inline>
          <input id={id} type="checkbox" className="checkbox" checked={current === true} onChange={(e) => onChange(e.currentTarget.checked)} data-testid={`param-${field.key}`} />
        </Field>
      );
    case 'enum':
      return (
        <Field {...common}>
          <Select id={id} value={String(current)} options={field.options.map((o) => ({ value: o, label: o }))} onChange={onChange} data-testid={`param-${field.key}`} />
        </Field>
      );
    case 'numberList':
      return (
        <Field {...common}>
          <ListField<number[]> {...listProps} value={current as number[]} format={formatNumberList} parse={(t) => parseNumberList(t, field.integer)} onChange={checked} placeholder="e.g. 3, 2, 2, 1" />
        </Field>
      );
    case 'stringList':
      return (
        <Field {...common}>
          <ListField<string[]> {...listProps} value={current as string[]} format={formatStringList} parse={parseStringList} onChange={checked} />
        </Field>
      );
    case 'expertList':
      return (
        <Field {...common}>
          <ListField<{ layer: number; expert: number }[]> {...listProps} value={current as { layer: number; expert: number }[]} format={formatExpertList} parse={parseExpertList} onChange={checked} placeholder="empty: from calibration" />
        </Field>
      );
    case 'tree': {
      const isPreset = typeof current === 'string';
      return (
        <Field {...common}>
          <div className="tree-field">
            <Select
              id={id}
              value={isPreset ? current : CUSTOM_TREE}
              options={[...field.presets.map((p) => ({ value: p, label: p })), { value: CUSTOM_TREE, label: 'custom paths (JSON)…' }]}
              onChange={(v) => {
                onValidity(null);
                onChange(v === CUSTOM_TREE ? [[0], [1], [0, 0]] : v);
              }}
              data-testid={`param-${field.key}`}
            />
            {!isPreset && (
              <ListField<number[][]> {...listProps} id={`${id}-paths`} testId={`param-${field.key}-paths`} value={current as number[][]} format={(v) => JSON.stringify(v)} parse={parseTreePaths} onChange={checked} />
            )}
          </div>
        </Field>
      );
    }
    case 'json':
      return (
        <Field {...common}>
          <ListField<unknown>
            {...listProps}
            value={current}
            format={(v) => JSON.stringify(v ?? null)}
            parse={(t) => {
              try {
                return JSON.parse(t) as unknown;
              } catch {
                throw new Error('not valid JSON');
              }
            }}
            onChange={checked}
          />
        </Field>
      );
  }
}
