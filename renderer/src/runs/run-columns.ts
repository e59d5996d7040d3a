// The Runs list's columns: key, header, width (a CSS grid track and its minimum in px, which sets
// how wide the table scrolls), whether the column chooser may hide it, and a help text for the
// header's tooltip.
export interface RunColumn {
  key: RunColumnKey;
  label: string;
  track: string;
  min: number;
  locked?: boolean;
  right?: boolean;
  help?: string;
}

export type RunColumnKey = 'select' | 'status' | 'created' | 'method' | 'models' | 'experiment' | 'item' | 'tokens' | 'ttft' | 'decode' | 'acceptance' | 'speedup' | 'correct' | 'prompt';

export const runColumns: readonly RunColumn[] = [
  { key: 'select', label: '', track: '24px', min: 24, locked: true },
  { key: 'status', label: 'Status', track: '100px', min: 100, locked: true },
  { key: 'created', label: 'Created', track: '84px', min: 84 },
  { key: 'method', label: 'Method', track: 'minmax(130px, 180px)', min: 130 },
  { key: 'models', label: 'Models', track: 'minmax(80px, 110px)', min: 80 },
  { key: 'experiment', label: 'Experiment', track: 'minmax(100px, 150px)', min: 100, help: "The experiment the run belongs to (– for a Playground run)" },
  { key: 'item', label: 'Item', track: '44px', min: 44, right: true, help: "The item's number in its experiment" },
  { key: 'tokens', label: 'Tokens', track: '56px', min: 56, right: true, help: 'New tokens generated' },
  { key: 'ttft', label: 'TTFT', track: '68px', min: 68, right: true, help: 'Time to first token' },
  { key: 'decode', label: 'tok/s', track: '56px', min: 56, right: true, help: 'Decode tokens per second' },
  { key: 'acceptance', label: 'Acc. len', track: '60px', min: 60, right: true, help: 'Mean acceptance length: 1 + accepted / rounds (speculative methods)' },
  { key: 'speedup', label: 'vs base', track: '64px', min: 64, right: true, help: "Speedup against its experiment's baseline arm on the same item and sample (baseline latency / this run's)" },
  { key: 'correct', label: 'Correct', track: '64px', min: 64 },
  { key: 'prompt', label: 'Prompt', track: 'minmax(300px, 1fr)', min: 300, locked: true },
];

const GAP = 8;
const PAD = 24;

/** The visible columns, their grid template and the row's minimum width. */
export function runGrid(hidden: ReadonlySet<string>): { columns: RunColumn[]; template: string; minWidth: number } {
  const columns = runColumns.filter((c) => c.locked || !hidden.has(c.key));
  return {
    columns,
    template: columns.map((c) => c.track).join(' '),
    minWidth: columns.reduce((sum, c) => sum + c.min, 0) + GAP * (columns.length - 1) + PAD,
  };
}
