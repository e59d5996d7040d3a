// FieldMappingEditor: which fields of a generic JSONL/CSV file hold the question, the answer, an id
// and metadata; offers the fields found in the file's first record.
import type { FieldMapping } from '@app/datasets';
import { Field, MultiSelect } from '../ui';

export interface FieldMappingEditorProps {
  value: FieldMapping;
  onChange: (value: FieldMapping) => void;
  /** Field names read from the file (may be empty before a file is chosen). */
  fields: readonly string[];
}

/** Text inputs with the file's fields as suggestions, and a metadata picker. */
export function FieldMappingEditor({ value, onChange, fields }: FieldMappingEditorProps) {
  const listId = 'ds-mapping-fields';
  const input = (role: 'question' | 'answer' | 'id', label: string, help?: string) => (
    <Field label={label} htmlFor={`ds-map-${role}`} help={help}>
      <input
        id={`ds-map-${role}`}
        className="input input-md mono"
        list={listId}
        value={value[role] ?? ''}
        placeholder={role === 'id' ? '(none)' : role}
        onChange={(e) => onChange({ ...value, [role]: e.currentTarget.value || (role === 'id' ? undefined : '') })}
      />
    </Field>
  );
  return (
    <fieldset className="ds-mapping">
      <legend>Field mapping</legend>
      <datalist id={listId}>
        {fields.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {input('question', 'Question field')}
      {input('answer', 'Answer field')}
      {input('id', 'Id field', 'Optional: kept as the external id.')}
      {fields.length > 0 && (
        <Field label="Metadata fields">
          <MultiSelect
            label="Metadata"
            options={fields.filter((f) => f !== value.question && f !== value.answer).map((f) => ({ value: f, label: f }))}
            value={value.metadata}
            onChange={(metadata) => onChange({ ...value, metadata })}
          />
        </Field>
      )}
    </fieldset>
  );
}
