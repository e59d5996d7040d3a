// Shipped RICE calibrations: an embedded MoE model's folder may hold rice-calibration.json (made by
// scripts/make-rice-calibration.ts on synthetic validation items), so RICE has experts to reinforce
// out of the box. At start-up it is stored as the model's oldest nPMI table, marked shipped: any
// calibration made on this machine is newer and wins. A file made for other model files (another
// fingerprint) or that does not parse is left out and reported, never half-used.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NpmiTable } from '@app/api';
import type { ModelInfo } from '@app/models';
import type { Database } from '../../store';
import { saveNpmiTable } from '../../store';

/** The file name of a shipped calibration inside a model folder. */
export const SHIPPED_CALIBRATION_FILE = 'rice-calibration.json';

/** The file: the table (without its store id) plus the fingerprint of the model files it was made on. */
export const ShippedCalibration = NpmiTable.omit({ id: true, shipped: true }).extend({
  about: z.string(),
  /** The fingerprint of the model files the calibration ran on (ModelInfo.fingerprint). */
  fingerprint: z.string(),
  /** How it was made: script, dataset request, items. */
  made: z.record(z.string(), z.unknown()),
});
export type ShippedCalibration = z.infer<typeof ShippedCalibration>;

/** The store id of a model's shipped table (one per model, replaced when the file changes). */
export function shippedTableId(modelId: string): string {
  return `npmi-shipped-${modelId}`;
}

/**
 * Stores the shipped calibration of each model that has one in its folder and whose files match it.
 * Returns the problems (a file that does not parse, or one made on other model files).
 */
export function installShippedCalibrations(db: Database, models: readonly Pick<ModelInfo, 'id' | 'path' | 'fingerprint'>[]): string[] {
  const problems: string[] = [];
  for (const model of models) {
    const file = path.join(model.path, SHIPPED_CALIBRATION_FILE);
    if (!fs.existsSync(file)) continue;
    let parsed: ShippedCalibration;
    try {
      parsed = ShippedCalibration.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (err) {
      problems.push(`${model.id}: ${SHIPPED_CALIBRATION_FILE} is unreadable (${(err as Error).message.slice(0, 200)}); RICE needs a calibration of its own`);
      continue;
    }
    if (parsed.fingerprint !== model.fingerprint) {
      problems.push(`${model.id}: ${SHIPPED_CALIBRATION_FILE} was made on other model files (fingerprint ${parsed.fingerprint.slice(0, 12)}…); it was not used`);
      continue;
    }
    const { about: _about, fingerprint: _fingerprint, made: _made, ...table } = parsed;
    saveNpmiTable(db, { ...table, id: shippedTableId(model.id), modelId: model.id, datasetId: null, shipped: true });
  }
  return problems;
}
