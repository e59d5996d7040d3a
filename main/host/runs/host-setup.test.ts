// What the host resolves for a run: RICE without named experts takes the top experts of the model's
// latest calibration, into the run's setup; repeated sampling on a dataset item gets the item's gold
// answer and grading (the item's own answer kind first); a run without a dataset item gets its
// request's expected answer with the grading spec of its kind; everything else resolves nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { parseMethodConfig } from '@app/methods';
import { createDataset } from '../../store';
import { saveNpmiTable } from '../../store/npmi';
import { at, npmiTable, tempDb } from '../../store/test-fixtures';
import { hostSetupFor } from './host-setup';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('hostSetupFor', () => {
  it("fills RICE's calibrated experts from the latest calibration, and only when none are named", () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const rice = parseMethodConfig({ method: 'rice', models: { model: { model: 'moe' } }, params: { topExperts: 1 } });
    expect(hostSetupFor(t.db, rice)).toEqual({});
    saveNpmiTable(t.db, { ...npmiTable('t1', 'moe', at(1)), top: [{ layer: 1, expert: 1, npmi: 0.75 }, { layer: 0, expert: 2, npmi: 0.5 }] });
    expect(hostSetupFor(t.db, rice)).toEqual({ calibratedExperts: [{ layer: 1, expert: 1 }] });
    expect(rice.params).not.toHaveProperty('calibratedExperts');
    const named = parseMethodConfig({ method: 'rice', models: { model: { model: 'moe' } }, params: { experts: [{ layer: 0, expert: 3 }] } });
    expect(hostSetupFor(t.db, named)).toEqual({});
    expect(hostSetupFor(t.db, parseMethodConfig({ method: 'autoregressive', models: { model: { model: 'moe' } } }))).toEqual({});
  });

  it("gives repeated sampling on a dataset item that item's answer and grading, a Playground example's answer, and nothing on a free prompt", () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    createDataset(t.db, {
      id: 'ds',
      name: 'mixed',
      source: 'jsonl',
      grading: { kind: 'regex', pattern: '^{answer}$' },
      items: [
        { id: 'ds:0', question: 'a = 2. What is a?', answer: '2', metadata: { answerKind: 'numeric' } },
        { id: 'ds:1', question: 'Say hi', answer: 'hi' },
      ],
    });
    const repeated = parseMethodConfig({ method: 'repeated_sampling', models: { model: { model: 'draft' }, judge: { model: 'base' } } });
    expect(hostSetupFor(t.db, repeated, { datasetItemId: 'ds:0' })).toEqual({ reference: { answer: '2', grading: { kind: 'numeric', tolerance: 1e-6 } } });
    expect(hostSetupFor(t.db, repeated, { datasetItemId: 'ds:1' })).toEqual({ reference: { answer: 'hi', grading: { kind: 'regex', pattern: '^{answer}$' } } });
    expect(hostSetupFor(t.db, repeated)).toEqual({});
    expect(hostSetupFor(t.db, repeated, { datasetItemId: 'missing' })).toEqual({});
    // A Playground example's expected answer, when the run has no dataset item: converted to its grading spec.
    expect(hostSetupFor(t.db, repeated, { expected: { answer: '7', kind: 'numeric' } })).toEqual({ reference: { answer: '7', grading: { kind: 'numeric', tolerance: 1e-6 } } });
    expect(hostSetupFor(t.db, repeated, { expected: { answer: 'Paris', kind: 'exact' } })).toEqual({ reference: { answer: 'Paris', grading: { kind: 'exact', caseSensitive: false } } });
    // A dataset item's own answer wins; an item that is gone leaves none (the request's is not used then).
    expect(hostSetupFor(t.db, repeated, { datasetItemId: 'ds:0', expected: { answer: '7', kind: 'numeric' } }).reference!.answer).toBe('2');
    expect(hostSetupFor(t.db, repeated, { datasetItemId: 'missing', expected: { answer: '7', kind: 'numeric' } })).toEqual({});
  });

  it("gives any method without a dataset item the request's expected answer, and other methods on a dataset item nothing", () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const autoregressive = parseMethodConfig({ method: 'autoregressive', models: { model: { model: 'x' } } });
    const expected = { answer: '7', kind: 'numeric' as const };
    expect(hostSetupFor(t.db, autoregressive, { expected })).toEqual({ reference: { answer: '7', grading: { kind: 'numeric', tolerance: 1e-6 } } });
    expect(hostSetupFor(t.db, autoregressive, { datasetItemId: 'ds:0', expected })).toEqual({});
    expect(hostSetupFor(t.db, autoregressive)).toEqual({});
    // RICE keeps both: its calibrated experts and the reference.
    saveNpmiTable(t.db, { ...npmiTable('t1', 'moe', at(1)), top: [{ layer: 1, expert: 1, npmi: 0.75 }] });
    const rice = parseMethodConfig({ method: 'rice', models: { model: { model: 'moe' } }, params: { topExperts: 1 } });
    expect(hostSetupFor(t.db, rice, { expected })).toEqual({ calibratedExperts: [{ layer: 1, expert: 1 }], reference: { answer: '7', grading: { kind: 'numeric', tolerance: 1e-6 } } });
  });
});
