// Particle filtering and A*-decoding on the embedded models (draft as the policy, base as the judge):
// A* with one candidate and no budget is greedy step decoding, which (steps kept as token ids) is
// plain greedy decoding token for token; every A* expansion pops the best waiting node, replayed from
// the trace; a particle filter's trace chains (nodes to parents, resampling to ancestors, weights
// summing to 1) and its output is the chosen particle's path.
import { describe, expect, it } from 'vitest';
import type { ExpansionEvent, ParticleStepEvent, ResampleEvent, SearchNode, SearchResultEvent, TraceEvent } from '@app/events';
import { generateSuite } from '@app/tasks';
import { CollectingEngine } from '../../in-process';

const problems = generateSuite({ families: ['arithmetic'], difficulties: [7], countPerCell: 2, seed: 4, split: 'test' });
const engine = new CollectingEngine();
const models = { policy: { model: 'draft' }, judge: { model: 'base' } };
const run = (method: string, text: string, params: Record<string, unknown>, sampling: Record<string, unknown> = {}) =>
  engine.run({ prompt: { kind: 'text', text }, config: { method, models, params, sampling: { maxNewTokens: 256, ...sampling } } });
const ofKind = <K extends TraceEvent['kind']>(events: TraceEvent[], kind: K) => events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

describe('A*-decoding on the embedded models', () => {
  it('with k = 1 and no budget writes the greedy output token for token', async () => {
    const question = problems[0]!.question;
    const greedy = await engine.run({ prompt: { kind: 'text', text: question }, config: { method: 'autoregressive', models: { model: { model: 'draft' } }, sampling: { maxNewTokens: 256 } } });
    const astar = await run('astar_decoding', question, { candidates: 1, tokenBudget: 0, maxDepth: 200 });
    expect(astar.finished.status).toBe('completed');
    expect(astar.ids).toEqual(greedy.ids);
    const expansions = ofKind(astar.events, 'expansion');
    const result = ofKind(astar.events, 'search_result')[0]!;
    expect(result.path).toHaveLength(expansions.length);
    expect(expansions.map((e) => e.children[0]!.id)).toEqual(result.path);
    expect(astar.finished.metrics).toMatchObject({ expansions: expansions.length, steps: expansions.length });
    // One judge pass per step but the closing one, which inherits the last reasoning step's score.
    expect(astar.finished.metrics!.prmCalls).toBe(expansions.length - 1);
  });

  it('expands the best waiting node every time (replayed from the trace), and its output is the chosen path', async () => {
    const r = await run('astar_decoding', problems[0]!.question, { candidates: 3, tokenBudget: 600 }, { temperature: 1, seed: 3 });
    const expansions: ExpansionEvent[] = ofKind(r.events, 'expansion');
    expect(expansions.length).toBeGreaterThan(3);
    // Sampled at temperature 1 the candidates differ somewhere, so the frontier holds real alternatives.
    expect(expansions.some((e) => e.children.filter((c) => !c.duplicate).length > 1)).toBe(true);
    const waiting = new Map<number, SearchNode>();
    const all = new Map<number, SearchNode>();
    for (const e of expansions) {
      if (e.order > 0) {
        const best = [...waiting.values()].sort((a, b) => a.f! - b.f! || a.id - b.id)[0]!;
        expect(e.node).toBe(best.id);
        waiting.delete(e.node);
      }
      for (const c of e.children) {
        all.set(c.id, c);
        expect(c.f).toBeCloseTo(c.g! + c.h!, 12);
        expect(c.h).toBeCloseTo(1 - c.reward, 12);
        if (!c.duplicate) waiting.set(c.id, c);
      }
    }
    const result: SearchResultEvent = ofKind(r.events, 'search_result')[0]!;
    const text = result.path.map((id) => all.get(id)!.text).join('');
    expect(r.finished.output).toBe(text);
    expect(r.finished.metrics!.sampledTokens).toBe(expansions.at(-1)!.tokensUsed);
  });
});

describe('particle filtering on the embedded models', () => {
  it('records a chained trace and writes the chosen particle', async () => {
    const r = await run('particle_filtering', problems[0]!.question, { particles: 4, stepBudget: 12 }, { temperature: 1, seed: 3 });
    expect(r.finished.status).toBe('completed');
    const steps: ParticleStepEvent[] = ofKind(r.events, 'particle_step');
    const resamples: ResampleEvent[] = ofKind(r.events, 'resample');
    expect(steps.length).toBeGreaterThan(3);
    expect(new Set(steps.flatMap((s) => s.nodes.map((n) => `${n.depth}:${n.text}`))).size).toBeGreaterThan(steps.length);
    const nodes = new Map<number, SearchNode>();
    let current = [-1, -1, -1, -1];
    for (const s of steps) {
      for (const n of s.nodes) {
        expect(n.parent).toBe(current[n.particle!]);
        nodes.set(n.id, n);
      }
      expect(s.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      current = s.particleNodes;
      const resample = resamples.find((x) => x.step === s.step);
      if (resample) {
        expect(resample.particleNodes).toEqual(resample.ancestors.map((a) => current[a]));
        current = resample.particleNodes;
      }
    }
    const result = ofKind(r.events, 'search_result')[0]!;
    expect(result.path.at(-1)).toBe(current[result.particle!]);
    expect(r.finished.output).toBe(result.path.map((id) => nodes.get(id)!.text).join(''));
    expect(r.finished.metrics).toMatchObject({ steps: steps.length, resamplings: resamples.length });
    expect(r.finished.metrics!.prmCalls).toBeGreaterThanOrEqual(steps.length);
  });
});

describe('search methods are reproducible', () => {
  it('the same seed gives the same particles, resampling and output; another seed differs', async () => {
    // Scores compare to 4 decimals: a judge pass that resumes a pooled prefix differs from a fresh one in the last float bits.
    const round = (_k: string, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v);
    const searchEvents = (events: TraceEvent[]) => JSON.parse(JSON.stringify(events.filter((e) => e.kind === 'particle_step' || e.kind === 'resample' || e.kind === 'search_result').map((e) => ({ ...e, ms: 0 })), round)) as unknown;
    const a = await run('particle_filtering', problems[1]!.question, { particles: 4, stepBudget: 8 }, { temperature: 1, seed: 11 });
    const b = await run('particle_filtering', problems[1]!.question, { particles: 4, stepBudget: 8 }, { temperature: 1, seed: 11 });
    const c = await run('particle_filtering', problems[1]!.question, { particles: 4, stepBudget: 8 }, { temperature: 1, seed: 12 });
    expect(searchEvents(b.events)).toEqual(searchEvents(a.events));
    expect(b.ids).toEqual(a.ids);
    expect(searchEvents(c.events)).not.toEqual(searchEvents(a.events));
  });
});

describe('search methods refuse what they cannot run', () => {
  it.each(['particle_filtering', 'astar_decoding'])('%s: a raw prompt (no question for the judge) fails with method_unsupported and says why', async (method) => {
    const r = await engine.run({ prompt: { kind: 'raw', text: 'a = 7. b = a + 5. What is b?' }, config: { method, models, params: {}, sampling: { maxNewTokens: 32 } } });
    expect(r.finished.status).toBe('failed');
    expect(r.finished.error).toMatchObject({ code: 'method_unsupported' });
    expect(r.finished.error!.message).toMatch(/text or chat prompt/);
  });

  it('params out of range are refused by the schema before anything runs', async () => {
    await expect(run('particle_filtering', 'x', { particles: 0 })).rejects.toThrow();
    await expect(run('astar_decoding', 'x', { candidates: 17 })).rejects.toThrow();
  });
});
