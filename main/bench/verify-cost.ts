// Verify-pass cost against tokens per pass (issue "GPU measurements", item 2): after a prompt of
// `pastTokens` in the KV cache, one forward pass over S new tokens (a chain; a draft tree of S nodes
// costs the same positions), for S = 1, 8, 32, 81, 128 by default. The curve decides which draft-tree
// sizes pay on a model and provider: a tree of S nodes pays only while its pass costs less than the
// tokens it is expected to yield. Median of `repeats` passes after `warmup` untimed ones.
import { EMBEDDED_MODELS } from '../engine/in-process';
import { LoadedModel } from '../engine/runtime/loaded-model';
import { prefill } from '../engine/runtime/prefill';
import type { Provider } from '@app/models';

export interface VerifyCostOptions {
  /** A model folder (default: the embedded base model). */
  folder?: string;
  provider: Provider;
  dtype?: string;
  pastTokens: number;
  sizes: readonly number[];
  repeats: number;
  warmup: number;
  out?: (line: string) => void;
}

export interface VerifyCostRow {
  tokens: number;
  medianMs: number;
  /** This pass's time over the one-token pass's. */
  relative: number;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Token ids that exist in any vocabulary of at least 256 entries, deterministic. */
function fillerIds(n: number, offset: number): number[] {
  return Array.from({ length: n }, (_, i) => 32 + ((i * 7 + offset) % 200));
}

/** Measures the curve and prints it as a Markdown table. */
export async function runVerifyCostBench(opts: VerifyCostOptions): Promise<VerifyCostRow[]> {
  const out = opts.out ?? (() => undefined);
  const model = await LoadedModel.load(opts.folder ?? EMBEDDED_MODELS.base!, opts.provider, undefined, opts.dtype);
  const past = Math.min(opts.pastTokens, model.contextLength - Math.max(...opts.sizes) - 1);
  const { cache } = await prefill(model, fillerIds(past, 0), null);
  const rows: VerifyCostRow[] = [];
  for (const S of opts.sizes) {
    const tokens = fillerIds(S, 3);
    const times: number[] = [];
    for (let i = 0; i < opts.warmup + opts.repeats; i++) {
      const t0 = performance.now();
      await model.forward(cache, tokens); // the cache is read, never extended: every pass sees the same past
      if (i >= opts.warmup) times.push(performance.now() - t0);
    }
    const medianMs = median(times);
    rows.push({ tokens: S, medianMs, relative: rows.length ? medianMs / rows[0]!.medianMs : 1 });
  }
  out(`verify-pass cost: ${model.info.name} (${model.info.dtype ?? 'fp32'}, ${opts.provider}), past ${past} tokens, median of ${opts.repeats} after ${opts.warmup} warm-up\n`);
  out('| tokens per pass | ms per pass | x one token | ms per token |');
  out('| ---: | ---: | ---: | ---: |');
  for (const r of rows) out(`| ${r.tokens} | ${r.medianMs.toFixed(2)} | ${r.relative.toFixed(2)} | ${(r.medianMs / r.tokens).toFixed(3)} |`);
  return rows;
}
