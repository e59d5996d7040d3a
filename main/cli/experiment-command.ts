// `workbench experiment run --config FILE | list | show ID | resume ID`: experiments without the GUI,
// in the GUI's database (an experiment run here opens in the Compare page afterwards). The config is
// an ExperimentSpec whose dataset may also be given inline, as a synthetic-suite request or a file to
// import. Progress goes to stderr, the per-arm results table to stdout; Ctrl-C pauses the experiment
// (the run in flight is cancelled and redone on resume).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ApiEventPayload } from '@app/api';
import { GenerateDatasetRequest, ImportDatasetRequest } from '@app/datasets';
import type { Dataset } from '@app/datasets';
import { WorkbenchError } from '@app/errors';
import type { ArmAggregate, Experiment, ExperimentProgress, ExperimentResults } from '@app/experiments';
import { ExperimentSpec } from '@app/experiments';
import { canonicalJson } from '../store';
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { bool, str } from './args';
import { fmt, markdownTable } from './output';

/** The config file: an ExperimentSpec with the dataset by id, or inline (generated or imported). */
export const ExperimentConfigFile = ExperimentSpec.omit({ datasetId: true, datasetVersion: true }).extend({
  datasetId: z.string().optional(),
  dataset: z
    .union([
      z.object({ generate: GenerateDatasetRequest }),
      /** `path` is relative to the config file. */
      z.object({ import: ImportDatasetRequest.omit({ content: true, name: true }).extend({ path: z.string().min(1), name: z.string().min(1).optional() }) }),
    ])
    .optional(),
});
export type ExperimentConfigFile = z.infer<typeof ExperimentConfigFile>;

const USAGE = `usage: workbench experiment run --config FILE [--json OUT]
       workbench experiment list
       workbench experiment show ID [--json OUT]
       workbench experiment resume ID [--force] [--json OUT]`;

export async function experimentCommand(host: Host, args: ParsedArgs): Promise<number> {
  const sub = args.positionals[1] ?? 'list';
  switch (sub) {
    case 'run': {
      const file = str(args, 'config') ?? args.positionals[2];
      if (!file) throw new Error(USAGE);
      const config = readConfig(file);
      const dataset = await resolveDataset(host, config, path.dirname(path.resolve(file)));
      const { dataset: _inline, ...spec } = config;
      const experiment = host.experiments.create(ExperimentSpec.parse({ ...spec, datasetId: dataset.id }));
      const { arms, samplesPerItem } = experiment.spec;
      process.stderr.write(`experiment ${experiment.id}: ${experiment.total} runs (${experiment.total / arms.length / samplesPerItem} items x ${arms.length} arms x ${samplesPerItem} sample${samplesPerItem === 1 ? "" : "s"}) on dataset ${dataset.id}\n`);
      return follow(host, experiment.id, args);
    }
    case 'resume': {
      const id = args.positionals[2];
      if (!id) throw new Error(USAGE);
      host.experiments.start(id, { force: bool(args, 'force') });
      return follow(host, id, args);
    }
    case 'show': {
      const id = args.positionals[2];
      if (!id) throw new Error(USAGE);
      return report(host.experiments.results(id), args);
    }
    case 'list': {
      const list = host.experiments.list();
      console.log(
        markdownTable(
          ['id', 'name', 'status', 'done', 'arms', 'samples', 'created'],
          list.map((e) => [e.id, e.spec.name, e.status, `${e.done}/${e.total}`, e.spec.arms.map((a) => a.label + (a.baseline ? '*' : '')).join(', '), e.spec.samplesPerItem, e.createdAt.slice(0, 19)]),
        ),
      );
      return 0;
    }
    default:
      throw new Error(`unknown experiment command "${sub}"\n${USAGE}`);
  }
}

