import { describe, expect, it } from 'vitest';
import { guessField, sniffFields } from './sniff-fields';

describe('sniffFields', () => {
  it('reads JSONL keys (nested as dotted paths) and CSV headers with quotes and a BOM', () => {
    expect(sniffFields('\n{"prompt": "q", "meta": {"id": 1}, "target": 2}\n{"x": 1}', 'jsonl')).toEqual(['prompt', 'meta', 'meta.id', 'target']);
    expect(sniffFields('\uFEFFid,"the, question",answer\r\n1,a,b', 'csv')).toEqual(['id', 'the, question', 'answer']);
    expect(sniffFields('not json', 'jsonl')).toEqual([]);
    expect(sniffFields('', 'csv')).toEqual([]);
  });

  it('guesses the question, answer and id fields', () => {
    const fields = ['ID', 'Prompt', 'target', 'topic'];
    expect([guessField(fields, 'question'), guessField(fields, 'answer'), guessField(fields, 'id')]).toEqual(['Prompt', 'target', 'ID']);
    expect(guessField(['a'], 'question')).toBeUndefined();
  });
});
