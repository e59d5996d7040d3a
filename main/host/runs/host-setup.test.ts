// What the host resolves for a run: RICE without named experts takes the top experts of the model's
// latest calibration, into the run's setup; every other config resolves nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { parseMethodConfig } from '@app/methods';
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
});
