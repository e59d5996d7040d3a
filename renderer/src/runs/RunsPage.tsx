// The Runs list: every recorded run, searchable (debounced runs.list search), filtered by model,
// method and status, sorted by date, virtualized, with multi-selection for export and delete.
// Refreshes itself when runs start or finish.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { MethodName } from '@app/methods';
import { methodDescriptors } from '@app/methods';
import type { RunStatus, RunSummary } from '@app/runs';
import { runStatuses } from '@app/runs';
import { errorText, getClient } from '../api/workbench';
import { isTypingTarget } from '../state/shortcuts';
import { useModels } from '../state/models';
import { navigate } from '../state/router';
import { notifyError, pushToast } from '../state/toasts';
import { Button } from '../ui/Button';
import { Modal } from '../ui/Modal';
import { MultiSelect } from '../ui/MultiSelect';
import { Select } from '../ui/Select';
import { ExportMenu } from '../panels/export/ExportMenu';
import { MAX_COMPARED_RUNS } from './compare-view/use-compared-runs';
import { ColumnChooser } from '../ui/ColumnChooser';
import { useHiddenColumns } from '../ui/use-hidden-columns';
import { matchingRunIds, RunsPager } from './runs-pager';
import { runColumns, runGrid } from './run-columns';
import { RunsTable } from './RunsTable';
import { useRunsView } from './runs-view-store';
import './runs.css';

const methodOptions = methodDescriptors.map((d) => ({ value: d.id as MethodName, label: d.label }));
const statusOptions = runStatuses.map((s) => ({ value: s, label: s }));
const orderOptions = [
  { value: 'desc' as const, label: 'Newest first' },
  { value: 'asc' as const, label: 'Oldest first' },
];

