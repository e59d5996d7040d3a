import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { swaps } from './swaps';

const STEP = /^([A-Z][a-z]+) and ([A-Z][a-z]+) swap: (.+)$/;

/** The "Name has color" list after the colon, in order. */
function stateOf(list: string): [string, string][] {
  return list.split(', ').map((part) => {
    const m = /^([A-Z][a-z]+) has ([a-z]+)$/.exec(part);
    if (!m) throw new Error(`bad state entry "${part}"`);
    return [m[1]!, m[2]!];
  });
}

/** Replays a question independently of the generator: the holdings before each swap, and the asked person. */
function replay(question: string) {
  const holdings = new Map([...question.matchAll(/([A-Z][a-z]+) has a ([a-z]+) ball/g)].map((m) => [m[1], m[2]]));
  const states = [new Map(holdings)];
  const pairs = [...question.matchAll(/([A-Z][a-z]+) and ([A-Z][a-z]+) swap balls\./g)].map((m) => [m[1], m[2]]);
  for (const [a, b] of pairs) {
    const state = new Map(states[states.length - 1]);
    const colorA = state.get(a);
    state.set(a, state.get(b) ?? '');
    state.set(b, colorA ?? '');
    states.push(state);
  }
  const asked = /What color is the ball ([A-Z][a-z]+) has\?$/.exec(question)?.[1] ?? '';
  return { people: [...holdings.keys()], colors: [...holdings.values()], pairs, states, asked };
}

describe('swaps problems', () => {
  it('state everyone\'s colors after each swap, in the question\'s order', () => {
    const rng = new Rng(4);
    let sawFour = false;
    for (let difficulty = 1; difficulty <= 12; difficulty++) {
      for (let i = 0; i < 100; i++) {
        const p = swaps.generate(rng, difficulty);
        const r = replay(p.question);
        expect(r.people.length).toBe(difficulty >= 5 ? r.people.length : 3);
        expect([3, 4]).toContain(r.people.length);
        sawFour ||= r.people.length === 4;
        expect(new Set(r.people).size).toBe(r.people.length);
        expect(new Set(r.colors).size).toBe(r.colors.length);
        expect(r.pairs).toHaveLength(difficulty);
        p.steps.forEach((step, k) => {
          const m = STEP.exec(step);
          expect(m, step).not.toBeNull();
          if (!m) return;
          const [a, b] = r.pairs[k];
          expect([m[1], m[2]]).toEqual([a, b]);
          expect(stateOf(m[3]!)).toEqual(r.people.map((name) => [name, r.states[k + 1].get(name)]));
          expect(a).not.toBe(b);
        });
        expect(r.people).toContain(r.asked);
        expect(p.answer).toBe(r.states[difficulty].get(r.asked));
      }
    }
    expect(sawFour).toBe(true);
  });

  it('never swaps the same pair twice in a row', () => {
    const rng = new Rng(6);
    for (let i = 0; i < 300; i++) {
      const pairs = replay(swaps.generate(rng, 10).question).pairs.map((pair) => [...pair].sort().join());
      pairs.slice(1).forEach((pair, k) => expect(pair).not.toBe(pairs[k]));
    }
  });

  it('corrupts a step into a wrong state after the same swap', () => {
    const rng = new Rng(13);
    for (let i = 0; i < 300; i++) {
      const p = swaps.generate(rng, 1 + (i % 8));
      const r = replay(p.question);
      p.steps.forEach((step, index) => {
        const wrong = STEP.exec(swaps.corruptStep(p, index, rng));
        const right = STEP.exec(step);
        expect(wrong).not.toBeNull();
        if (!wrong || !right) return;
        expect([wrong[1], wrong[2]]).toEqual([right[1], right[2]]);
        const wrongState = stateOf(wrong[3]!);
        expect(wrongState.map(([name]) => name)).toEqual(r.people);
        expect(wrongState).not.toEqual(stateOf(right[3]!));
        for (const [, color] of wrongState) expect(r.colors).toContain(color);
      });
    }
  });
});
