// Lossless under greedy decoding: every speculative method, through the real engine with the embedded
// models (target base, draft draft), emits exactly the autoregressive baseline's token ids on six suite
// prompts of different families and difficulties; the path-batch fallback (forced, and automatic on a
// target without attention_bias) gives the same tokens as tree verification; the round events and
// metrics agree with what was emitted.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftRoundEvent, NoteEvent } from '@app/events';
import { parseMethodConfig } from '@app/methods';
import type { TaskFamily } from '@app/datasets';
import { generateSuite } from '@app/tasks/suite';
import { renderPrompt } from '../../engine';
import { ModelLoader } from '../../model-loader';
import type { LoadedModel } from '../../runtime/loaded-model';
import { CollectingEngine, EMBEDDED_MODELS } from '../../in-process';
import { createRsd } from './rsd';
import { runDirect } from './test-support';
import { createTokenRecycling } from './token-recycling';
import { BATCH_FALLBACK_NOTE } from './verify';

const MAX_NEW_TOKENS = 128;
const cells: [TaskFamily, number][] = [
  ['arithmetic', 2],
  ['arithmetic', 5],
  ['variables', 3],
  ['variables', 6],
  ['swaps', 2],
  ['swaps', 4],
];
const suite = generateSuite({ families: ['arithmetic', 'variables', 'swaps'], difficulties: [2, 3, 4, 5, 6], countPerCell: 1, seed: 11, split: 'test' });
const problems = cells.map(([family, difficulty]) => suite.find((p) => p.family === family && p.difficulty === difficulty)!);

const target = { model: 'base' };
const draft = { model: 'draft' };
const sampling = { temperature: 0, maxNewTokens: MAX_NEW_TOKENS };
/** Label, config, and how many of the prompts it runs on (variants of a method run on fewer). */
const configs: [string, Record<string, unknown>, number][] = [
  ['chain SD, gamma 4', { method: 'chain_sd', models: { target, draft }, params: { gamma: 4 }, sampling }, 6],
  ['chain SD, adaptive gamma', { method: 'chain_sd', models: { target, draft }, params: { adaptiveGamma: true }, sampling }, 6],
  ['Token Recycling, tr-80 (hot matrix)', { method: 'token_recycling', models: { target }, params: { tree: 'tr-80', resetPerPrompt: false }, sampling }, 6],
  ['Token Recycling, tr-20 (reset per prompt)', { method: 'token_recycling', models: { target }, params: { tree: 'tr-20', resetPerPrompt: true }, sampling }, 6],
  ['Token Recycling, explicit 3-node tree', { method: 'token_recycling', models: { target }, params: { tree: [[0], [1], [0, 0]] }, sampling }, 3],
  ['RSD, branching [3, 2, 2, 1]', { method: 'rsd', models: { target, draft }, sampling }, 6],
  ['DEL', { method: 'del', models: { target }, sampling }, 6],
  ['DEL with confidence stop 0.9', { method: 'del', models: { target }, params: { draftExit: 'fixed', confidenceStop: 0.9, maxDraftLength: 8 }, sampling }, 3],
  ['DEL without draft exiting', { method: 'del', models: { target }, params: { draftExit: 'off', maxDraftLength: 8 }, sampling }, 3],
  ['prompt lookup, 10 tokens, 2-grams', { method: 'prompt_lookup', models: { target }, sampling }, 6],
  ['prompt lookup, 3 tokens, 1-grams', { method: 'prompt_lookup', models: { target }, params: { numTokens: 3, maxNgram: 1 }, sampling }, 3],
];

/** The same model, claiming no attention_bias input: tree methods must fall back to path batches. */
function withoutAttentionBias(model: LoadedModel): LoadedModel {
  const m = Object.create(model) as LoadedModel;
  Object.defineProperty(m, 'info', { value: { ...model.info, capabilities: { ...model.info.capabilities, attentionBias: false } } });
  return m;
}

