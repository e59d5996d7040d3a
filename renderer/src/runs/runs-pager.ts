// The Runs list's data: the matching runs in pages loaded on demand as rows scroll into view, in
// either order (runs.list returns newest first; oldest first is read from the end), refreshed in
// place when runs start or finish. Views subscribe with useSyncExternalStore.
import type { ApiInput, ApiOutput } from '@app/api';
import type { RunStatus, RunSummary } from '@app/runs';

export interface RunsQuery {
  search: string;
  models: string[];
  methods: string[];
  statuses: RunStatus[];
  order: 'desc' | 'asc';
}

export type ListRuns = (filter: ApiInput<'runs.list'>) => Promise<ApiOutput<'runs.list'>>;

export const PAGE_SIZE = 100;

/** The API's largest page of runs.list. */
const MAX_LIST = 10_000;

/** Paged, on-demand loading of one query's runs, observable for React. */
export class RunsPager {
  total: number | null = null;
  error: string | null = null;
  private pages = new Map<number, RunSummary[]>();
  private inflight = new Set<number>();
  private generation = 0;
  private version = 0;
  private listeners = new Set<() => void>();
  private wanted: [number, number] = [0, PAGE_SIZE];

  constructor(
    readonly query: RunsQuery,
    private readonly list: ListRuns,
    private readonly onError: (err: unknown) => string = (err) => String(err),
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private filter(offset: number, limit: number): ApiInput<'runs.list'> {
    const q = this.query;
    return {
      search: q.search.trim() || undefined,
      models: q.models.length ? q.models : undefined,
      methods: q.methods.length ? q.methods : undefined,
      statuses: q.statuses.length ? q.statuses : undefined,
      offset,
      limit,
    };
  }

  /** The run shown at a row, or undefined while its page loads. */
  rowAt(index: number): RunSummary | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Loaded rows in display order with their indices (for range selection and select-all). */
  loadedRows(): { index: number; run: RunSummary }[] {
    const out: { index: number; run: RunSummary }[] = [];
    for (const [page, runs] of [...this.pages.entries()].sort((a, b) => a[0] - b[0])) runs.forEach((run, i) => out.push({ index: page * PAGE_SIZE + i, run }));
    return out;
  }

  /** Ids of every matching run, newest first, read in pages of the API's maximum. */
  async listAll(): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += MAX_LIST) {
      const page = await this.list(this.filter(offset, MAX_LIST));
      ids.push(...page.runs.map((r) => r.id));
      if (page.runs.length < MAX_LIST || ids.length >= page.total) return ids;
    }
  }

  /** Learns the total, then loads the pages of the wanted rows. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    try {
      const first = await this.list(this.filter(0, this.query.order === 'desc' ? PAGE_SIZE : 1));
      if (generation !== this.generation) return;
      this.total = first.total;
      this.error = null;
      this.pages = new Map();
      this.inflight.clear();
      if (this.query.order === 'desc') this.pages.set(0, first.runs);
      this.changed();
      this.ensure(...this.wanted);
    } catch (err) {
      if (generation !== this.generation) return;
      this.error = this.onError(err);
      this.changed();
    }
  }

  /** Re-reads the total and every loaded page (new runs appear, statuses update). */
  refresh(): Promise<void> {
    return this.start();
  }

  /** Makes sure rows [from, to) are loaded or loading. */
  ensure(from: number, to: number): void {
    this.wanted = [from, to];
    if (this.total === null) return;
    const last = Math.min(to, this.total);
    for (let page = Math.floor(from / PAGE_SIZE); page * PAGE_SIZE < last; page++) {
      if (!this.pages.has(page) && !this.inflight.has(page)) void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    const total = this.total!;
    const generation = this.generation;
    const start = page * PAGE_SIZE;
    const end = Math.min(total, start + PAGE_SIZE);
    // Oldest first: display rows [start, end) are newest-first offsets [total-end, total-start), reversed.
    const offset = this.query.order === 'desc' ? start : total - end;
    this.inflight.add(page);
    try {
      const result = await this.list(this.filter(offset, end - start));
      if (generation !== this.generation) return;
      this.pages.set(page, this.query.order === 'desc' ? result.runs : [...result.runs].reverse());
      this.changed();
    } catch (err) {
      if (generation !== this.generation) return;
      this.error = this.onError(err);
      this.changed();
    } finally {
      if (generation === this.generation) this.inflight.delete(page);
    }
  }
}

/** Ids of every run the pager's query matches (all pages, not only the loaded ones). */
export async function matchingRunIds(pager: Pick<RunsPager, 'listAll'>): Promise<string[]> {
  return pager.listAll();
}
