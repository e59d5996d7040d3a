// Design (b): one sequence holding the prompt once and every continuation's tokens interleaved after
// it, with a tree-shaped attention_bias: each continuation's tokens see the prompt and their own
// earlier tokens only, at their own positions (as the speculative tree verifier's treeBias, but with
// branches that grow one token per pass). The prompt's KV is never copied; the price is attention over
// every branch's tokens (masked) in each pass. Needs attention_bias and position_ids.
import type { ContinuationSpec } from '../methods/continuation';
import type { KvCache, KvHost } from '../runtime/kv-cache';
import type { LoadedModel } from '../runtime/loaded-model';
import { MASKED } from '../runtime/loaded-model';
import type { SharedDecoder } from './lockstep';

export class TreeBatchDecoder implements SharedDecoder {
  /** Per spec: the sequence indices of its own tokens (prefix, then generated), in order. */
  private own: number[][];
  private nextPosition: number[];
  private keys: KvHost[] = [];
  private values: KvHost[] = [];
  private length = 0;

  constructor(
    private readonly model: LoadedModel,
    private readonly prompt: KvCache,
    private readonly promptLogits: Float32Array,
    private readonly specs: readonly ContinuationSpec[],
  ) {
    this.own = specs.map(() => []);
    this.nextPosition = specs.map(() => prompt.length);
  }

  async start(): Promise<Float32Array[]> {
    this.keys = this.prompt.keys.map((k) => k as KvHost);
    this.values = this.prompt.values.map((v) => v as KvHost);
    this.length = this.prompt.length;
    const rows: number[] = [];
    const ids: number[] = [];
    const last: number[] = [];
    this.specs.forEach((s, r) => {
      s.prefix.forEach((id) => {
        rows.push(r);
        ids.push(id);
      });
      last.push(ids.length - 1);
    });
    if (ids.length === 0) return this.specs.map(() => this.promptLogits);
    const logits = await this.pass(rows, ids);
    return this.specs.map((s, r) => (s.prefix.length === 0 ? this.promptLogits : logits[last[r]!]!));
  }

  step(rows: readonly number[], tokens: readonly number[]): Promise<Float32Array[]> {
    return this.pass(rows, tokens);
  }

  /** Appends one token per entry (token i belongs to spec rows[i]); returns each fed token's logits. */
  private async pass(rows: readonly number[], ids: readonly number[]): Promise<Float32Array[]> {
    const P = this.prompt.length;
    const past = this.length;
    const S = ids.length;
    const T = past + S;
    const bias = new Float32Array(S * T).fill(MASKED);
    const positions: number[] = [];
    rows.forEach((r, i) => {
      const own = this.own[r]!;
      own.push(past + i);
      positions.push(this.nextPosition[r]!++);
      bias.fill(0, i * T, i * T + P);
      for (const j of own) bias[i * T + j] = 0;
    });
    const mask = new Array<number>(T).fill(1);
    const out = await this.model.forwardRows({ batch: 1, ids, positions, mask, bias, past: { keys: this.keys, values: this.values, length: past } });
    this.keys = out.keys;
    this.values = out.values;
    this.length = T;
    const result: Float32Array[] = [];
    for (let i = 0; i < S; i++) result.push(out.logits.subarray(i * out.vocab, (i + 1) * out.vocab));
    return result;
  }
}
