// Dataset imports: the real GSM8K test file, generic JSONL and CSV through a mapping, per-line errors
// (malformed JSON, missing fields, ragged CSV rows) with the good lines still imported in one
// transaction, empty files, BOMs, CSV quoting, the grading choice made at import, and the same
// content refused a second time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GradingSpec } from '@app/datasets';
import { gradeOutput } from '@app/tasks/grader';
import type { Database } from '../../store/db';
import { getDatasetItems, listDatasetItems, listDatasets } from '../../store/datasets';
import { tempDb } from '../../store/test-fixtures';
import { csvRecords } from './dataset-import-csv';
import { importDataset, MAX_LISTED_ERRORS } from './dataset-import';

// The project's copy of ../shared/data/gsm8k-test.jsonl (see app/tasks/fixtures/README.md).
const GSM8K = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../app/tasks/fixtures/gsm8k-test.jsonl');

let t: ReturnType<typeof tempDb>;
let db: Database;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

function items(datasetId: string) {
  return listDatasetItems(db, datasetId, { limit: 10_000 }).items;
}

describe('GSM8K import', () => {
  it('imports all 1,319 lines of the real test file with the answers after ####', () => {
    const result = importDataset(db, { name: 'GSM8K test', format: 'gsm8k', path: GSM8K });
    expect(result.errors).toEqual([]);
    expect(result.imported).toBe(1319);
    expect(result.dataset).toMatchObject({ source: 'gsm8k', itemCount: 1319, grading: { kind: 'numeric' } });
    const all = items(result.dataset.id);
    expect(all).toHaveLength(1319);
    expect(all[0]).toMatchObject({ answer: '18', externalId: '1' });
    expect(all[0]!.question).toMatch(/^Janet’s ducks lay 16 eggs per day/);
    expect(all[0]!.metadata.solution).toMatch(/#### 18$/);
    for (const item of all) expect(item.answer).toMatch(/^-?\d+(\.\d+)?$/);
    // A reference solution grades as correct against its own answer.
    expect(gradeOutput(String(all[1]!.metadata.solution), all[1]!.answer, result.dataset.grading).correct).toBe(true);
  });

  it('reports bad lines by number and imports the good ones; commas in answers are normalised', () => {
    const content = [
      '{"question": "Q1", "answer": "so 3\\n#### 1,450,000"}',
      '{"question": "Q2", "answer": "no marker here"}',
      '{"question": "Q3" "answer": "#### 4"}',
      '',
      '{"answer": "#### 5"}',
      '[1, 2]',
      '{"question": "Q6", "answer": "#### -7"}',
    ].join('\n');
    const result = importDataset(db, { name: 'g', format: 'gsm8k', content });
    expect(result.imported).toBe(2);
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 5, 6]);
    expect(result.errors[0]!.message).toMatch(/####/);
    expect(result.errors[1]!.message).toMatch(/not valid JSON/);
    expect(result.errors[2]!.message).toBe('missing field "question" (the question)');
    expect(result.errors[3]!.message).toBe('not a JSON object');
    expect(items(result.dataset.id).map((i) => [i.question, i.answer, i.externalId])).toEqual([
      ['Q1', '1450000', '1'],
      ['Q6', '-7', '7'],
    ]);
  });
});

