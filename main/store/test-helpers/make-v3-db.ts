// Makes v3-main.db: a database written by main as of commit c9528a7 (schema migration 3, configs in
// the flat shape `{method, target, draft, gamma, ..., sampling}`), for the test that opens it with
// today's code and migrates it. It ran once against that commit and its output is committed; it is
// kept to document how the file was made, not to be run again (the store it imports has moved on).
//   npx tsx main/store/test-helpers/make-v3-db.ts main/store/migrations/fixtures/v3-main.db
import { rmSync } from 'node:fs';
import { TraceEvent } from '@app/events';
import { ExperimentSpec } from '@app/experiments';
import { RunRequest } from '@app/runs';
import { createDataset } from '../datasets';
import { openDatabase } from '../db';
import { createExperiment, updateExperiment } from '../experiments';
import { upsertModel } from '../models';
import { saveNpmiTable } from '../npmi';
import { createRun, finishRun, markRunning } from '../runs';
import { TraceWriter } from '../trace';
import { at, modelInfo, npmiTable, runMetrics, tokenEvent } from '../test-fixtures';

const file = process.argv[2];
if (!file) throw new Error('usage: make-v3-db.ts OUT.db');
rmSync(file, { force: true });
rmSync(`${file}-wal`, { force: true });
rmSync(`${file}-shm`, { force: true });
const db = openDatabase(file);

for (const id of ['base', 'draft', 'moe']) upsertModel(db, modelInfo(id), at(0));
createDataset(db, {
  id: 'ds1',
  name: 'two sums',
  source: 'jsonl',
  grading: { kind: 'numeric', tolerance: 1e-6 },
  createdAt: at(1),
  items: [
    { question: 'What is 2 + 3?', answer: '5' },
    { question: 'What is 4 * 5?', answer: '20' },
  ],
});
saveNpmiTable(db, npmiTable('npmi1', 'moe', at(2)));

let clock = 10;
function record(id: string, raw: unknown, models: string[], extra: { experimentId?: string; configLabel?: string; datasetItemId?: string; sampleIndex?: number; status?: 'completed' | 'failed' } = {}): void {
  const request = RunRequest.parse({ prompt: { kind: 'text', text: `prompt of ${id}` }, config: raw, tags: ['fixture'], ...extra, status: undefined });
  createRun(db, { id, request, createdAt: at(clock++), seed: request.config.sampling.seed, models });
  markRunning(db, id, { promptText: `<user>prompt of ${id}</user>`, promptTokens: 12, setup: Object.fromEntries([['engine', '0.1.0'], ...models.map((m, i) => [`r${i}:${m}`, `sha256:${m}`])]) });
  const writer = new TraceWriter(db, id);
  writer.append(TraceEvent.parse({ kind: 'prefill', role: 'target', tokens: 12, ms: 3.25 }));
  let output = '';
  for (let i = 0; i < 4; i++) {
    const e = tokenEvent(i);
    writer.append(e);
    output += (e as { text: string }).text;
  }
  const failed = extra.status === 'failed';
  finishRun(db, id, {
    status: failed ? 'failed' : 'completed',
    output,
    metrics: runMetrics(4),
    error: failed ? { code: 'method_unsupported', message: 'fixture failure' } : null,
    answer: extra.datasetItemId ? '5' : null,
    correct: extra.datasetItemId ? true : null,
    finishedAt: at(clock++),
  });
}

const base = { model: 'base', provider: 'cpu' };
const draft = { model: 'draft', provider: 'cpu' };
record('run-ar', { method: 'autoregressive', model: base, sampling: { maxNewTokens: 32, seed: 3 } }, ['base']);
record('run-chain', { method: 'chain_sd', target: base, draft, gamma: 3, adaptiveGamma: true }, ['base', 'draft']);
record('run-tr', { method: 'token_recycling', target: base, tree: 'tr-20', resetPerPrompt: true }, ['base']);
record('run-rsd', { method: 'rsd', target: base, draft, branching: [2, 2], sampling: { temperature: 0.7, seed: 11 } }, ['base', 'draft']);
record('run-del', { method: 'del', target: base, maxDraftLength: 4 }, ['base']);
record('run-ead', { method: 'ead', small: draft, large: base, tau: 0.02 }, ['draft', 'base']);
record('run-specreason', { method: 'specreason', small: draft, large: base, threshold: 6, closingStep: 'large' }, ['draft', 'base'], { status: 'failed' });
// RICE with no experts named: the host wrote the calibration's top experts into the config.
record('run-rice', { method: 'rice', model: { model: 'moe', provider: 'cpu' }, calibratedExperts: [{ layer: 1, expert: 1 }], topExperts: 1, form: 'gate' }, ['moe']);
record('run-rice-named', { method: 'rice', model: { model: 'moe', provider: 'cpu' }, experts: [{ layer: 0, expert: 3 }] }, ['moe']);

const spec = ExperimentSpec.parse({
  name: 'AR vs chain SD',
  datasetId: 'ds1',
  arms: [
    { label: 'AR base', config: { method: 'autoregressive', model: base, sampling: { maxNewTokens: 16 } }, baseline: true },
    { label: 'chain gamma 5', config: { method: 'chain_sd', target: base, draft, gamma: 5, sampling: { maxNewTokens: 16 } } },
  ],
  samplesPerItem: 1,
  datasetVersion: 'v-fixture',
});
createExperiment(db, { id: 'exp1', spec, total: 4, createdAt: at(5) });
for (const [i, item] of ['ds1:0', 'ds1:1'].entries()) {
  for (const arm of spec.arms) {
    const models = arm.config.method === 'autoregressive' ? ['base'] : ['base', 'draft'];
    record(`exp-${arm.config.method}-${i}`, arm.config, models, { experimentId: 'exp1', configLabel: arm.label, datasetItemId: item, sampleIndex: 0 });
  }
}
updateExperiment(db, 'exp1', { status: 'completed', done: 4 });
db.pragma('wal_checkpoint(TRUNCATE)');
db.pragma('journal_mode = DELETE');
db.close();
console.log(`wrote ${file}`);
