// The headless workbench: `npm run workbench -- <command>` (or `node out/main/cli.js <command>`).
// Commands share the GUI's database (WORKBENCH_DB or the app-data default) and engine.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toErrorPayload } from '@app/errors';
import { parseArgs } from './cli/args';
import { datasetsCommand } from './cli/datasets-command';
import { evalCommand } from './cli/eval-command';
import { experimentCommand } from './cli/experiment-command';
import { exportCommand } from './cli/export-command';
import { modelsCommand } from './cli/models-command';
import { runCommand } from './cli/run-command';
import { runsCommand } from './cli/runs-command';
import { benchCommand } from './cli/bench-command';
import { childProcessSpawner } from './host/child-engine';
import type { Host } from './host/host';
import { createHost, findAppRoot } from './host/host';
import { defaultDatabasePath } from './store';

const USAGE = `usage: workbench <command> [options]

  run --prompt TEXT [--method M] [--model ID] [--draft ID] [--temperature T] [--seed S]
      [--max-new-tokens N] [--provider cpu|webgpu|cuda] [--set key=value;...] [--config FILE]
                      one prompt through a method, streamed to stdout, recorded in the store
  runs [--search S] [--method M] [--model ID] [--status S] [--limit N]
  export --format jsonl|csv|parquet|specbench --out PATH [--runs ID,ID | --experiment ID]
  models [add PATH | remove ID]
  models pull REPO[@REV] [--dtype D] [--list]
                      list a Hugging Face repo's ONNX dtype variants and download one (HF_TOKEN, HF_ENDPOINT)
  datasets list | generate [--families F,F] [--difficulties 1-6] [--per-cell N] [--seed S] [--split test]
         | import FILE [--format gsm8k|jsonl|csv] [--name N] [--question F --answer F --id F --metadata F,F]
                [--grading numeric[:TOL]|exact[:case]|regex:PATTERN]
  experiment run --config FILE [--json OUT] | list | show ID | resume ID [--force]
                      methods side by side on a dataset (config: e2e/fixtures/experiment.example.json);
                      progress on stderr, per-arm results on stdout, Ctrl-C pauses
  eval [run flags] [--families F,F] [--difficulties 1-8] [--per-cell N]
                      accuracy per family and difficulty on held-out problems
  bench [engine|spec|reasoning|real|verify-cost|batch] [--provider cpu|webgpu] ...   benchmarks (see README)
      spec: [--problems N] [--max-new-tokens N] [--methods chain,chain-adaptive,tr,tr-40,tr-20,rsd,rsd-budget,del]
      reasoning: [--per-cell N] [--difficulties 3-6] [--small-provider cpu|webgpu] [--no-rice | --only-rice]; engine: [--tokens N] [--repeats N]

providers: cuda is offered only where onnxruntime-node's CUDA binaries were installed (Linux x64)
database: WORKBENCH_DB or the per-user app-data folder`;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const command = args.positionals[0];
  if (!command || command === 'help' || args.flags.has('help')) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'bench') return benchCommand(args);
  const root = findAppRoot(fileURLToPath(import.meta.url));
  let host: Host | null = null;
  try {
    host = await createHost({
      dbPath: defaultDatabasePath(),
      spawnEngine: childProcessSpawner(),
      kind: 'cli',
      nativeModelsDir: path.join(root, 'native-models'),
      shareDatabase: true,
    });
    for (const p of host.startupProblems) console.error(`warning: embedded model not available: ${p}`);
    switch (command) {
      case 'run':
        return await runCommand(host, args);
      case 'runs':
        return await runsCommand(host, args);
      case 'export':
        return await exportCommand(host, args);
      case 'models':
        return await modelsCommand(host, args);
      case 'datasets':
        return await datasetsCommand(host, args);
      case 'eval':
        return await evalCommand(host, args);
      case 'experiment':
        return await experimentCommand(host, args);
      default:
        console.error(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await host?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    const e = toErrorPayload(err);
    console.error(`error [${e.code}]: ${e.message}`);
    process.exit(1);
  },
);