describe('generic JSONL and CSV imports', () => {
  it('maps fields (dotted paths too), keeps metadata and ids, and strips a BOM', () => {
    const content = '\uFEFF{"prompt": "Capital of France?", "target": "Paris", "meta": {"id": "x1"}, "topic": "geo"}\r\n{"prompt": "2+2?", "target": 4, "meta": {"id": "x2"}, "topic": "math"}\r\n';
    const result = importDataset(db, { name: 'j', format: 'jsonl', content, mapping: { question: 'prompt', answer: 'target', id: 'meta.id', metadata: ['topic'] } });
    expect(result).toMatchObject({ imported: 2, errors: [] });
    // Mixed answers: exact grading is guessed.
    expect(result.dataset.grading).toEqual({ kind: 'exact', caseSensitive: false });
    expect(items(result.dataset.id).map((i) => ({ q: i.question, a: i.answer, id: i.externalId, topic: i.metadata.topic }))).toEqual([
      { q: 'Capital of France?', a: 'Paris', id: 'x1', topic: 'geo' },
      { q: '2+2?', a: '4', id: 'x2', topic: 'math' },
    ]);
  });

  it('reads RFC 4180 CSV: quoted commas, doubled quotes, line breaks in fields, CRLF and a BOM', () => {
    const content = '\uFEFFid,question,answer,level\r\n1,"Add 2, then 3","5",easy\r\n2,"He said ""hi""\r\ntwice",hi hi,hard\r\n\r\n3,plain,7,mid\r\n';
    const result = importDataset(db, { name: 'c', format: 'csv', content, mapping: { question: 'question', answer: 'answer', id: 'id', metadata: ['level'] } });
    expect(result.errors).toEqual([]);
    expect(items(result.dataset.id).map((i) => [i.externalId, i.question, i.answer, i.metadata.level, i.metadata.line])).toEqual([
      ['1', 'Add 2, then 3', '5', 'easy', 2],
      ['2', 'He said "hi"\r\ntwice', 'hi hi', 'hard', 3],
      ['3', 'plain', '7', 'mid', 6],
    ]);
  });

  it('reports ragged rows and missing values with their lines', () => {
    const content = 'question,answer\nq1,1\nq2,2,extra\nq3,\nq4,4\n';
    const result = importDataset(db, { name: 'c', format: 'csv', content });
    expect(result.imported).toBe(2);
    expect(result.dataset.grading).toEqual({ kind: 'numeric', tolerance: 1e-6 });
    expect(result.errors).toEqual([
      { line: 3, message: 'expected 2 fields (as in the header), found 3' },
      { line: 4, message: 'field "answer" (the answer) is empty' },
    ]);
  });

  it('refuses an unterminated quote instead of merging rows, naming the line and not the content', () => {
    expect(() => importDataset(db, { name: 'c', format: 'csv', content: 'question,answer\nq1,1\n"q5,5\nq6,6\n' })).toThrow(/quoted field is never closed, at line \d/);
    // The quote opened on line 3 would close on line 4: two rows merged silently by a lenient reader.
    expect(() => importDataset(db, { name: 'c', format: 'csv', content: 'question,answer\nq1,1\nq2,"secret\nq3,"6"\n' })).toThrow(/quote closes in the middle of a field, at line 4/);
    expect(() => importDataset(db, { name: 'c', format: 'csv', content: 'question,answer\nq2,"secret\nq3,"6"\n' })).not.toThrow(/secret/);
  });

  it('refuses an empty file, a header-only file and a file without one good line, writing nothing', () => {
    expect(() => importDataset(db, { name: 'e', format: 'jsonl', content: '' })).toThrow(/holds no items \(it is empty\)/);
    expect(() => importDataset(db, { name: 'e', format: 'jsonl', content: '\n  \n' })).toThrow(/it is empty/);
    expect(() => importDataset(db, { name: 'e', format: 'csv', content: '' })).toThrow(/no header row/);
    expect(() => importDataset(db, { name: 'e', format: 'csv', content: 'question,answer\r\n' })).toThrow(/holds no items/);
    expect(() => importDataset(db, { name: 'e', format: 'csv', content: 'question,question\nq,1\n' })).toThrow(/twice/);
    expect(() => importDataset(db, { name: 'e', format: 'jsonl', content: '{"question": "q"}\nnot json\n' })).toThrow(
      /no line could be imported \(2 bad\): line 1: missing field "answer".*line 2: not valid JSON/,
    );
    expect(listDatasets(db)).toEqual([]);
  });

  it('lists at most MAX_LISTED_ERRORS bad lines and counts the rest', () => {
    const lines = ['{"question": "q", "answer": "1"}', ...Array.from({ length: MAX_LISTED_ERRORS + 5 }, () => 'x')];
    const result = importDataset(db, { name: 'many', format: 'jsonl', content: lines.join('\n') });
    expect(result.imported).toBe(1);
    expect(result.errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(result.errors.at(-1)).toEqual({ line: MAX_LISTED_ERRORS + 2, message: 'and 5 more bad lines from here on' });
  });

  it('refuses the same content twice, naming the dataset it was imported as; other content imports', () => {
    const content = '{"question": "q1", "answer": "1"}\n{"question": "q2", "answer": "2"}\n';
    const first = importDataset(db, { name: 'first', format: 'jsonl', content });
    const file = path.join(t.dir, 'again.jsonl');
    fs.writeFileSync(file, content);
    expect(() => importDataset(db, { name: 'second', format: 'jsonl', path: file })).toThrow(
      expect.objectContaining({ code: 'dataset_duplicate', message: expect.stringContaining('already imported as "first"'), details: expect.objectContaining({ datasetId: first.dataset.id }) }),
    );
    expect(listDatasets(db).map((d) => d.name)).toEqual(['first']);
    importDataset(db, { name: 'third', format: 'jsonl', content: `${content}{"question": "q3", "answer": "3"}\n` });
    expect(listDatasets(db)).toHaveLength(2);
  });

  it('reads files by path and refuses missing ones', () => {
    const file = path.join(t.dir, 'set.jsonl');
    fs.writeFileSync(file, '{"question": "q", "answer": "a"}\n');
    expect(importDataset(db, { name: 'p', format: 'jsonl', path: file }).dataset.meta).toMatchObject({ file: 'set.jsonl', format: 'jsonl' });
    expect(() => importDataset(db, { name: 'p', format: 'jsonl', path: path.join(t.dir, 'nope.jsonl') })).toThrow(/no such file/);
  });
});

describe('grading chosen at import', () => {
  const content = '{"question": "q1", "answer": "3.14"}\n{"question": "q2", "answer": "Blue"}\n';
  const imported = (grading: GradingSpec) => {
    const result = importDataset(db, { name: grading.kind, format: 'jsonl', content, grading });
    expect(result.dataset.grading).toEqual(grading);
    return getDatasetItems(db, items(result.dataset.id).map((i) => i.id));
  };

  it('numeric with a tolerance', () => {
    const [pi] = imported({ kind: 'numeric', tolerance: 0.01 });
    expect(gradeOutput('Answer: 3.141', pi!.answer, { kind: 'numeric', tolerance: 0.01 }).correct).toBe(true);
    expect(gradeOutput('Answer: 3.2', pi!.answer, { kind: 'numeric', tolerance: 0.01 }).correct).toBe(false);
  });

  it('exact strings, case-insensitive unless asked', () => {
    const [, blue] = imported({ kind: 'exact', caseSensitive: true });
    expect(gradeOutput('Answer: Blue.', blue!.answer, { kind: 'exact', caseSensitive: true }).correct).toBe(true);
    expect(gradeOutput('Answer: blue', blue!.answer, { kind: 'exact', caseSensitive: true }).correct).toBe(false);
    expect(gradeOutput('Answer: blue', blue!.answer, { kind: 'exact', caseSensitive: false }).correct).toBe(true);
  });

  it('a regex with the reference spliced in; an invalid pattern is refused before anything is written', () => {
    const spec: GradingSpec = { kind: 'regex', pattern: '^(?:the )?{answer}$' };
    const [pi] = imported(spec);
    expect(gradeOutput('Answer: the 3.14', pi!.answer, spec).correct).toBe(true);
    expect(gradeOutput('Answer: 3x14', pi!.answer, spec).correct).toBe(false);
    const before = listDatasets(db).length;
    expect(() => importDataset(db, { name: 'bad', format: 'jsonl', content, grading: { kind: 'regex', pattern: '({answer}' } })).toThrow(/not a valid regular expression/);
    expect(listDatasets(db)).toHaveLength(before);
  });
});

describe('csvRecords', () => {
  it('keeps empty trailing fields; refuses text after a closing quote', () => {
    expect([...csvRecords('a,b,c\n1,,\n\n"x\ny",2,3\n4,5,6')]).toEqual([
      { line: 2, fields: { a: '1', b: '', c: '' } },
      { line: 4, fields: { a: 'x\ny', b: '2', c: '3' } },
      { line: 6, fields: { a: '4', b: '5', c: '6' } },
    ]);
    expect(() => [...csvRecords('a,b,c\n"x"y,2,3')]).toThrow(/in the middle of a field/);
  });
});

describe('imports by path from the app and browser mode', () => {
  it('reads only inside the imports folder and never echoes a foreign file', () => {
    const folder = path.join(t.dir, 'imports');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'ok.jsonl'), '{"question":"q","answer":"1"}\n');
    fs.writeFileSync(path.join(t.dir, 'secret.jsonl'), 'root:x:0:0:root:/root:/bin/bash\n');
    expect(importDataset(db, { name: 'a', format: 'jsonl', path: 'ok.jsonl' }, { folder }).imported).toBe(1);
    for (const p of ['/etc/passwd', path.join(t.dir, 'secret.jsonl'), '../secret.jsonl', path.join(folder, '..', 'secret.jsonl')]) {
      expect(() => importDataset(db, { name: 'b', format: 'jsonl', path: p }, { folder })).toThrow(/imports folder/);
    }
    fs.symlinkSync(path.join(t.dir, 'secret.jsonl'), path.join(folder, 'link.jsonl'));
    expect(() => importDataset(db, { name: 'b', format: 'jsonl', path: 'link.jsonl' }, { folder })).toThrow(/imports folder/);
  });

  it('line errors name the position, not the content', () => {
    let message = '';
    try {
      importDataset(db, { name: 'c', format: 'jsonl', content: 'root:x:0:0:root:/root:/bin/bash\n' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/line 1: not valid JSON/);
    expect(message).not.toMatch(/root/);
  });

  it('decodes a latin-1 file and says so', () => {
    const file = path.join(t.dir, 'latin.csv');
    fs.writeFileSync(file, Buffer.from('question,answer\nCombien coûte le café ? Réponds en français,très cher\n', 'latin1'));
    const result = importDataset(db, { name: 'l', format: 'csv', path: file });
    expect(items(result.dataset.id)[0]!.question).toBe('Combien coûte le café ? Réponds en français');
    expect(result.notes?.[0]).toMatch(/not UTF-8.*read as/);
  });
});
