// Shipped RICE calibrations: the file in native-models/moe parses and matches the embedded model it
// was made on; installing stores it as a shipped table that a later calibration of this machine
// supersedes; a file made on other model files, or unreadable, is reported and not used.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMethodConfig } from '@app/methods';
import { latestNpmiTable, listNpmiTables, saveNpmiTable } from '../../store/npmi';
import { tempDb } from '../../store/test-fixtures';
import { hostSetupFor } from '../runs/host-setup';
import { SHIPPED_CALIBRATION_FILE, ShippedCalibration, installShippedCalibrations, shippedTableId } from './shipped-calibration';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const shippedFile = path.join(root, 'native-models/moe', SHIPPED_CALIBRATION_FILE);
const shipped = ShippedCalibration.parse(JSON.parse(fs.readFileSync(shippedFile, 'utf8')));

let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

/** A model folder holding a copy of the shipped file, optionally edited. */
function folderWith(content: string): string {
  const folder = fs.mkdtempSync(path.join(t.dir, 'moe-'));
  fs.writeFileSync(path.join(folder, SHIPPED_CALIBRATION_FILE), content);
  return folder;
}

describe('shipped RICE calibration', () => {
  it('is stored as the model\'s shipped table, RICE reinforces its top experts, and a calibration made here wins', () => {
    const problems = installShippedCalibrations(t.db, [{ id: 'moe', path: folderWith(JSON.stringify(shipped)), fingerprint: shipped.fingerprint }]);
    expect(problems).toEqual([]);
    const table = latestNpmiTable(t.db, 'moe');
    expect(table).toMatchObject({ id: shippedTableId('moe'), shipped: true, datasetId: null, markers: ['<think>', '</think>'] });
    expect(table!.npmi).toHaveLength(6);
    const rice = defaultMethodConfig('rice', { model: { model: 'moe', provider: 'cpu' } });
    expect(hostSetupFor(t.db, rice).calibratedExperts).toEqual(shipped.top.slice(0, 2).map(({ layer, expert }) => ({ layer, expert })));

    const mine = { ...table!, id: 'npmi-mine', shipped: undefined, createdAt: new Date().toISOString(), top: [{ layer: 3, expert: 3, npmi: 0.9 }] };
    saveNpmiTable(t.db, mine);
    expect(latestNpmiTable(t.db, 'moe')!.id).toBe('npmi-mine');
    // Installing again (the next start) keeps one shipped table and the newer one on top.
    installShippedCalibrations(t.db, [{ id: 'moe', path: folderWith(JSON.stringify(shipped)), fingerprint: shipped.fingerprint }]);
    expect(listNpmiTables(t.db, { modelId: 'moe' }).map((x) => x.id)).toEqual(['npmi-mine', shippedTableId('moe')]);
  });

  it('is left out, with the reason, when made on other model files or unreadable', () => {
    const other = installShippedCalibrations(t.db, [{ id: 'moe', path: folderWith(JSON.stringify(shipped)), fingerprint: 'f'.repeat(16) }]);
    expect(other).toEqual([expect.stringContaining('made on other model files')]);
    const broken = installShippedCalibrations(t.db, [{ id: 'moe', path: folderWith('{"npmi": '), fingerprint: shipped.fingerprint }]);
    expect(broken).toEqual([expect.stringContaining('unreadable')]);
    expect(listNpmiTables(t.db, { modelId: 'moe' })).toEqual([]);
  });
});
