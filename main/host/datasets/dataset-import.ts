// Dataset imports: GSM8K JSONL as is (the number after `####` becomes the answer, the worked
// solution is kept as metadata), generic JSONL and CSV through a field mapping (question, answer, id,
// metadata). Every line is checked first; bad lines are reported with their line numbers and left
// out, the good ones are written in one transaction (nothing half-written), a file with no good
// line imports nothing, and a file whose items are already a dataset is refused by that dataset's name.
import chardet from 'chardet';
import fs from 'node:fs';
import path from 'node:path';
import type { FieldMapping, GradingSpec, ImportDatasetRequest, ImportDatasetResult, ImportLineError } from '@app/datasets';
import { WorkbenchError } from '@app/errors';
import { parseGsm8kAnswer, parseNumber } from '@app/tasks/grader';
import type { Database, NewDatasetItem } from '../../store';
import { createDataset, datasetVersion, findDatasetByVersion } from '../../store';
import { csvRecords } from './dataset-import-csv';
import { newId } from '../ids';

/** Largest dataset file read by path (the upload's cap in app/datasets.ts is the same). */
export const MAX_IMPORT_BYTES = 200_000_000;

/** Errors listed in a result; the rest are counted in one closing entry. */
export const MAX_LISTED_ERRORS = 1000;

const DEFAULT_MAPPING: FieldMapping = { question: 'question', answer: 'answer', metadata: [] };

type Parsed = { line: number; fields: Record<string, unknown> } | { line: number; error: string };

/** The non-blank lines of a JSONL text, each parsed as a JSON object, with 1-based line numbers. */
function* jsonlRecords(text: string): Generator<Parsed> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k]!.endsWith('\r') ? lines[k]!.slice(0, -1) : lines[k]!;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      // V8's message quotes the start of the line: only the position is kept, so no file content is echoed.
      const at = /position (\d+)/.exec((err as Error).message)?.[1];
      yield { line: k + 1, error: at ? `not valid JSON (at column ${Number(at) + 1})` : 'not valid JSON' };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { line: k + 1, error: 'not a JSON object' };
      continue;
    }
    yield { line: k + 1, fields: value as Record<string, unknown> };
  }
}

/** A field of a record: the key itself, else a dotted path into nested objects (`meta.id`). */
function lookup(fields: Record<string, unknown>, name: string): unknown {
  if (name in fields) return fields[name];
  let value: unknown = fields;
  for (const part of name.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A scalar field as text; throws a message naming the field when it is missing or not a scalar. */
function text(fields: Record<string, unknown>, name: string, role: string): string {
  const value = lookup(fields, name);
  if (value === undefined || value === null) throw new Error(`missing field "${name}" (the ${role})`);
  if (typeof value === 'object') throw new Error(`field "${name}" (the ${role}) is not text or a number`);
  const out = String(value).trim();
  if (out === '') throw new Error(`field "${name}" (the ${role}) is empty`);
  return out;
}

/** One record to a dataset item, or a message saying what is wrong with it. */
function toItem(fields: Record<string, unknown>, line: number, format: ImportDatasetRequest['format'], mapping: FieldMapping): NewDatasetItem {
  if (format === 'gsm8k') {
    const question = text(fields, 'question', 'question');
    const solution = text(fields, 'answer', 'answer');
    const answer = parseGsm8kAnswer(solution);
    if (answer === null) throw new Error('the answer has no "#### <number>" line');
    return { externalId: String(line), question, answer, metadata: { line, solution } };
  }
  const metadata: Record<string, unknown> = { line };
  for (const name of mapping.metadata) {
    const value = lookup(fields, name);
    if (value !== undefined) metadata[name] = value;
  }
  return {
    externalId: mapping.id ? text(fields, mapping.id, 'id') : null,
    question: text(fields, mapping.question, 'question'),
    answer: text(fields, mapping.answer, 'answer'),
    metadata,
  };
}

/** Numeric grading when every answer is a number, else exact (case-insensitive). */
function guessGrading(items: readonly NewDatasetItem[]): GradingSpec {
  return items.every((i) => parseNumber(i.answer) !== null) ? { kind: 'numeric', tolerance: 1e-6 } : { kind: 'exact', caseSensitive: false };
}

function checkGrading(grading: GradingSpec): void {
  if (grading.kind !== 'regex') return;
  try {
    new RegExp(grading.pattern.split('{answer}').join('x'));
  } catch (err) {
    throw new WorkbenchError('dataset_invalid', `the grading pattern is not a valid regular expression: ${(err as Error).message}`);
  }
}

/** Where datasets.import may read a path: anywhere (the CLI, the user's own shell) or only inside one folder. */
export interface ImportSource {
  /** The imports folder; null allows any path (the CLI). */
  folder: string | null;
}

/** Decodes a file: UTF-8 when valid, else the encoding chardet detects (latin-1 and friends), saying so. */
export function decodeFile(bytes: Buffer): { text: string; note: string | null } {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!utf8.includes('\uFFFD')) return { text: utf8, note: null };
  const detected = chardet.detect(bytes);
  const label = detected === 'ISO-8859-1' || detected === 'windows-1252' || !detected ? 'windows-1252' : detected;
  try {
    const text = new TextDecoder(label, { fatal: false }).decode(bytes);
    return { text, note: `the file is not UTF-8; it was read as ${detected ?? 'latin-1'} (${label})` };
  } catch {
    return { text: utf8, note: `the file is not UTF-8 (it looks like ${detected}); unreadable characters became U+FFFD` };
  }
}

function readSource(req: ImportDatasetRequest, source: ImportSource): { text: string; file: string | null; note: string | null } {
  if (req.content !== undefined) {
    return { text: req.content, file: null, note: req.content.includes('\uFFFD') ? 'the upload held characters that were not UTF-8 (shown as U+FFFD): save the file as UTF-8 and import again' : null };
  }
  if (!req.path) throw new WorkbenchError('invalid_payload', 'give the file as a path or its content');
  if (req.path.includes('\0')) throw new WorkbenchError('path_invalid', 'the path contains a NUL byte');
  const file = source.folder ? path.resolve(source.folder, req.path) : path.resolve(req.path);
  if (source.folder) {
    const root = path.resolve(source.folder);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      throw new WorkbenchError('path_invalid', `no such file in the imports folder ${root}: ${path.basename(file)} (or upload the file)`);
    }
    const realRoot = fs.existsSync(root) ? fs.realpathSync(root) : root;
    if (!real.startsWith(realRoot + path.sep)) {
      throw new WorkbenchError('path_invalid', `only files in the imports folder ${root} can be imported by path here; upload the file instead`);
    }
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new WorkbenchError('path_invalid', `no such file: ${file}`);
  }
  if (!stat.isFile()) throw new WorkbenchError('path_invalid', `not a file: ${file}`);
  if (stat.size > MAX_IMPORT_BYTES) throw new WorkbenchError('dataset_invalid', `the file is ${Math.round(stat.size / 1e6)} MB; the largest import is ${MAX_IMPORT_BYTES / 1e6} MB`);
  return { file, ...decodeFile(fs.readFileSync(file)) };
}

