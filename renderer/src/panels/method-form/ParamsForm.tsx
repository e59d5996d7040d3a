// A generated parameter form: the method's own parameters, or the shared sampling parameters,
// from the field descriptions of app/methods/param-fields.ts (the Playground's and each experiment arm's).
import type { ParamField } from '@app/methods';
import { validateParam } from '@app/methods';
import type { MethodName } from '@app/methods';
import { ParamFieldInput } from './ParamFieldInput';
import './method-form.css';

export interface ParamsFormProps {
  /** Whose schema validates the values. */
  scope: MethodName | 'sampling';
  fields: readonly ParamField[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onChange: (key: string, value: unknown) => void;
  onFieldError: (id: string, message: string | null) => void;
  emptyText?: string;
  /** Dense two-column layout with help behind info marks (well-known parameters). */
  compact?: boolean;
  /** Prefix of the controls' ids (unique per form on the page); `pg-<scope>` by default. */
  idPrefix?: string;
  /** "beside": one field a row with its docs beside it (wide forms, e.g. an experiment arm). */
  layout?: 'grid' | 'beside';
}

/** Fields in a two-column grid, or one a row with the docs beside. */
export function ParamsForm({ scope, fields, values, errors, onChange, onFieldError, emptyText, compact, idPrefix, layout = 'grid' }: ParamsFormProps) {
  if (fields.length === 0) return emptyText ? <p className="faint form-empty">{emptyText}</p> : null;
  return (
    <div className={['params-grid', compact ? 'is-compact' : '', layout === 'beside' ? 'is-beside' : ''].filter(Boolean).join(' ')}>
      {fields.map((field) => {
        const errorId = `${scope}.${field.key}`;
        return (
          <ParamFieldInput
            key={`${scope}-${field.key}`}
            field={field}
            value={values[field.key]}
            onChange={(v) => onChange(field.key, v)}
            validate={(v) => validateParam(scope, field.key, v)}
            error={errors[errorId] ?? null}
            onValidity={(m) => onFieldError(errorId, m)}
            idPrefix={idPrefix ?? `pg-${scope}`}
            compact={compact}
          />
        );
      })}
    </div>
  );
}
