// Trace storage: the writer that records a running run's trace events one by one as they arrive
// (tokens to run_token, everything else to run_event, one shared `seq`), and the reader that restores
// them as the exact TraceEvent objects, in their original order.
import type BetterSqlite3 from 'better-sqlite3';
import type { TokenEvent, TokenSource, TraceEvent } from '@app/events';
import { WorkbenchError } from '@app/errors';
import { fromJson, toJson } from './json';
import { prepared } from './statements';

/** `extra` column of run_token: the token's alternatives as [id, text, logprob] triples, and EAD/RICE fields. */
interface TokenExtra {
  top?: [number, string, number][];
  rollingEntropy?: number;
  experts?: number[][];
}

/** A run_token row as stored. */
export interface TokenRow {
  seq: number;
  idx: number;
  token_id: number;
  text: string;
  logprob: number;
  entropy: number;
  source: string;
  t_ms: number;
  extra: string | null;
}

interface EventRow {
  seq: number;
  kind: string;
  payload: string;
}

const insertTokenSql = `INSERT INTO run_token (run_id, seq, idx, token_id, text, logprob, entropy, source, t_ms, extra)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const insertEventSql = 'INSERT INTO run_event (run_id, seq, kind, token_index, payload) VALUES (?, ?, ?, ?, ?)';

/** How a writer groups its rows into commits. */
export interface TraceGrouping {
  /** Events per commit (1: every event is its own commit). */
  count: number;
  /** A group not full after this many milliseconds is committed anyway (0: only by count). */
  ms: number;
  /** Called when a commit started by the timer fails (the writer then refuses further events). */
  onError?: (err: unknown) => void;
}

/** The database refused a value that it must never hold: a NaN or infinite number in a token row. */
export class NonFiniteTraceValue extends WorkbenchError {}

/**
 * Appends the trace events of one run as they arrive, committing them in groups (by count, or by time
 * for a slow stream), so a process killed mid-run loses at most the group in flight and the WAL does
 * not grow by one commit per token. The default group of one commits every event. Resumes the `seq`
 * counter after any events already stored for the run. Non-finite numbers (NaN logits) are refused
 * with NonFiniteTraceValue before anything is written.
 */
export class TraceWriter {
  private nextSeq: number;
  private readonly insertToken: BetterSqlite3.Statement;
  private readonly insertEvent: BetterSqlite3.Statement;
  private readonly commit: (rows: PendingRow[]) => void;
  private pending: PendingRow[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    db: BetterSqlite3.Database,
    readonly runId: string,
    private readonly grouping: TraceGrouping = { count: 1, ms: 0 },
  ) {
    this.insertToken = prepared(db, insertTokenSql);
    this.insertEvent = prepared(db, insertEventSql);
    this.commit = db.transaction((rows: PendingRow[]) => {
      for (const r of rows) (r.token ? this.insertToken : this.insertEvent).run(...r.values);
    });
    const last = prepared(
      db,
      `SELECT max(seq) FROM (SELECT max(seq) AS seq FROM run_token WHERE run_id = @runId
        UNION ALL SELECT max(seq) FROM run_event WHERE run_id = @runId)`,
    )
      .pluck()
      .get({ runId }) as number | null;
    this.nextSeq = last === null ? 0 : last + 1;
  }

  /** Events accepted so far (including any stored before this writer was made and any not yet committed). */
  get count(): number {
    return this.nextSeq;
  }

  /** Events accepted but not yet committed. */
  get uncommitted(): number {
    return this.pending.length;
  }

  /**
   * Records one event: committed at once with the default grouping, else when its group fills (or its
   * time runs out). Throws (and advances nothing) when the event cannot be stored, and throws the
   * commit's error when it completes a group that cannot be written (the group is then dropped).
   */
  append(event: TraceEvent): void {
    const seq = this.nextSeq;
    let row: PendingRow;
    if (event.kind === 'token') {
      for (const [field, value] of [['logprob', event.logprob], ['entropy', event.entropy], ['tMs', event.tMs]] as const) {
        if (!Number.isFinite(value)) {
          throw new NonFiniteTraceValue('non_finite', `token ${event.index} has ${field} ${String(value)}: the model's logits were NaN or infinite (an overflowing steering strength or a broken model), so the run stopped`, { tokenIndex: event.index, field });
        }
      }
      row = { token: true, values: [this.runId, seq, event.index, event.id, event.text, event.logprob, event.entropy, event.source, event.tMs, tokenExtra(event)] };
    } else {
      const { kind, ...payload } = event;
      const tokenIndex = 'tokenIndex' in event ? event.tokenIndex : null;
      row = { token: false, values: [this.runId, seq, kind, tokenIndex, toJson(payload)] };
    }
    this.nextSeq = seq + 1;
    this.pending.push(row);
    if (this.pending.length >= this.grouping.count) this.flush();
    else if (this.grouping.ms > 0) this.timer ??= setTimeout(() => this.flushFromTimer(), this.grouping.ms);
  }

  /** Records several events in order. */
  appendAll(events: readonly TraceEvent[]): void {
    for (const e of events) this.append(e);
  }

  /** Commits the events not yet committed (one transaction). Throws when they cannot be written (they are then dropped and the counter rewinds). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    try {
      this.commit(rows);
    } catch (err) {
      // The group is rolled back as a whole: the counter returns to its first seq, leaving no gap.
      this.nextSeq -= rows.length;
      throw err;
    }
  }

  /** Drops the events not yet committed and stops the timer (the run's rows are being deleted). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }

  private flushFromTimer(): void {
    this.timer = null;
    try {
      this.flush();
    } catch (err) {
      this.grouping.onError?.(err);
    }
  }
}

interface PendingRow {
  token: boolean;
  values: unknown[];
}

function tokenExtra(e: TokenEvent): string | null {
  const extra: TokenExtra = {};
  if (e.top.length > 0) extra.top = e.top.map((t) => [t.id, t.text, t.logprob]);
  if (e.rollingEntropy !== undefined) extra.rollingEntropy = e.rollingEntropy;
  if (e.experts !== undefined) extra.experts = e.experts;
  return Object.keys(extra).length > 0 ? toJson(extra) : null;
}

function tokenFromRow(r: TokenRow): TokenEvent {
  const extra = fromJson<TokenExtra>(r.extra) ?? {};
  const event: TokenEvent = {
    kind: 'token',
    index: r.idx,
    id: r.token_id,
    text: r.text,
    logprob: r.logprob,
    entropy: r.entropy,
    top: (extra.top ?? []).map(([id, text, logprob]) => ({ id, text, logprob })),
    tMs: r.t_ms,
    source: r.source as TokenSource,
  };
  if (extra.rollingEntropy !== undefined) event.rollingEntropy = extra.rollingEntropy;
  if (extra.experts !== undefined) event.experts = extra.experts;
  return event;
}

function eventFromRow(r: EventRow): TraceEvent {
  return { kind: r.kind, ...(JSON.parse(r.payload) as object) } as TraceEvent;
}

/**
 * The trace of a run in the order it was recorded, optionally only the given kinds. Unknown kinds
 * match nothing; an unknown run has an empty trace.
 */
