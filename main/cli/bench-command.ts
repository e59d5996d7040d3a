// `workbench bench [engine|spec|reasoning|real|verify-cost|batch]`: benchmarks run in this process against the embedded
// models, printing Markdown tables (numbers to paste into notes, with the device they ran on).
import os from 'node:os';
import type { ParsedArgs } from './args';
import { intList, num, str } from './args';

export async function benchCommand(args: ParsedArgs): Promise<number> {
  const which = args.positionals[1] ?? 'engine';
  if (which === 'real' && str(args, 'child')) {
    // One measurement of `bench real`, in its own process (its peak memory is its own): prints one JSON line.
    const { benchDir, measureOne } = await import('../bench/real');
    const path = await import('node:path');
    const m = await measureOne(path.join(benchDir(str(args, 'dir')), 'qwen2.5-0.5b-shape'), str(args, 'child') as 'engine', str(args, 'dtype') ?? 'fp32', num(args, 'prompt-tokens', 512)!, num(args, 'tokens', 32)!);
    console.log(JSON.stringify(m));
    return 0;
  }
  const provider = (str(args, 'provider') ?? 'cpu') as 'cpu' | 'webgpu';
  const out = (line: string) => console.log(line);
  console.log(`# bench ${which} — provider ${provider}, ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}\n`);
  switch (which) {
    case 'engine': {
      const { runEngineBench } = await import('../bench/engine');
      await runEngineBench({ provider, tokens: num(args, 'tokens', 128)!, repeats: num(args, 'repeats', 5)!, out });
      return 0;
    }
    case 'spec': {
      const methods = str(args, 'methods')?.split(',').map((m) => m.trim());
      if (args.flags.has('sampling')) {
        const { runSpecSamplingBench } = await import('../bench/spec-sampling');
        const seeds = str(args, 'seeds') ? intList(str(args, 'seeds')!) : [1, 2, 3];
        await runSpecSamplingBench({ provider, problems: num(args, 'problems', 6)!, maxNewTokens: num(args, 'max-new-tokens', 96)!, seeds, methods, out });
        return 0;
      }
      const { runSpecBench } = await import('../bench/spec');
      await runSpecBench({ provider, problems: num(args, 'problems', 12)!, maxNewTokens: num(args, 'max-new-tokens', 160)!, methods, out });
      return 0;
    }
    case 'reasoning': {
      if (args.flags.has('scaling')) {
        const { runScalingBench } = await import('../bench/scaling');
        await runScalingBench({
          provider,
          problemsPerCell: num(args, 'per-cell', 2)!,
          difficulties: str(args, 'difficulties') ? intList(str(args, 'difficulties')!) : undefined,
          ks: str(args, 'ks') ? intList(str(args, 'ks')!) : undefined,
          out,
        });
        return 0;
      }
      if (args.flags.has('sampling')) {
        const { runReasoningSamplingBench } = await import('../bench/reasoning-sampling');
        await runReasoningSamplingBench({
          provider,
          smallProvider: (str(args, 'small-provider') ?? 'cpu') as 'cpu' | 'webgpu',
          problemsPerCell: num(args, 'per-cell', 2)!,
          difficulties: str(args, 'difficulties') ? intList(str(args, 'difficulties')!) : undefined,
          seeds: str(args, 'seeds') ? intList(str(args, 'seeds')!) : [1, 2, 3],
          out,
        });
        return 0;
      }
      const { runReasoningBench } = await import('../bench/reasoning');
      await runReasoningBench({
        provider,
        problemsPerCell: num(args, 'per-cell', 8)!,
        difficulties: str(args, 'difficulties') ? intList(str(args, 'difficulties')!) : undefined,
        rice: !args.flags.has('no-rice'),
        onlyRice: args.flags.has('only-rice'),
        smallProvider: (str(args, 'small-provider') ?? 'cpu') as 'cpu' | 'webgpu',
        out,
      });
      return 0;
    }
    case 'real': {
      const { runRealBench } = await import('../bench/real');
      await runRealBench({ dir: str(args, 'dir'), promptTokens: num(args, 'prompt-tokens', 512)!, tokens: num(args, 'tokens', 32)!, dtypes: (str(args, 'dtypes') ?? 'fp32,q4').split(','), out });
      return 0;
    }
    case 'verify-cost': {
      const { runVerifyCostBench } = await import('../bench/verify-cost');
      await runVerifyCostBench({
        folder: str(args, 'model'),
        provider,
        dtype: str(args, 'dtype'),
        pastTokens: num(args, 'past', 512)!,
        sizes: str(args, 'sizes') ? intList(str(args, 'sizes')!) : [1, 8, 32, 81, 128],
        repeats: num(args, 'repeats', 20)!,
        warmup: num(args, 'warmup', 3)!,
        out,
      });
      return 0;
    }
    case 'batch': {
      const { runBatchBench } = await import('../bench/batch');
      await runBatchBench({ folder: str(args, 'model'), provider, dtype: str(args, 'dtype'), ns: str(args, 'n') ? intList(str(args, 'n')!) : [1, 4, 16, 64], tokens: num(args, 'tokens', 128)!, repeats: num(args, 'repeats', 1)!, out });
      return 0;
    }
    default:
      console.error(`unknown benchmark "${which}" (engine, spec, reasoning, real, verify-cost, batch)`);
      return 2;
  }
}
