// Parquet export: three tables written side by side in one pass over the runs: runs (the flat runs
// table of flat-run.ts), events (every non-token trace event) and tokens (every token event). Rows
// are buffered up to a row group and written with hyparquet-writer's incremental ParquetWriter, so
// memory stays bounded by one row group per table whatever the export's size.
import type { TokenRow } from '../trace';
import type BetterSqlite3 from 'better-sqlite3';
import type { BasicType, ColumnSource } from 'hyparquet-writer';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import type { TopAlternative } from '@app/events';
import { prepared } from '../statements';
import type { FlatType } from './flat-run';
import { flatRunColumns } from './flat-run';
import type { ExportTarget } from './selection';
import { runPages } from './selection';

export interface TableColumn {
  name: string;
  type: FlatType;
  required: boolean;
}

const parquetTypes: Record<FlatType, BasicType> = {
  string: 'STRING',
  int32: 'INT32',
  int64: 'INT64',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  json: 'JSON',
};

/** Columns of the events table. */
export const eventColumns: readonly TableColumn[] = [
  { name: 'runId', type: 'string', required: true },
  { name: 'seq', type: 'int32', required: true },
  { name: 'kind', type: 'string', required: true },
  { name: 'tokenIndex', type: 'int32', required: false },
  { name: 'payload', type: 'json', required: true },
];

/** Columns of the tokens table. */
export const tokenColumns: readonly TableColumn[] = [
  { name: 'runId', type: 'string', required: true },
  { name: 'seq', type: 'int32', required: true },
  { name: 'index', type: 'int32', required: true },
  { name: 'id', type: 'int32', required: true },
  { name: 'text', type: 'string', required: true },
  { name: 'logprob', type: 'double', required: true },
  { name: 'entropy', type: 'double', required: true },
  { name: 'source', type: 'string', required: true },
  { name: 'tMs', type: 'double', required: true },
  { name: 'rollingEntropy', type: 'double', required: false },
  { name: 'top', type: 'json', required: true },
  { name: 'experts', type: 'json', required: false },
];

/** Rows per row group of each table: large enough for good compression, small enough to keep memory flat. */
const ROW_GROUP = { runs: 1_000, events: 10_000, tokens: 20_000 };

/** One Parquet file being written: rows are buffered per column and flushed as a row group. */
class TableWriter {
  private readonly writer: ParquetWriter;
  private buffers: unknown[][];
  private buffered = 0;
  rows = 0;

  constructor(
    file: string,
    private readonly columns: readonly TableColumn[],
    private readonly rowGroup: number,
  ) {
    const schema = schemaFromColumnData({
      columnData: columns.map((c) => ({ name: c.name, data: [], type: parquetTypes[c.type], nullable: !c.required })),
    });
    this.writer = new ParquetWriter({ writer: fileWriter(file), schema, createdBy: 'reasoning-workbench' });
    this.buffers = columns.map(() => []);
  }

  /** Adds one row (values in column order, JSON values unstringified). */
  add(values: readonly unknown[]): void {
    for (let i = 0; i < this.columns.length; i++) this.buffers[i]!.push(toParquet(this.columns[i]!.type, values[i]));
    this.buffered++;
    this.rows++;
    if (this.buffered >= this.rowGroup) this.flush();
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const columnData: ColumnSource[] = this.columns.map((c, i) => ({ name: c.name, data: this.buffers[i]! }));
    void this.writer.write({ columnData, rowGroupSize: this.buffered });
    this.buffers = this.columns.map(() => []);
    this.buffered = 0;
  }

  /** Writes the last row group and the footer. */
  finish(): void {
    this.flush();
    void this.writer.finish();
  }
}

function toParquet(type: FlatType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'timestamp') return new Date(value as string);
  if (type === 'int64') return BigInt(value as number);
  return value;
}

interface EventRow {
  seq: number;
  kind: string;
  token_index: number | null;
  payload: string;
}


export interface ParquetFiles {
  runs: string;
  events: string;
  tokens: string;
}

/** Writes the runs of `target` into the three table files. Returns the row count of each table. */
export async function writeParquet(
  db: BetterSqlite3.Database,
  target: ExportTarget,
  files: ParquetFiles,
): Promise<{ runs: number; events: number; tokens: number }> {
  const runs = new TableWriter(files.runs, flatRunColumns, ROW_GROUP.runs);
  const events = new TableWriter(files.events, eventColumns, ROW_GROUP.events);
  const tokens = new TableWriter(files.tokens, tokenColumns, ROW_GROUP.tokens);
  const eventsOf = prepared(db, 'SELECT seq, kind, token_index, payload FROM run_event WHERE run_id = ? ORDER BY seq');
  const tokensOf = prepared(db, 'SELECT seq, idx, token_id, text, logprob, entropy, source, t_ms, extra FROM run_token WHERE run_id = ? ORDER BY idx');
  for await (const page of runPages(db, target)) {
    for (const run of page) {
      runs.add(flatRunColumns.map((c) => c.value(run)));
      for (const e of eventsOf.all(run.id) as EventRow[]) {
        events.add([run.id, e.seq, e.kind, e.token_index, { kind: e.kind, ...(JSON.parse(e.payload) as object) }]);
      }
      for (const t of tokensOf.all(run.id) as TokenRow[]) {
        const extra = t.extra ? (JSON.parse(t.extra) as { top?: [number, string, number][]; rollingEntropy?: number; experts?: number[][] }) : {};
        const top: TopAlternative[] = (extra.top ?? []).map(([id, text, logprob]) => ({ id, text, logprob }));
        tokens.add([run.id, t.seq, t.idx, t.token_id, t.text, t.logprob, t.entropy, t.source, t.t_ms, extra.rollingEntropy ?? null, top, extra.experts ?? null]);
      }
    }
  }
  runs.finish();
  events.finish();
  tokens.finish();
  return { runs: runs.rows, events: events.rows, tokens: tokens.rows };
}
