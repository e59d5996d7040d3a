import { describe, expect, it } from 'vitest';
import type { TokenEvent, TraceEvent } from '@app/events';
import type { MethodConfig } from '@app/methods';
import { MethodConfig as MethodConfigSchema } from '@app/methods';
import { expertUsage, expertsFromNote, hasRouting, routingCells, routingMatrix, steeredExperts } from './routing';

function tok(index: number, experts?: number[][]): TokenEvent {
  return { kind: 'token', index, id: index, text: `t${index}`, logprob: 0, entropy: 0, top: [], tMs: 0, source: 'target', ...(experts ? { experts } : {}) };
}

describe('routingMatrix', () => {
  it('takes weights from route events and skips prompt positions', () => {
    const events: TraceEvent[] = [
      { kind: 'route', tokenIndex: -1, experts: [[[0, 1], [2, 3]]], weights: [[[0.5, 0.5], [0.5, 0.5]]] },
      tok(0, [[1, 0], [3, 2]]),
      tok(1, [[2, 1], [0, 3]]),
      { kind: 'route', tokenIndex: 0, experts: [[[1, 0], [3, 2]], [[2, 1], [0, 3]]], weights: [[[0.7, 0.3], [0.9, 0.1]], [[0.6, 0.4], [0.8, 0.2]]] },
    ];
    const m = routingMatrix(events);
    expect(m.layers).toBe(2);
    expect(m.experts).toBe(4);
    expect(m.weighted).toBe(true);
    expect(m.tokens.map((t) => t.index)).toEqual([0, 1]);
    expect(m.tokens[0]!.text).toBe('t0');
    // token 0: layer 0 -> experts 1 (0.7), 0 (0.3) -> rows 1, 0; layer 1 -> 3 (0.9), 2 (0.1) -> rows 7, 6
    expect(routingCells(m).slice(0, 4)).toEqual([
      [0, 1, 0.7],
      [0, 0, 0.3],
      [0, 7, 0.9],
      [0, 6, 0.1],
    ]);
  });

  it('falls back to token events (selection only) while routes are pending', () => {
    const m = routingMatrix([tok(0, [[1, 0]]), tok(1, [[1, 2]])], 8);
    expect(m.weighted).toBe(false);
    expect(m.experts).toBe(8);
    expect(routingCells(m)).toEqual([
      [0, 1, 1],
      [0, 0, 1],
      [1, 1, 1],
      [1, 2, 1],
    ]);
    expect(hasRouting([tok(0)])).toBe(false);
    expect(hasRouting([tok(0, [[1]])])).toBe(true);
  });

  it('measures how often steered experts were chosen', () => {
    const m = routingMatrix([tok(0, [[1, 0]]), tok(1, [[1, 2]]), tok(2, [[3, 2]])]);
    const u = expertUsage(m, [{ layer: 0, expert: 1 }, { layer: 0, expert: 2 }]);
    expect(u.map((x) => x.share)).toEqual([2 / 3, 2 / 3]);
    expect(u[0]!.meanWeight).toBeNull();
  });
});

describe('steered experts', () => {
  const base = MethodConfigSchema.parse({ method: 'rice', models: { model: { model: 'moe' } } }) as Extract<MethodConfig, { method: 'rice' }>;
  it('prefers the explicit list, then the calibrated top recorded in the setup', () => {
    const calibrated = { calibratedExperts: [{ layer: 3, expert: 1 }, { layer: 0, expert: 0 }] };
    expect(steeredExperts({ ...base, params: { ...base.params, experts: [{ layer: 1, expert: 2 }] } }, calibrated)).toEqual([{ layer: 1, expert: 2 }]);
    expect(steeredExperts({ ...base, params: { ...base.params, topExperts: 1 } }, calibrated)).toEqual([{ layer: 3, expert: 1 }]);
    expect(steeredExperts(base)).toEqual([]);
    expect(steeredExperts(MethodConfigSchema.parse({ method: 'autoregressive', models: { model: { model: 'x' } } }))).toEqual([]);
  });

  it('reads experts from the engine note', () => {
    expect(expertsFromNote('RICE: logit form, beta 64, reinforcing L2/E3, L4/E1')).toEqual([
      { layer: 2, expert: 3 },
      { layer: 4, expert: 1 },
    ]);
  });
});
