// Test helper run as a child process by trace-crash.test.ts: opens the database given on the command
// line, starts a run and appends an endless deterministic event stream, telling the parent after each
// event is written, until the parent kills it.
import { openDatabase } from '../db';
import { createRun, markRunning } from '../runs';
import { runRequest, streamEvent } from '../test-fixtures';
import { TraceWriter } from '../trace';

const [file, runId] = process.argv.slice(2) as [string, string];
const db = openDatabase(file, { recoverInterrupted: false });
createRun(db, { id: runId, request: runRequest(), createdAt: new Date().toISOString(), seed: 0, models: ['base'] });
markRunning(db, runId, { promptText: 'prompt', promptTokens: 3, setup: {} });
const writer = new TraceWriter(db, runId);

let n = 0;
function step(): void {
  writer.append(streamEvent(n));
  n++;
  process.send!({ written: n });
  setImmediate(step);
}
step();
