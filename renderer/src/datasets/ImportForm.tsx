// ImportForm: a dataset file to import: picked in the browser (its content is sent) or named by a
// path on the host machine; the format, the field mapping for generic JSONL/CSV, and the grading. A
// file already imported (the same items) is refused by the host; the form names that dataset and opens it.
import { useState } from 'react';
import type { FieldMapping, GradingSpec, ImportDatasetRequest, ImportDatasetResult } from '@app/datasets';
import { toErrorPayload } from '@app/errors';
import { errorText, getClient } from '../api/workbench';
import { Button, Field, Select } from '../ui';
import { FieldMappingEditor } from './FieldMappingEditor';
import { GradingPicker } from './GradingPicker';
import { ImportResultView } from './ImportResultView';
import { guessField, sniffFields } from './sniff-fields';

type Format = ImportDatasetRequest['format'];

const formats = [
  { value: 'gsm8k', label: 'GSM8K JSONL (question, answer with #### N)' },
  { value: 'jsonl', label: 'JSONL (map the fields)' },
  { value: 'csv', label: 'CSV with a header row (map the columns)' },
] as const;

export interface ImportFormProps {
  onImported: (result: ImportDatasetResult) => void;
  /** Opens the dataset a refused duplicate was already imported as. */
  onOpenExisting: (datasetId: string) => void;
}

function formatOf(fileName: string, text: string): Format {
  if (fileName.toLowerCase().endsWith('.csv')) return 'csv';
  const fields = sniffFields(text, 'jsonl');
  return /gsm8k/i.test(fileName) || (fields.length === 2 && fields.includes('question') && fields.includes('answer') && text.includes('####')) ? 'gsm8k' : 'jsonl';
}

/** The import form and, after an import, its result with the skipped lines. */
export function ImportForm({ onImported, onOpenExisting }: ImportFormProps) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [hostPath, setHostPath] = useState('');
  const [name, setName] = useState('');
  // The name follows the chosen file until the user types one.
  const [nameAuto, setNameAuto] = useState(true);
  const [format, setFormat] = useState<Format>('gsm8k');
  const [mapping, setMapping] = useState<FieldMapping>({ question: 'question', answer: 'answer', metadata: [] });
  const [grading, setGrading] = useState<GradingSpec | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<{ id: string; name: string } | null>(null);
  const [result, setResult] = useState<ImportDatasetResult | null>(null);
  const fields = file && format !== 'gsm8k' ? sniffFields(file.text, format) : [];

  const pick = async (chosen: File | undefined) => {
    setResult(null);
    setError(null);
    setDuplicate(null);
    if (!chosen) return setFile(null);
    const text = await chosen.text();
    const detected = formatOf(chosen.name, text);
    setFile({ name: chosen.name, text });
    setFormat(detected);
    if (nameAuto) setName(chosen.name.replace(/\.(jsonl|csv|json)$/i, ''));
    if (detected !== 'gsm8k') {
      const found = sniffFields(text, detected);
      setMapping({ question: guessField(found, 'question') ?? found[0] ?? 'question', answer: guessField(found, 'answer') ?? found[1] ?? 'answer', id: guessField(found, 'id'), metadata: [] });
    }
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    setDuplicate(null);
    setResult(null);
    try {
      const source = file ? { content: file.text } : { path: hostPath.trim() };
      const res = await getClient().call('datasets.import', {
        name: name.trim() || file?.name || hostPath.split(/[\\/]/).pop() || 'Imported dataset',
        format,
        ...source,
        ...(format === 'gsm8k' ? {} : { mapping }),
        ...(grading ? { grading } : {}),
      });
      setResult(res);
      onImported(res);
    } catch (err) {
      const payload = toErrorPayload(err);
      const twin = payload.details;
      if (payload.code === 'dataset_duplicate' && typeof twin?.datasetId === 'string' && typeof twin.name === 'string') setDuplicate({ id: twin.datasetId, name: twin.name });
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const ready = (file !== null || hostPath.trim() !== '') && (format === 'gsm8k' || (mapping.question.trim() !== '' && mapping.answer.trim() !== ''));
  return (
    <form
      className="ds-form"
      aria-label="Import a dataset"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) void submit();
      }}
    >
      <Field label="File" htmlFor="ds-import-file" help={file ? `${file.name}: ${(file.text.length / 1024).toFixed(1)} KiB` : 'JSONL or CSV; it is read here and sent to the host.'}>
        <input id="ds-import-file" type="file" accept=".jsonl,.json,.csv,.txt" onChange={(e) => void pick(e.currentTarget.files?.[0])} />
      </Field>
      {!file && (
        <Field label="…or a path on the host" htmlFor="ds-import-path" help="For large files on the machine that runs the engine.">
          <input id="ds-import-path" className="input input-md mono" value={hostPath} onChange={(e) => setHostPath(e.currentTarget.value)} placeholder="/data/gsm8k-test.jsonl" />
        </Field>
      )}
      <Field label="Name" htmlFor="ds-import-name">
        <input
          id="ds-import-name"
          className="input input-md"
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameAuto(false);
          }}
        />
      </Field>
      <Field label="Format" htmlFor="ds-import-format">
        <Select id="ds-import-format" value={format} options={formats} onChange={setFormat} />
      </Field>
      {format !== 'gsm8k' && <FieldMappingEditor value={mapping} onChange={setMapping} fields={fields} />}
      <GradingPicker value={grading} onChange={setGrading} />
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {duplicate && (
        <div className="error-box ds-duplicate" role="alert" data-testid="import-duplicate">
          <span>
            This file was already imported as <strong>“{duplicate.name}”</strong> (the same items): it was not imported again.
          </span>
          <Button size="sm" onClick={() => onOpenExisting(duplicate.id)}>
            Open “{duplicate.name}”
          </Button>
        </div>
      )}
      {result && <ImportResultView result={result} />}
      <div className="ds-form-actions">
        <Button type="submit" variant="primary" disabled={!ready || busy}>
          {busy ? 'Importing…' : 'Import'}
        </Button>
      </div>
    </form>
  );
}