describe('greedy exactness of the speculative methods', () => {
  const engine = new CollectingEngine();
  const baseline: number[][] = [];

  beforeAll(async () => {
    for (const p of problems) {
      const r = await engine.run({ prompt: { kind: 'text', text: p.question }, config: { method: 'autoregressive', models: { model: target }, sampling } });
      expect(r.finished.status).toBe('completed');
      baseline.push(r.ids);
    }
    // The prompts end in different ways: some outputs stop at end-of-turn well before the limit.
    expect(baseline.some((ids) => ids.length < MAX_NEW_TOKENS)).toBe(true);
  });

  it.each(configs)('%s emits the baseline tokens, with consistent rounds and metrics', async (_name, config, count) => {
    for (const [i, p] of problems.slice(0, count).entries()) {
      const r = await engine.run({ prompt: { kind: 'text', text: p.question }, config });
      expect(r.finished.error).toBeNull();
      expect(r.ids).toEqual(baseline[i]);
      const rounds = r.events.filter((e): e is DraftRoundEvent => e.kind === 'draft_round');
      const m = r.finished.metrics!;
      expect(rounds.length).toBe(m.rounds);
      expect(rounds.reduce((s, e) => s + e.emitted, 0)).toBe(r.ids.length - 1); // the first token comes from the prefill
      expect(rounds.reduce((s, e) => s + e.acceptedPath.length, 0)).toBe(m.acceptedTokens);
      expect(rounds.reduce((s, e) => s + e.nodes.length, 0)).toBe(m.draftTokens);
      expect(m.meanAcceptanceLength).toBeCloseTo(1 + m.acceptedTokens! / m.rounds!, 12);
      expect(m.perPositionAcceptance![0]).toBeCloseTo(rounds.filter((e) => e.acceptedPath.length > 0).length / m.rounds!, 12);
      expect(m.targetForwardPasses).toBe(m.rounds! + 1);
      expect(r.tokens.slice(1).every((t) => ['draft_accepted', 'bonus', 'resampled'].includes(t.source))).toBe(true);
      for (const e of rounds) {
        expect(e.nodes.filter((n) => n.status === 'accepted').map((n) => n.id)).toEqual(e.acceptedPath);
        if (config.method === 'del') expect(e.exitLayer).toBeGreaterThan(0);
      }
    }
  });

  it('path-batch verification gives the same tokens as tree verification (forced, and on a target without attention_bias)', async () => {
    const loader = new ModelLoader();
    const base = await loader.load(EMBEDDED_MODELS.base!, 'cpu', 'base');
    const small = await loader.load(EMBEDDED_MODELS.draft!, 'cpu', 'draft');
    const noBias = { target: withoutAttentionBias(base), draft: withoutAttentionBias(small) };
    // Batches repeat the past once per path: keep these runs short (a greedy prefix of the baseline).
    const short = { ...sampling, maxNewTokens: 32 };
    const tr = parseMethodConfig({ method: 'token_recycling', models: { target }, params: { tree: 'tr-20', resetPerPrompt: true }, sampling: short });
    const rsdConfig = parseMethodConfig({ method: 'rsd', models: { target, draft }, params: { branching: [2, 2, 1] }, sampling: short });
    for (const index of [1, 5]) {
      const p = problems[index]!;
      const expected = baseline[index]!.slice(0, short.maxNewTokens);
      const promptIds = base.tokenizer.encode(renderPrompt(base, { kind: 'text', text: p.question }));
      const runs = {
        trTree: await runDirect(createTokenRecycling({ verify: 'tree' }), tr, { target: base }, promptIds),
        trBatch: await runDirect(createTokenRecycling({ verify: 'batch' }), tr, { target: base }, promptIds),
        trNoBias: await runDirect(createTokenRecycling(), tr, { target: noBias.target }, promptIds),
        rsdTree: await runDirect(createRsd({ verify: 'tree' }), rsdConfig, { target: base, draft: small }, promptIds),
        rsdBatch: await runDirect(createRsd({ verify: 'batch' }), rsdConfig, { target: base, draft: small }, promptIds),
        rsdNoBias: await runDirect(createRsd(), rsdConfig, noBias, promptIds),
      };
      for (const [name, r] of Object.entries(runs)) {
        expect(r.ids, name).toEqual(expected);
        const modes = new Set(r.events.flatMap((e) => (e.kind === 'draft_round' ? [e.verifyMode] : [])));
        expect([...modes], name).toEqual([name.endsWith('Tree') ? 'tree' : 'batch']);
      }
      // The same rounds accept the same paths whichever way they were verified.
      const paths = (r: typeof runs.trTree) => r.events.flatMap((e) => (e.kind === 'draft_round' ? [e.acceptedPath] : []));
      expect(paths(runs.trBatch)).toEqual(paths(runs.trTree));
      expect(paths(runs.rsdBatch)).toEqual(paths(runs.rsdTree));
      const notes = runs.trNoBias.events.filter((e): e is NoteEvent => e.kind === 'note');
      expect(notes.map((n) => n.message)).toEqual([BATCH_FALLBACK_NOTE]);
    }
  });
});
