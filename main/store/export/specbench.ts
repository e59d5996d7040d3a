// Spec-Bench export: the answer-file format of hemingkx/Spec-Bench (evaluation/eval.py writes it,
// evaluation/speed.py reads it), so its speed script runs on our traces. One line per completed run;
// a run is one question with one turn.
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { acceptLengthsOf, specBenchTokens } from '@app/analysis/speedup';
import type { RunRecord } from '@app/runs';
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
    /** Decoding steps per turn: the number of accept lengths (target passes that emitted tokens). */
    decoding_steps: number[];
    /** Generated tokens per turn, an emitted end-of-turn token included (Spec-Bench's methods count it). */
    new_tokens: number[];
    /** Seconds per turn, prefill included (Spec-Bench times the whole generate call). */
    wall_time: number[];
    /**
     * Tokens emitted per target pass that emitted any, as Spec-Bench records them: the prefill's first
     * token is an entry of 1, each round its accepted tokens + the bonus/resampled one, an end-of-turn
     * token counted in its round; 1 per autoregressive step. Sums to new_tokens.
     */
    accept_lengths: number[];
  }[];
  /** Unix time (seconds) the run finished. */
  tstamp: number;
}

/**
 * Which question a run answered, so that runs of different methods line up in speed.py: the dataset
 * item (its external id, else its id) and its category or task family; for a run without an item, a
 * hash of the prompt text it was fed and a `family:` / `category:` tag when it has one.
 */
export function specBenchQuestion(run: RunRecord, item: { id?: string; externalId: string | null; metadata: Record<string, unknown> } | undefined): { question_id: string; category: string } {
  const tagged = (prefix: string) => run.tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
  const fromItem = item?.metadata.category ?? item?.metadata.family;
  const category = typeof fromItem === 'string' ? fromItem : (tagged('category:') ?? tagged('family:') ?? (run.datasetItemId ? 'dataset' : 'prompt'));
  if (item || run.datasetItemId) return { question_id: item?.externalId ?? item?.id ?? run.datasetItemId!, category };
  const promptKey = run.promptText ?? JSON.stringify(run.prompt);
  return { question_id: `prompt-${createHash('sha256').update(promptKey).digest('hex').slice(0, 16)}`, category };
}

/** Builds the Spec-Bench line of a run; `item` supplies question id and category when the run came from a dataset. */
export function specBenchAnswer(
  db: BetterSqlite3.Database,
  run: RunRecord,
  item: { id?: string; externalId: string | null; metadata: Record<string, unknown> } | undefined,
): SpecBenchAnswer {
  const tokens = run.metrics?.newTokens ?? tokenCount(db, run.id);
  const eos = run.metrics?.stopReason === 'eos';
  let acceptLengths = run.metrics?.acceptLengths;
  if (!acceptLengths) {
    // Runs recorded before accept lengths were kept: the rounds' first token indices give them.
    const starts = prepared(db, "SELECT payload ->> '$.tokenIndex' FROM run_event WHERE run_id = ? AND kind = 'draft_round' ORDER BY seq")
      .pluck()
      .all(run.id) as number[];
    acceptLengths = starts.length > 0 ? acceptLengthsOf(starts, tokens, eos) : new Array<number>(specBenchTokens({ newTokens: tokens, stopReason: run.metrics?.stopReason })).fill(1);
  }
  const wallMs = run.metrics?.totalMs ?? (run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.createdAt) : 0);
  return {
    ...specBenchQuestion(run, item),
    answer_id: run.id,
    model_id: run.configLabel ?? `${run.method}/${run.models.join('+')}`,
    choices: [
      {
        index: run.sampleIndex ?? 0,
        turns: [run.output],
        decoding_steps: [acceptLengths.length],
        new_tokens: [specBenchTokens({ newTokens: tokens, stopReason: run.metrics?.stopReason })],
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
