import { describe, expect, it } from 'vitest';
import { splits, taskFamilies } from '../datasets';
import type { Split } from '../datasets';
import { Rng } from './random';
import { splitOf } from './splits';
import { generateSuite, generators } from './suite';

describe('splitOf', () => {
  it('is a pure function of the question', () => {
    const q = 'a = 7. b = a + 5. What is b?';
    expect(splitOf(q)).toBe(splitOf(`${q}`));
    expect(splits).toContain(splitOf(q));
  });

  it('divides random questions about 90/5/5', () => {
    const rng = new Rng(2);
    const counts: Record<Split, number> = { train: 0, validation: 0, test: 0 };
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 .?';
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const length = rng.int(5, 60);
      const question = Array.from({ length }, () => rng.pick([...alphabet])).join('');
      counts[splitOf(question)]++;
    }
    expect(counts.train / n).toBeGreaterThan(0.88);
    expect(counts.train / n).toBeLessThan(0.92);
    expect(counts.validation / n).toBeGreaterThan(0.04);
    expect(counts.validation / n).toBeLessThan(0.06);
    expect(counts.test / n).toBeGreaterThan(0.04);
    expect(counts.test / n).toBeLessThan(0.06);
  });

  it('keeps the splits of generated suites disjoint', () => {
    const bySplit = new Map<Split, Set<string>>();
    for (const split of splits) {
      const problems = generateSuite({ families: [...taskFamilies], difficulties: [2, 3, 4, 5], countPerCell: 250, seed: 17, split });
      expect(problems).toHaveLength(3000);
      bySplit.set(split, new Set(problems.map((p) => p.question)));
    }
    for (const a of splits) {
      for (const b of splits) {
        if (a === b) continue;
        const overlap = [...(bySplit.get(a) ?? [])].filter((q) => bySplit.get(b)?.has(q));
        expect(overlap, `${a} and ${b} share questions`).toEqual([]);
      }
    }
  });

  it('gives the generated questions of each family about 90/5/5', () => {
    for (const family of taskFamilies) {
      const rng = new Rng(8);
      const counts: Record<Split, number> = { train: 0, validation: 0, test: 0 };
      const n = 10_000;
      for (let i = 0; i < n; i++) counts[splitOf(generators[family].generate(rng, 1 + (i % 6)).question)]++;
      expect(counts.train / n, family).toBeGreaterThan(0.87);
      expect(counts.train / n, family).toBeLessThan(0.93);
      expect(counts.validation / n, family).toBeGreaterThan(0.035);
      expect(counts.test / n, family).toBeGreaterThan(0.035);
    }
  });
});
