import { describe, expect, it } from 'vitest';
import { datasetGradingText, gradingText } from './grading-label';

const synthetic = (families: string[]) => ({ source: 'synthetic' as const, meta: { generator: { families } }, grading: { kind: 'numeric' as const, tolerance: 1e-6 } });

describe('grading labels', () => {
  it('says each spec in a few words', () => {
    expect(gradingText({ kind: 'numeric', tolerance: 1e-6 })).toBe('numeric ±1e-6');
    expect(gradingText({ kind: 'numeric', tolerance: 0.5 })).toBe('numeric ±0.5');
    expect(gradingText({ kind: 'exact', caseSensitive: false })).toBe('exact string');
    expect(gradingText({ kind: 'regex', pattern: '^{answer}$' })).toBe('regex ^{answer}$');
  });

  it('labels a mixed synthetic suite per family: colour answers are strings, not numbers', () => {
    expect(datasetGradingText(synthetic(['arithmetic', 'variables', 'swaps']))).toBe('numeric ±1e-6 (arithmetic, variables) · exact string (swaps)');
    expect(datasetGradingText(synthetic(['swaps']))).toBe('exact string');
    expect(datasetGradingText(synthetic(['arithmetic']))).toBe('numeric ±1e-6');
  });

  it('keeps an import\'s own spec', () => {
    expect(datasetGradingText({ source: 'jsonl', meta: {}, grading: { kind: 'exact', caseSensitive: true } })).toBe('exact string (case-sensitive)');
  });
});
