// `workbench bench [engine|spec|reasoning]`: benchmarks run in this process against the embedded
// models, printing Markdown tables (numbers to paste into notes, with the device they ran on).
import os from 'node:os';
import type { ParsedArgs } from './args';
import { intList, num, str } from './args';

export async function benchCommand(args: ParsedArgs): Promise<number> {
  const which = args.positionals[1] ?? 'engine';
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
    default:
      console.error(`unknown benchmark "${which}" (engine, spec, reasoning)`);
      return 2;
  }
}
