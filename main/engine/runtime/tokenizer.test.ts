import { describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS } from '../in-process';
import { TextStream, WorkbenchTokenizer } from './tokenizer';

const tok = WorkbenchTokenizer.load(EMBEDDED_MODELS.base!);

describe('WorkbenchTokenizer', () => {
  it('round-trips text exactly, digits as single tokens', () => {
    const text = 'Mia has 12 marbles. Ünïcode → fine.\n\n  <think>3 + 4 = 7\n</think>';
    expect(tok.decode(tok.encode(text))).toBe(text);
    for (const d of '0123456789') expect(tok.encode(d)).toHaveLength(1);
  });

  it('renders the chat template with a generation prompt or an open final message', () => {
    expect(tok.applyChatTemplate([{ role: 'user', content: 'Q' }], { addGenerationPrompt: true })).toBe('<|user|>Q<|end|><|assistant|>');
    expect(
      tok.applyChatTemplate(
        [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: '<think>a' },
        ],
        { continueFinalMessage: true },
      ),
    ).toBe('<|user|>Q<|end|><|assistant|><think>a');
  });

  it('streams pieces that concatenate to the full decode, multi-byte characters included', () => {
    const ids = tok.encode('héllo wörld → 12 + 3\n✓ done');
    const stream = new TextStream(tok, tok.encode('<|assistant|>'));
    const pieces = ids.map((id) => stream.push(id));
    expect(pieces.join('')).toBe(tok.decode(ids));
    expect(pieces.some((p) => p === '')).toBe(true); // a byte of a multi-byte character waits
  });
});
