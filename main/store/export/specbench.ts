// Spec-Bench export: the answer-file format of hemingkx/Spec-Bench (evaluation/eval.py writes it,
// evaluation/speed.py reads it), so its speed script runs on our traces. One line per completed run;
// a run is one question with one turn.
import type BetterSqlite3 from 'better-sqlite3';
import type { RunRecord } from '../../../app/runs';
import { getDatasetItems } from '../datasets';
import { prepared } from '../statements';
import { tokenCount } from '../trace';
import type { ExportTarget } from './selection';
import { runPages } from './selection';
import { withTextSink } from './sink';

/** One Spec-Bench answer line. */
export interface SpecBenchAnswer {
  question_id: string;
  category: string;
  answer_id: string;
  model_id: string;
  choices: {
    index: number;
    /** The generated text, one entry per turn (our runs have one turn). */
    turns: string[];
    /** Decoding steps per turn: draft rounds, or tokens for methods without rounds. */
    decoding_steps: number[];
    /** Generated tokens per turn. */
    new_tokens: number[];
    /** Seconds per turn, prefill included (Spec-Bench times the whole generate call). */
    wall_time: number[];
    /** Tokens emitted per decoding step: accepted draft tokens + the bonus/resampled token; 1 per autoregressive step. */
    accept_lengths: number[];
  }[];
  /** Unix time (seconds) the run finished. */
  tstamp: number;
}

/** Builds the Spec-Bench line of a run; `item` supplies question id and category when the run came from a dataset. */
export function specBenchAnswer(
  db: BetterSqlite3.Database,
  run: RunRecord,
  item: { externalId: string | null; metadata: Record<string, unknown> } | undefined,
): SpecBenchAnswer {
  const emitted = prepared(db, "SELECT payload ->> '$.emitted' FROM run_event WHERE run_id = ? AND kind = 'draft_round' ORDER BY seq")
    .pluck()
    .all(run.id) as number[];
  const tokens = tokenCount(db, run.id);
  const acceptLengths = emitted.length > 0 ? emitted : new Array<number>(tokens).fill(1);
  const category = item?.metadata.category ?? item?.metadata.family;
  const wallMs = run.metrics?.totalMs ?? (run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.createdAt) : 0);
  return {
    question_id: item?.externalId ?? run.datasetItemId ?? run.id,
    category: typeof category === 'string' ? category : 'default',
    answer_id: run.id,
    model_id: run.configLabel ?? `${run.method}/${run.models.join('+')}`,
    choices: [
      {
        index: run.sampleIndex ?? 0,
        turns: [run.output],
        decoding_steps: [acceptLengths.length],
        new_tokens: [run.metrics?.newTokens ?? tokens],
        wall_time: [wallMs / 1000],
        accept_lengths: acceptLengths,
      },
    ],
    tstamp: Date.parse(run.finishedAt ?? run.createdAt) / 1000,
  };
}

/**
 * Writes the completed runs of `target` to `file` in Spec-Bench's answer format (other runs are
 * skipped: speed.py divides by their wall time). Returns the number of lines.
 */
export async function writeSpecBench(db: BetterSqlite3.Database, target: ExportTarget, file: string): Promise<{ rows: number; bytes: number }> {
  const { result, bytes } = await withTextSink(file, async (sink) => {
    let rows = 0;
    for await (const page of runPages(db, target)) {
      const done = page.filter((r) => r.status === 'completed');
      const items = new Map(getDatasetItems(db, [...new Set(done.flatMap((r) => r.datasetItemId ?? []))]).map((i) => [i.id, i]));
      let text = '';
      for (const run of done) {
        text += JSON.stringify(specBenchAnswer(db, run, run.datasetItemId ? items.get(run.datasetItemId) : undefined)) + '\n';
        rows++;
      }
      await sink.write(text);
    }
    return rows;
  });
  return { rows: result, bytes };
}
