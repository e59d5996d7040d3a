import { describe, expect, it } from 'vitest';
import { fitCoveragePowerLaw, fitPowerLawPoints, logSpacedKs, powerLawCoverage } from './coverage-fit';

describe('exponentiated power-law coverage fit', () => {
  it('picks log-spaced integer k without duplicates', () => {
    expect(logSpacedKs(1)).toEqual([1]);
    expect(logSpacedKs(100, 3)).toEqual([1, 10, 100]);
    const ks = logSpacedKs(10_000);
    expect(ks[0]).toBe(1);
    expect(ks[ks.length - 1]).toBe(10_000);
    expect(new Set(ks).size).toBe(ks.length);
    expect(ks.length).toBeLessThanOrEqual(40);
  });

  it('recovers a and b from an exact curve', () => {
    // c(k) = exp(-1.2 k^-0.45): 0.301 at k=1, 0.80 near k=100.
    const curve = Array.from({ length: 256 }, (_, i) => Math.exp(-1.2 * Math.pow(i + 1, -0.45)));
    const fit = fitCoveragePowerLaw(curve)!;
    expect(fit.a).toBeCloseTo(-1.2, 4);
    expect(fit.b).toBeCloseTo(-0.45, 4);
    expect(fit.rmse).toBeLessThan(1e-6);
    expect(powerLawCoverage(fit, 1000)).toBeCloseTo(Math.exp(-1.2 * Math.pow(1000, -0.45)), 4);
  });

  it('fits a noisy table by hand within its noise', () => {
    // Hand table: k, coverage from exp(-2 k^-0.3) rounded to two decimals.
    const table: [number, number][] = [[1, 0.14], [2, 0.2], [4, 0.27], [8, 0.34], [16, 0.42], [32, 0.49], [64, 0.55]];
    const fit = fitPowerLawPoints(table.map(([k, coverage]) => ({ k, coverage })))!;
    expect(fit.points.length).toBe(7);
    expect(fit.a).toBeGreaterThan(-2.2);
    expect(fit.a).toBeLessThan(-1.8);
    expect(fit.b).toBeGreaterThan(-0.36);
    expect(fit.b).toBeLessThan(-0.25);
    expect(fit.rmse).toBeLessThan(0.01);
  });

  it('is null with fewer than two points', () => {
    expect(fitCoveragePowerLaw([0.5])).toBeNull();
    expect(fitCoveragePowerLaw([null, null])).toBeNull();
  });
});
