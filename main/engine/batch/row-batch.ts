// Design (a): a batch dimension with one KV row per continuation. The prompt's KV (computed once) is
// copied into every row; prefixes of different lengths are fed in one right-padded pass and the
// padding is masked out by attention_mask from then on; each decode step feeds one token per live row.
// Rows that end are dropped from the batch (their KV rows gathered out), so they cost nothing after.
// Needs position_ids (positions are per row once prefixes differ); works without attention_bias.
import type { ContinuationSpec } from '../methods/continuation';
import type { KvCache, KvHost } from '../runtime/kv-cache';
import type { LoadedModel } from '../runtime/loaded-model';
import { KvBuffers } from './kv-buffers';
import type { SharedDecoder } from './lockstep';

export class RowBatchDecoder implements SharedDecoder {
  /** Spec index of each batch row, in order. */
  private rows: number[];
  /** Per row: 1 where its KV holds a real position, 0 for padding. */
  private valid: number[][];
  /** Per row: the position its next token takes. */
  private nextPosition: number[];
  private readonly kv: KvBuffers;
  /** Elements of one row of one layer per position: heads * headDim. */
  private readonly perPosition: number;
  private length = 0;

  /** `maxNewTokens`: the largest budget of any spec (sizes the KV buffers). */
  constructor(
    private readonly model: LoadedModel,
    private readonly prompt: KvCache,
    private readonly promptLogits: Float32Array,
    private readonly specs: readonly ContinuationSpec[],
    maxNewTokens: number,
  ) {
    this.perPosition = model.kvLayout.heads * model.kvLayout.headDim;
    this.kv = new KvBuffers(model.kvLayout, RowBatchDecoder.capacity(model, prompt.length, specs, maxNewTokens));
    this.rows = specs.map((_, i) => i);
    this.valid = specs.map(() => new Array<number>(prompt.length).fill(1));
    this.nextPosition = specs.map(() => prompt.length);
  }

  /** KV elements per buffer for these specs: every row as long as the longest prefix plus the largest budget. */
  static capacity(model: LoadedModel, promptLength: number, specs: readonly ContinuationSpec[], maxNewTokens: number): number {
    const longest = promptLength + Math.max(0, ...specs.map((s) => s.prefix.length)) + maxNewTokens;
    return specs.length * longest * model.kvLayout.heads * model.kvLayout.headDim;
  }

  async start(): Promise<Float32Array[]> {
    const B = this.specs.length;
    const P = this.prompt.length;
    this.kv.fill(this.prompt.keys as KvHost[], this.prompt.values as KvHost[], B);
    this.length = P;
    const S = Math.max(0, ...this.specs.map((s) => s.prefix.length));
    if (S === 0) return this.specs.map(() => this.promptLogits);
    const pad = this.model.tokenizer.padId ?? 0;
    const ids: number[] = [];
    const positions: number[] = [];
    this.specs.forEach((s, r) => {
      const n = s.prefix.length;
      for (let i = 0; i < S; i++) {
        ids.push(i < n ? s.prefix[i]! : pad);
        positions.push(P + Math.min(i, Math.max(0, n - 1)));
        this.valid[r]!.push(i < n ? 1 : 0);
      }
      this.nextPosition[r] = P + n;
    });
    const result = await this.pass(ids, positions, S);
    return this.specs.map((s, r) => (s.prefix.length === 0 ? this.promptLogits : result[r * S + s.prefix.length - 1]!));
  }

  async step(rows: readonly number[], tokens: readonly number[]): Promise<Float32Array[]> {
    if (rows.length !== this.rows.length) this.keepRows(rows);
    const positions = rows.map((r) => this.nextPosition[r]!++);
    for (const r of rows) this.valid[r]!.push(1);
    return this.pass(tokens, positions, 1);
  }

  /** Runs S tokens per batch row (the valid flags of the fed positions are already pushed). */
  private async pass(ids: readonly number[], positions: readonly number[], S: number): Promise<Float32Array[]> {
    const B = this.rows.length;
    const T = this.length + S;
    const mask = new Array<number>(B * T);
    this.rows.forEach((r, b) => {
      const v = this.valid[r]!;
      for (let j = 0; j < T; j++) mask[b * T + j] = v[j]!;
    });
    const past = this.kv.past(B * this.length * this.perPosition);
    const out = await this.model.forwardRows({ batch: B, ids, positions, mask, past: { ...past, length: this.length }, presentInto: this.kv.present(B * T * this.perPosition) });
    this.kv.swap();
    this.length = T;
    const rowsOut: Float32Array[] = [];
    for (let i = 0; i < B * S; i++) rowsOut.push(out.logits.subarray(i * out.vocab, (i + 1) * out.vocab));
    return rowsOut;
  }

  /** Drops the rows not in `rows` (a subset of the current ones, in the same order). */
  private keepRows(rows: readonly number[]): void {
    const slots = rows.map((r) => this.rows.indexOf(r));
    if (slots.some((s) => s < 0)) throw new Error('a continuation cannot rejoin the batch');
    this.kv.keepRows(this.length * this.perPosition, slots);
    this.rows = [...rows];
  }
}
