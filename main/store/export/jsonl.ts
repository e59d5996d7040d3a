// JSONL export: one run per line, the RunRecord fields plus `events`, the run's full trace in
// recording order (TraceEvent objects exactly as the API returns them).
import type BetterSqlite3 from 'better-sqlite3';
import { readTrace } from '../trace';
import type { ExportTarget } from './selection';
import { runPages } from './selection';
import { withTextSink } from './sink';

/** Writes the runs of `target` to `file` as JSONL. Returns the number of lines (runs). */
export async function writeJsonl(db: BetterSqlite3.Database, target: ExportTarget, file: string): Promise<{ rows: number; bytes: number }> {
  const { result, bytes } = await withTextSink(file, async (sink) => {
    let rows = 0;
    for await (const page of runPages(db, target)) {
      for (const run of page) {
        await sink.write(JSON.stringify({ ...run, events: readTrace(db, run.id) }) + '\n');
        rows++;
      }
    }
    return rows;
  });
  return { rows: result, bytes };
}