/** The Runs page. */
export function RunsPage() {
  const view = useRunsView();
  const models = useModels((s) => s.models);
  const [search, setSearch] = useState(view.searchText);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(view.searchText), 250);
    return () => clearTimeout(timer);
  }, [view.searchText]);

  const query = useMemo(
    () => ({ search, models: view.models, methods: view.methods, statuses: view.statuses, order: view.order }),
    [search, view.models, view.methods, view.statuses, view.order],
  );
  const pager = useMemo(() => new RunsPager(query, (f) => getClient().call('runs.list', f), errorText), [query]);
  const version = useSyncExternalStore(pager.subscribe, pager.getVersion);

  useEffect(() => {
    void pager.start();
    const client = getClient();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void pager.refresh(), 400);
    };
    const offs = [client.on('run.started', schedule), client.on('run.finished', schedule)];
    return () => {
      offs.forEach((off) => off());
      clearTimeout(timer);
    };
  }, [pager]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTypingTarget(e.target) && !e.ctrlKey && !e.metaKey && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const setFilter = (patch: Partial<typeof view>) => {
    useRunsView.setState(patch);
    setSelected(new Set());
    setAnchor(null);
    setActive(0);
  };

  const toggle = useCallback(
    (index: number, run: RunSummary, shift: boolean) => {
      setSelected((prev) => {
        const next = new Set(prev);
        if (shift && anchor !== null) {
          const [a, b] = anchor < index ? [anchor, index] : [index, anchor];
          for (const row of pager.loadedRows()) if (row.index >= a && row.index <= b) next.add(row.run.id);
        } else if (next.has(run.id)) next.delete(run.id);
        else next.add(run.id);
        return next;
      });
      setAnchor(index);
    },
    [anchor, pager],
  );

  const open = useCallback((run: RunSummary) => navigate('runs', [run.id]), []);
  const [hidden, toggleColumn] = useHiddenColumns('runs-list');
  const grid = useMemo(() => runGrid(hidden), [hidden]);
  const [selectingAll, setSelectingAll] = useState(false);
  const allSelected = pager.total !== null && pager.total > 0 && selected.size === pager.total;
  // Every run the filters match, not just the loaded pages: ids are read in pages of the API's maximum.
  const selectAll = useCallback(() => {
    if (allSelected) {
      setSelected(new Set());
      return;
    }
    setSelectingAll(true);
    void matchingRunIds(pager)
      .then((ids) => setSelected(new Set(ids)))
      .catch((err: unknown) => notifyError('Could not select every run', err))
      .finally(() => setSelectingAll(false));
  }, [pager, allSelected]);
  const askDelete = useCallback(() => {
    if (selected.size > 0) setConfirmDelete(true);
  }, [selected]);

  const doDelete = async () => {
    setDeleting(true);
    try {
      const { deleted } = await getClient().call('runs.delete', { ids: [...selected] });
      pushToast({ kind: 'success', title: `Deleted ${deleted} run${deleted === 1 ? '' : 's'}` });
      setSelected(new Set());
      setConfirmDelete(false);
      void pager.refresh();
    } catch (err) {
      notifyError('Delete failed', err);
    } finally {
      setDeleting(false);
    }
  };

  const modelOptions = (models ?? []).map((m) => ({ value: m.id, label: m.name }));
  const total = pager.total;
  const filtered = query.search !== '' || query.models.length + query.methods.length + query.statuses.length > 0;

  return (
    <div className="page runs-page">
      <div className="page-header">
        <h1>Runs</h1>
        <span className="muted num" data-testid="runs-total">
          {total === null ? '' : `${total.toLocaleString('en-US')} run${total === 1 ? '' : 's'}`}
        </span>
        <div className="spacer" />
        {selected.size > 0 && (
          <>
            <span className="muted" data-testid="selection-count">
              {selected.size} selected
            </span>
            <Button variant="ghost" size="md" onClick={() => setSelected(new Set())}>
              Clear
            </Button>
          </>
        )}
        <Button
          disabled={selected.size < 2 || selected.size > MAX_COMPARED_RUNS}
          title={selected.size < 2 || selected.size > MAX_COMPARED_RUNS ? `Select 2 to ${MAX_COMPARED_RUNS} runs to compare them side by side` : 'Compare the selected runs side by side'}
          onClick={() => navigate('runs', ['compare'], { ids: [...selected].join(',') })}
          data-testid="compare-button"
        >
          Compare{selected.size >= 2 ? ` ${selected.size}` : ''}
        </Button>
        <ExportMenu
          runIds={[...selected]}
          label={selected.size > 0 ? 'Export selection' : 'Export'}
          disabledReason={selected.size === 0 ? 'Select runs to export them (or use Export filtered for every run the filters match)' : undefined}
        />
        <ExportMenu
          label={`Export filtered${total !== null ? ` (${total.toLocaleString('en-US')})` : ''}`}
          resolveRunIds={() => matchingRunIds(pager)}
          disabledReason={!total ? 'No runs match the filters' : undefined}
          testId="export-filtered"
        />
        <Button variant="danger" disabled={selected.size === 0} onClick={askDelete} data-testid="delete-button">
          Delete
        </Button>
      </div>
      <div className="runs-toolbar" role="search">
        <input
          ref={searchRef}
          type="search"
          className="input input-md runs-search"
          placeholder="Search prompt, output, id, tags…   /"
          aria-label="Search runs"
          value={view.searchText}
          onChange={(e) => setFilter({ searchText: e.currentTarget.value })}
          data-testid="runs-search"
        />
        <MultiSelect<string> label="Model" options={modelOptions} value={view.models} onChange={(models) => setFilter({ models })} />
        <MultiSelect<string> label="Method" options={methodOptions} value={view.methods} onChange={(methods) => setFilter({ methods })} />
        <MultiSelect<RunStatus> label="Status" options={statusOptions} value={view.statuses} onChange={(statuses) => setFilter({ statuses })} />
        <div className="spacer" />
        {selectingAll && <span className="faint">selecting…</span>}
        <ColumnChooser columns={runColumns.filter((c) => c.key !== 'select').map((c) => ({ key: c.key, label: c.label, locked: c.locked }))} hidden={hidden} onToggle={toggleColumn} label="the Runs list" />
        <Select<'desc' | 'asc'> value={view.order} options={orderOptions} onChange={(order) => setFilter({ order })} aria-label="Sort by date" />
      </div>
      {pager.error && (
        <div className="error-box" role="alert">
          {pager.error}
        </div>
      )}
      {total === 0 ? (
        <div className="section empty-state" data-testid="runs-empty">
          {filtered ? 'No runs match these filters.' : 'No runs yet. Run a prompt in the Playground and it appears here.'}
        </div>
      ) : (
        <RunsTable
          pager={pager}
          version={version}
          selected={selected}
          active={active}
          onActive={setActive}
          onToggle={toggle}
          onSelectAll={selectAll}
          allSelected={allSelected}
          columns={grid.columns}
          template={grid.template}
          minWidth={grid.minWidth}
          onOpen={open}
          onDelete={askDelete}
        />
      )}
      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete ${selected.size} run${selected.size === 1 ? '' : 's'}?`}
        size="sm"
        footer={
          <>
            <Button onClick={() => setConfirmDelete(false)}>Keep</Button>
            <Button variant="danger" onClick={() => void doDelete()} disabled={deleting} data-testid="confirm-delete">
              Delete
            </Button>
          </>
        }
      >
        <p>The runs and their traces are removed from the database. This cannot be undone.</p>
      </Modal>
    </div>
  );
}