function readConfig(file: string): ExperimentConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the config ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = ExperimentConfigFile.safeParse(json);
  if (!parsed.success) throw new Error(`config ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  if (!parsed.data.datasetId === !parsed.data.dataset) throw new Error(`config ${file}: give exactly one of "datasetId" and "dataset"`);
  return parsed.data;
}

/** The dataset a config names: by id, generated (reusing an identical synthetic set), or imported (reusing one of the same items). */
async function resolveDataset(host: Host, config: ExperimentConfigFile, base: string): Promise<Dataset> {
  const all = await host.handlers['datasets.list']({});
  if (config.datasetId) {
    const found = all.find((d) => d.id === config.datasetId);
    if (!found) throw new Error(`no dataset ${config.datasetId} (see: workbench datasets list)`);
    return found;
  }
  const inline = config.dataset!;
  if ('generate' in inline) {
    const wanted = canonicalJson(inline.generate);
    const same = all.find((d) => d.source === 'synthetic' && canonicalJson(d.meta.generator) === wanted);
    if (same) return same;
    return host.handlers['datasets.generate'](inline.generate);
  }
  const file = path.resolve(base, inline.import.path);
  let result;
  try {
    result = await host.handlers['datasets.import'](ImportDatasetRequest.parse({ ...inline.import, path: file, name: inline.import.name ?? path.basename(file) }));
  } catch (err) {
    // Imported before (same items): that dataset is reused, as an identical synthetic set is.
    const twin = err instanceof WorkbenchError && err.code === 'dataset_duplicate' ? all.find((d) => d.id === err.details?.datasetId) : undefined;
    if (!twin) throw err;
    process.stderr.write(`${path.basename(file)} was already imported as dataset ${twin.id} ("${twin.name}"); using it\n`);
    return twin;
  }
  for (const e of result.errors) process.stderr.write(`${path.basename(file)} line ${e.line}: ${e.message}\n`);
  process.stderr.write(`imported ${result.imported} items from ${file} as dataset ${result.dataset.id}\n`);
  return result.dataset;
}

/** Shows progress until the experiment stops, then the results; Ctrl-C pauses it. */
async function follow(host: Host, id: string, args: ParsedArgs): Promise<number> {
  const started = Date.now();
  const unsubscribe = host.hub.subscribe((event, payload) => {
    if (event !== 'experiment.progress') return;
    const p = payload as ApiEventPayload<'experiment.progress'>;
    if (p.experimentId === id) drawProgress(p);
  });
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\npausing (the run in flight is cancelled and will be redone on resume)...\n');
    void host.experiments.pause(id, { cancelRun: true });
  };
  process.on('SIGINT', onSigint);
  try {
    await host.experiments.whenStopped(id);
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
  }
  const experiment: Experiment = host.experiments.get(id);
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}experiment ${id} ${experiment.status}: ${experiment.done}/${experiment.total} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (experiment.status === 'paused') process.stderr.write(`resume with: workbench experiment resume ${id}\n`);
  const code = report(host.experiments.results(id), args);
  if (interrupted) return 130;
  return experiment.status === 'completed' ? code : 1;
}

function drawProgress(p: ExperimentProgress): void {
  const width = 24;
  const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : 0;
  const eta = p.etaMs !== null && p.status === 'running' && p.done < p.total ? `  ETA ${Math.ceil(p.etaMs / 1000)}s` : '';
  const now = p.current ? `  ${p.current.arm} #${p.current.sample}` : '';
  const text = `${p.status.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}${eta}${now}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text.padEnd(78)}`);
  // Off a terminal one line per finished run is plenty; the lines with a current cell are starts.
  else if (!p.current) process.stderr.write(`${text}\n`);
}

function pct(n: number | null): string {
  return n === null ? '-' : (100 * n).toFixed(1);
}

function accuracyCell(a: ArmAggregate): string {
  if (a.accuracy === null) return '-';
  return a.accuracyCi ? `${pct(a.accuracy)} [${pct(a.accuracyCi.low)}, ${pct(a.accuracyCi.high)}]` : pct(a.accuracy);
}

/** Prints the per-arm table (stdout) and warnings (stderr); writes the whole results as JSON with --json. */
function report(results: ExperimentResults, args: ParsedArgs): number {
  const repeated = results.experiment.spec.samplesPerItem > 1;
  const header = ['arm', 'method', 'runs', 'accuracy % [95% CI]', 'mean latency ms', 'speedup (Spec-Bench)', 'decode-only speedup', 'decode tok/s', 'mean acc. len', 'acceptance by position', 'large share %', 'cost', 'tokens'];
  if (repeated) header.push(`pass@1..${results.experiment.spec.samplesPerItem} %`, 'majority %');
  const rows = results.aggregates.map((a) => {
    const row: (string | number)[] = [
      a.arm + (a.baseline ? ' (baseline)' : ''),
      a.method,
      a.runs,
      accuracyCell(a),
      fmt(a.meanLatencyMs, 1),
      a.speedup === null ? '-' : `${a.speedup.toFixed(2)}x`,
      a.decodeSpeedup === null || a.decodeSpeedup === undefined ? '-' : `${a.decodeSpeedup.toFixed(2)}x`,
      fmt(a.decodeTokensPerS, 0),
      fmt(a.meanAcceptanceLength, 2),
      a.perPositionAcceptance ? a.perPositionAcceptance.slice(0, 6).map((p) => p.toFixed(2)).join(' ') : '-',
      a.largeShare === null ? '-' : pct(a.largeShare),
      fmt(a.paramWeightedCost, 2),
      fmt(a.meanNewTokens, 1),
    ];
    if (repeated) row.push(a.passAtK ? a.passAtK.map((p) => pct(p)).join(' ') : '-', pct(a.majorityVote));
    return row;
  });
  console.log(`${results.experiment.spec.name} (${results.experiment.id}, ${results.experiment.status}, ${results.experiment.done}/${results.experiment.total} runs)`);
  console.log(markdownTable(header, rows));
  for (const w of results.warnings) process.stderr.write(`warning: ${w}\n`);
  const json = str(args, 'json');
  if (json) fs.writeFileSync(json, JSON.stringify(results, null, 1));
  return 0;
}
