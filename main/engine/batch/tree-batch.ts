// Design (b): continuations as branches of a tree over the prompt. Each batch row holds the prompt once
// and a group of continuations' tokens interleaved after it, with a tree-shaped attention_bias: every
// token sees the prompt and its own branch's earlier tokens only, at its own positions (as the
// speculative tree verifier's treeBias, with branches that grow one token per pass). One group is one
// sequence (the prompt's KV held once); several groups trade prompt copies for less attention over
// other branches' (masked) tokens. Groups whose branches all ended are gathered out of the batch.
// Needs attention_bias and position_ids.
import type { ContinuationSpec } from '../methods/continuation';
import type { KvCache, KvHost } from '../runtime/kv-cache';
import type { LoadedModel } from '../runtime/loaded-model';
import { MASKED } from '../runtime/loaded-model';
import { KvBuffers } from './kv-buffers';
import type { SharedDecoder } from './lockstep';

export class TreeBatchDecoder implements SharedDecoder {
  /** Group of each spec (contiguous blocks of specs). */
  private readonly groupOf: number[];
  /** Batch row of each live group, in order. */
  private groups: number[];
  /** Per spec: the sequence indices (in its group's row) of its own tokens, in order. */
  private own: number[][];
  private nextPosition: number[];
  private readonly kv: KvBuffers;
  private readonly perPosition: number;
  private length = 0;

  /** `budgets`: each spec's token budget (sizes the KV buffers); `groups`: how many sequences share the specs. */
  constructor(
    private readonly model: LoadedModel,
    private readonly prompt: KvCache,
    private readonly promptLogits: Float32Array,
    private readonly specs: readonly ContinuationSpec[],
    budgets: readonly number[],
    groupCount = 1,
  ) {
    const G = Math.max(1, Math.min(groupCount, specs.length));
    this.groupOf = specs.map((_, i) => Math.floor((i * G) / specs.length));
    this.groups = [...Array(G).keys()];
    this.own = specs.map(() => []);
    this.nextPosition = specs.map(() => prompt.length);
    this.perPosition = model.kvLayout.heads * model.kvLayout.headDim;
    this.kv = new KvBuffers(model.kvLayout, TreeBatchDecoder.capacity(model, prompt.length, specs, budgets, G));
  }

  /**
   * KV elements per buffer: per group row, the prompt, the largest group's prefixes, and as many passes
   * as the largest budget of the largest group's size (groups shorter in a pass are padded to it).
   */
  static capacity(model: LoadedModel, promptLength: number, specs: readonly ContinuationSpec[], budgets: readonly number[], groupCount = 1): number {
    const G = Math.max(1, Math.min(groupCount, specs.length));
    const prefixTotals = new Array<number>(G).fill(0);
    const sizes = new Array<number>(G).fill(0);
    specs.forEach((s, i) => {
      const g = Math.floor((i * G) / specs.length);
      prefixTotals[g]! += s.prefix.length;
      sizes[g]!++;
    });
    const positions = promptLength + Math.max(...prefixTotals) + Math.max(...sizes) * Math.max(0, ...budgets);
    return G * positions * model.kvLayout.heads * model.kvLayout.headDim;
  }

  async start(): Promise<Float32Array[]> {
    this.kv.fill(this.prompt.keys as KvHost[], this.prompt.values as KvHost[], this.groups.length);
    this.length = this.prompt.length;
    const specsFed: number[] = [];
    const ids: number[] = [];
    this.specs.forEach((s, r) => {
      for (const id of s.prefix) {
        specsFed.push(r);
        ids.push(id);
      }
    });
    if (ids.length === 0) return this.specs.map(() => this.promptLogits);
    const logits = await this.pass(specsFed, ids);
    const last = new Map<number, Float32Array>();
    specsFed.forEach((r, i) => last.set(r, logits[i]!));
    return this.specs.map((_, r) => last.get(r) ?? this.promptLogits);
  }

  step(rows: readonly number[], tokens: readonly number[]): Promise<Float32Array[]> {
    const live = this.groups.filter((g) => rows.some((r) => this.groupOf[r] === g));
    if (live.length !== this.groups.length) {
      this.kv.keepRows(this.length * this.perPosition, live.map((g) => this.groups.indexOf(g)));
      this.groups = live;
    }
    return this.pass(rows, tokens);
  }

  /**
   * Appends token ids[i] to spec specsFed[i]'s branch (a spec may get several, in order); every group
   * row gets as many positions as the busiest one (the rest padding no one attends to). Returns each
   * fed token's logits, in the order fed.
   */
  private async pass(specsFed: readonly number[], ids: readonly number[]): Promise<Float32Array[]> {
    const B = this.groups.length;
    const rowOf = new Map(this.groups.map((g, b) => [g, b]));
    const slots: number[][] = this.groups.map(() => []);
    specsFed.forEach((r, i) => slots[rowOf.get(this.groupOf[r]!)!]!.push(i));
    const S = Math.max(...slots.map((s) => s.length));
    const P = this.prompt.length;
    const past = this.length;
    const T = past + S;
    const pad = this.model.tokenizer.padId ?? 0;
    const feedIds = new Array<number>(B * S).fill(pad);
    const positions = new Array<number>(B * S).fill(P);
    const bias = new Float32Array(B * S * T).fill(MASKED);
    const where: number[] = new Array<number>(ids.length);
    slots.forEach((list, b) => {
      for (let q = 0; q < S; q++) {
        const row = (b * S + q) * T;
        bias.fill(0, row, row + P); // padding queries see the prompt: a well-defined softmax, never read
        const i = list[q];
        if (i === undefined) continue;
        const r = specsFed[i]!;
        const own = this.own[r]!;
        own.push(past + q);
        feedIds[b * S + q] = ids[i]!;
        positions[b * S + q] = this.nextPosition[r]!++;
        for (const j of own) bias[row + j] = 0;
        where[i] = b * S + q;
      }
    });
    const mask = new Array<number>(B * T).fill(1);
    const out = await this.model.forwardRows({
      batch: B,
      ids: feedIds,
      positions,
      mask,
      bias,
      past: { ...this.kv.past(B * past * this.perPosition), length: past },
      presentInto: this.kv.present(B * T * this.perPosition),
    });
    this.kv.swap();
    this.length = T;
    return where.map((k) => out.logits.subarray(k * out.vocab, (k + 1) * out.vocab));
  }
}
