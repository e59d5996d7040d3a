// Batched sampling (issue 15, item 1): N continuations of one prompt, `tokens` new tokens each (end-of-
// turn ignored so every sample has the same length), run one by one (N single runs, each prefilling
// the prompt, as N autoregressive runs would) against the shared passes of engine/batch, both
// designs: a batch dimension with a KV row per sample ('rows') and one sequence with a tree mask
// ('tree', models with attention_bias only). One warm-up of every design first; all in one process,
// so the ratios are comparable even on a busy machine. Every design's tokens are checked identical.
import type { Provider } from '@app/models';
import { SamplingParams } from '@app/sampling';
import type { BatchDesign, Continuation } from '../engine/batch/continuations';
import { chooseDesign, sampleContinuations } from '../engine/batch/continuations';
import { EMBEDDED_MODELS } from '../engine/in-process';
import { LoadedModel } from '../engine/runtime/loaded-model';
import { promptIds as fillerPrompt } from './real';

export interface BatchBenchOptions {
  /** A model folder (default: the embedded base model). */
  folder?: string;
  provider: Provider;
  dtype?: string;
  /** Continuation counts to measure (default 1, 4, 16, 64). */
  ns: readonly number[];
  /** New tokens per continuation (default 128). */
  tokens: number;
  /** Runs per cell; the fastest counts (a shared machine's load only ever adds time). Default 1. */
  repeats?: number;
  out?: (line: string) => void;
}

export interface BatchBenchRow {
  n: number;
  /** Milliseconds by design: 'one-by-one' and each shared design the model supports. */
  ms: Record<string, number>;
  identical: boolean;
}

const PROMPT = '<|user|>Tom has 7 apples. He buys 5 more, gives 3 to Ann and eats 2. How many apples does Tom have now?<|end|><|assistant|><think>';

/** Measures every N and prints one Markdown table (ms, tokens/s and the speed-up over one by one). */
export async function runBatchBench(opts: BatchBenchOptions): Promise<BatchBenchRow[]> {
  const out = opts.out ?? (() => undefined);
  const model = await LoadedModel.load(opts.folder ?? EMBEDDED_MODELS.base!, opts.provider, undefined, opts.dtype);
  const encoded = model.tokenizer.encode(PROMPT);
  // Folders whose tokenizer cannot encode the prompt (bench real's shape-only folders) get fixed ids.
  const promptIds = encoded.length > 0 && encoded.every((id) => Number.isInteger(id) && id >= 0 && id < model.vocab) ? encoded : fillerPrompt(40);
  const tokens = Math.min(opts.tokens, model.contextLength - promptIds.length - 1);
  const sampling = SamplingParams.parse({ temperature: 1, ignoreEos: true });
  const designs = (['rows', 'tree'] as const).filter((d) => supports(model, d));
  const signal = { cancelled: false };
  const specsOf = (n: number, len: number) => Array.from({ length: n }, (_, i) => ({ prefix: [], seed: 1000 + i, maxNewTokens: len }));
  const oneByOne = async (n: number, len: number): Promise<Continuation[]> => {
    const all: Continuation[] = [];
    // Each sample alone: its own prompt prefill and decode, as a single autoregressive run.
    for (const spec of specsOf(n, len)) all.push(...(await sampleContinuations(model, promptIds, [spec], sampling, { signal, design: 'sequential' })));
    return all;
  };
  const shared = (design: BatchDesign, n: number, len: number) => sampleContinuations(model, promptIds, specsOf(n, len), sampling, { signal, design });
  // warm-up: every code path and pass shape once, untimed
  await oneByOne(2, 8);
  for (const d of designs) await shared(d, 4, 8);

  const repeats = Math.max(1, opts.repeats ?? 1);
  const rows: BatchBenchRow[] = [];
  for (const n of opts.ns) {
    const ms: Record<string, number> = {};
    let identical = true;
    let reference: Continuation[] = [];
    const timed = async (key: string, run: () => Promise<Continuation[]>): Promise<Continuation[]> => {
      const t0 = performance.now();
      const got = await run();
      ms[key] = Math.min(ms[key] ?? Infinity, performance.now() - t0);
      return got;
    };
    // Designs interleaved within each repeat, so a burst of load hits them alike.
    for (let r = 0; r < repeats; r++) {
      reference = await timed('one-by-one', () => oneByOne(n, tokens));
      for (const d of designs) {
        const got = await timed(d, () => shared(d, n, tokens));
        identical &&= got.every((c, i) => c.tokens.join(',') === reference[i]!.tokens.join(','));
      }
    }
    rows.push({ n, ms, identical });
  }
  out(`batched sampling: ${model.info.name} (${model.info.dtype ?? 'fp32'}, ${opts.provider}), prompt ${promptIds.length} tokens, ${tokens} new tokens per sample, temperature 1, end-of-turn ignored, fastest of ${repeats} run(s) per cell; auto picks ${designs.length ? chooseDesign(model, specsOf(2, 1), 'auto') : 'sequential'}\n`);
  const head = ['N', 'one by one ms', 'tok/s', ...designs.flatMap((d) => [`${d} ms`, 'tok/s', `x one by one`]), 'tokens identical'];
  out(`| ${head.join(' | ')} |`);
  out(`| ${head.map((_, i) => (i === head.length - 1 ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) {
    const rate = (ms: number) => ((r.n * tokens) / (ms / 1000)).toFixed(0);
    const base = r.ms['one-by-one']!;
    const cells = [String(r.n), base.toFixed(0), rate(base), ...designs.flatMap((d) => [r.ms[d]!.toFixed(0), rate(r.ms[d]!), (base / r.ms[d]!).toFixed(2)]), r.identical ? 'yes' : 'NO'];
    out(`| ${cells.join(' | ')} |`);
  }
  return rows;
}

function supports(model: LoadedModel, design: 'rows' | 'tree'): boolean {
  try {
    chooseDesign(model, [{ prefix: [] }, { prefix: [] }], design);
    return true;
  } catch {
    return false;
  }
}