/** Parses a dataset file into items and per-line errors without writing anything. */
export function parseDatasetFile(textContent: string, format: ImportDatasetRequest['format'], mapping: FieldMapping = DEFAULT_MAPPING): { items: NewDatasetItem[]; errors: ImportLineError[] } {
  const items: NewDatasetItem[] = [];
  const errors: ImportLineError[] = [];
  let records: Iterable<Parsed>;
  try {
    records = format === 'csv' ? [...csvRecords(textContent)] : jsonlRecords(textContent);
  } catch (err) {
    throw new WorkbenchError('dataset_invalid', `cannot read the CSV file: ${(err as Error).message}`);
  }
  for (const record of records) {
    if ('error' in record) {
      errors.push({ line: record.line, message: record.error });
      continue;
    }
    try {
      items.push(toItem(record.fields, record.line, format, mapping));
    } catch (err) {
      errors.push({ line: record.line, message: (err as Error).message });
    }
  }
  return { items, errors };
}

/**
 * Imports a dataset file (by path, or its content from a browser upload). Returns the dataset, the
 * number of items imported and the bad lines. Throws `dataset_invalid` when no line is good (then
 * nothing is written) or the grading pattern does not compile; `dataset_duplicate` when a dataset of
 * the same items exists (named in the message); `path_invalid` for a missing file.
 */
export function importDataset(db: Database, req: ImportDatasetRequest, source: ImportSource = { folder: null }): ImportDatasetResult {
  if (req.grading) checkGrading(req.grading);
  const { text: content, file, note } = readSource(req, source);
  const mapping = req.mapping ?? DEFAULT_MAPPING;
  const { items, errors } = parseDatasetFile(content, req.format, mapping);
  if (items.length === 0) {
    const first = errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`);
    throw new WorkbenchError(
      'dataset_invalid',
      errors.length === 0 ? `the file holds no items${content.trim() === '' ? ' (it is empty)' : ''}` : `no line could be imported (${errors.length} bad): ${first.join('; ')}`,
      { errors: errors.slice(0, 20) },
    );
  }
  // The same content twice would be two identical datasets in every list: refused, naming the first.
  const twin = findDatasetByVersion(db, datasetVersion(items));
  if (twin) {
    throw new WorkbenchError('dataset_duplicate', `already imported as "${twin.name}" (the same ${twin.itemCount} items); it was not imported again`, { datasetId: twin.id, name: twin.name });
  }
  const grading = req.grading ?? (req.format === 'gsm8k' ? { kind: 'numeric' as const, tolerance: 1e-6 } : guessGrading(items));
  const dataset = createDataset(db, {
    id: newId('ds'),
    name: req.name,
    source: req.format,
    grading,
    meta: {
      file: file ? path.basename(file) : null,
      format: req.format,
      ...(req.format === 'gsm8k' ? {} : { mapping }),
      skippedLines: errors.length,
    },
    items,
  });
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  if (errors.length > MAX_LISTED_ERRORS) {
    listed.push({ line: errors[MAX_LISTED_ERRORS]!.line, message: `and ${errors.length - MAX_LISTED_ERRORS} more bad lines from here on` });
  }
  return { dataset, imported: items.length, errors: listed, ...(note ? { notes: [note] } : {}) };
}