export function readTrace(db: BetterSqlite3.Database, runId: string, kinds?: readonly string[]): TraceEvent[] {
  const wantTokens = !kinds || kinds.includes('token');
  const otherKinds = kinds?.filter((k) => k !== 'token');
  const tokens = wantTokens
    ? (prepared(db, 'SELECT seq, idx, token_id, text, logprob, entropy, source, t_ms, extra FROM run_token WHERE run_id = ? ORDER BY seq').all(runId) as TokenRow[])
    : [];
  let events: EventRow[] = [];
  if (!otherKinds) {
    events = prepared(db, 'SELECT seq, kind, payload FROM run_event WHERE run_id = ? ORDER BY seq').all(runId) as EventRow[];
  } else if (otherKinds.length > 0) {
    events = prepared(db, 'SELECT seq, kind, payload FROM run_event WHERE run_id = ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY seq').all(
      runId,
      toJson(otherKinds),
    ) as EventRow[];
  }
  // Merge the two seq-ordered lists back into recording order.
  const out: TraceEvent[] = new Array(tokens.length + events.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < tokens.length || j < events.length) {
    if (j >= events.length || (i < tokens.length && tokens[i]!.seq < events[j]!.seq)) out[k++] = tokenFromRow(tokens[i++]!);
    else out[k++] = eventFromRow(events[j++]!);
  }
  return out;
}

/** The run's output rebuilt from its recorded tokens (for runs that ended before reporting one). */
export function outputFromTokens(db: BetterSqlite3.Database, runId: string): string {
  return (prepared(db, "SELECT coalesce(group_concat(text, '' ORDER BY idx), '') FROM run_token WHERE run_id = ?").pluck().get(runId) as string) ?? '';
}

/** How many tokens a run has recorded. */
export function tokenCount(db: BetterSqlite3.Database, runId: string): number {
  return prepared(db, 'SELECT count(*) FROM run_token WHERE run_id = ?').pluck().get(runId) as number;
}
