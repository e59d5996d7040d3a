// Makes the RICE calibration shipped with the embedded moe model (native-models/moe/rice-calibration.json):
// a host over a throw-away database generates a synthetic validation set (every family, difficulties
// 2 and 3; never the test split the examples and experiments draw from), runs the engine's
// rice.calibrate over all of it on the CPU, and writes the nPMI table with the model's fingerprint
// (values rounded to 4 decimals to keep the file small). The host stores it at start-up as the
// model's shipped table (main/host/rice/shipped-calibration.ts). Re-run after retraining moe:
//   npx tsx scripts/make-rice-calibration.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { api } from '../app/api';
import { GenerateDatasetRequest } from '../app/datasets';
import { childProcessSpawner } from '../main/host/child-engine';
import { createHost } from '../main/host/host';
import type { ShippedCalibration } from '../main/host/rice/shipped-calibration';
import { SHIPPED_CALIBRATION_FILE, ShippedCalibration as ShippedCalibrationSchema } from '../main/host/rice/shipped-calibration';

const MODEL = 'moe';
const DATASET = GenerateDatasetRequest.parse({ name: 'RICE shipped calibration', difficulties: [2, 3], countPerCell: 6, seed: 11, split: 'validation' });

const round = (x: number) => Math.round(x * 1e4) / 1e4;

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-rice-ship-'));
  const host = await createHost({ dbPath: path.join(dir, 'db.sqlite'), spawnEngine: childProcessSpawner(), kind: 'cli', nativeModelsDir: path.join(root, 'native-models') });
  try {
    const dataset = await host.handlers['datasets.generate'](DATASET);
    const model = host.models.get(MODEL);
    host.hub.subscribe((event, payload) => {
      if (event === 'rice.progress') process.stderr.write(`\r${(payload as { done: number; total: number }).done} / ${dataset.itemCount} items`);
    });
    const table = await host.handlers['rice.calibrate'](api['rice.calibrate'].input.parse({ model: { model: MODEL, provider: 'cpu' }, datasetId: dataset.id, itemLimit: dataset.itemCount }));
    process.stderr.write('\n');
    const shipped: ShippedCalibration = ShippedCalibrationSchema.parse({
      about: `RICE calibration shipped with the embedded ${MODEL} model: nPMI of each expert with the thinking markers over synthetic validation items; used until this machine calibrates ${MODEL} itself. Made by scripts/make-rice-calibration.ts.`,
      modelId: MODEL,
      datasetId: null,
      createdAt: table.createdAt,
      fingerprint: model.fingerprint,
      made: { script: 'scripts/make-rice-calibration.ts', dataset: DATASET, items: dataset.itemCount, provider: 'cpu' },
      markers: table.markers,
      tokens: table.tokens,
      npmi: table.npmi.map((layer) => layer.map((v) => (v === null ? null : round(v)))),
      frequency: table.frequency.map((layer) => layer.map(round)),
      top: table.top.map((t) => ({ ...t, npmi: round(t.npmi) })),
    });
    const out = path.join(root, 'native-models', MODEL, SHIPPED_CALIBRATION_FILE);
    fs.writeFileSync(out, `${JSON.stringify(shipped, null, 1)}\n`);
    process.stderr.write(`wrote ${path.relative(root, out)}: ${shipped.tokens} tokens, top ${shipped.top.slice(0, 4).map((t) => `L${t.layer}/E${t.expert}`).join(', ')}\n`);
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
