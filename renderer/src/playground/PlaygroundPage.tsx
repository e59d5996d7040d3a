// The Playground: pick a method and its models, set parameters and sampling, write a prompt (or pick
// an example), run it (Ctrl+Enter) and watch tokens stream; cancel with Esc. Opened as
// #/playground?from=<runId> it loads that run's setup for a re-run.
import { useCallback, useEffect, useRef, useState } from 'react';
import { descriptorOf, methodParamFields, roleNamesOf, samplingParamFields } from '@app/methods';
import { RunRequest } from '@app/runs';
import type { SamplingParams } from '@app/sampling';
import { getClient } from '../api/workbench';
import { isLive } from '../panels/run/run-trace';
import { noteRunRequested, useLiveRuns } from '../state/live-runs';
import { useModels } from '../state/models';
import { routeHash } from '../state/router';
import { notifyError, pushToast } from '../state/toasts';
import { Button } from '../ui/Button';
import { CalibrateNow } from './CalibrateNow';
import { ColumnResizer } from './ColumnResizer';
import { ExamplesMenu } from './ExamplesMenu';
import { MethodPicker } from '../panels/method-form/MethodPicker';
import { ModelRoleFields } from '../panels/method-form/ModelRoleFields';
import { ParamsForm } from '../panels/method-form/ParamsForm';
import { PromptEditor } from './PromptEditor';
import { RunOutput } from './RunOutput';
import { buildRunRequest, promptProblem } from './build-request';
import { effectiveModels } from '../panels/method-form/model-choices';
import { usePlayground } from './playground-store';
import './playground.css';

export interface PlaygroundPageProps {
  /** Load this run's method, models, parameters and prompt (re-run). */
  fromRunId: string | null;
}

const samplingFields = samplingParamFields();

/** The Playground page. */
export function PlaygroundPage({ fromRunId }: PlaygroundPageProps) {
  const form = usePlayground();
  const gridRef = useRef<HTMLDivElement>(null);
  const models = useModels((s) => s.models);
  const modelsError = useModels((s) => s.loadError);
  const liveStatus = useLiveRuns((s) => (form.runId ? s.runs[form.runId]?.status : undefined));
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  const roles = roleNamesOf(form.method);
  const refs = models ? effectiveModels(form.method, form.models, models) : {};
  const running = liveStatus !== undefined && isLive(liveStatus);
  const scopeErrors = Object.entries(form.fieldErrors).filter(([id]) => id.startsWith(`${form.method}.`) || id.startsWith('sampling.'));
  const blocker = !models
    ? 'Loading models…'
    : roles.some((r) => !refs[r])
      ? 'A model role has no usable model'
      : scopeErrors.length > 0
        ? `Fix ${scopeErrors.map(([id]) => id.split('.')[1]).join(', ')}`
        : promptProblem(form);

  useEffect(() => {
    if (!fromRunId) return;
    let cancelled = false;
    getClient()
      .call('runs.get', { id: fromRunId })
      .then(
        (record) => {
          if (cancelled) return;
          usePlayground.getState().loadFromRun(record);
          pushToast({ kind: 'info', title: 'Loaded the run’s setup', message: `${descriptorOf(record.config.method).label} · ${record.models.join(', ')}` });
        },
        (err: unknown) => notifyError('Could not load the run', err),
      )
      .finally(() => {
        if (!cancelled) window.location.replace(routeHash('playground'));
      });
    return () => {
      cancelled = true;
    };
  }, [fromRunId]);

  const run = useCallback(async () => {
    const state = usePlayground.getState();
    const currentModels = useModels.getState().models;
    if (!currentModels || starting) return;
    const request = buildRunRequest(state, effectiveModels(state.method, state.models, currentModels));
    setStarting(true);
    try {
      const { runId } = await getClient().call('runs.start', request);
      noteRunRequested(runId, RunRequest.parse(request));
      state.setRunId(runId);
    } catch (err) {
      notifyError('Could not start the run', err);
    } finally {
      setStarting(false);
    }
  }, [starting]);

  const cancel = useCallback(async () => {
    const runId = usePlayground.getState().runId;
    if (!runId) return;
    setCancelling(true);
    try {
      await getClient().call('runs.cancel', { id: runId });
    } catch (err) {
      notifyError('Could not cancel the run', err);
    } finally {
      setCancelling(false);
    }
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        if (!running && !blocker) void run();
      } else if (e.key === 'Escape' && running) {
        e.preventDefault();
        void cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, blocker, run, cancel]);

  return (
    <div className="page playground">
      <div className="page-header">
        <h1>Playground</h1>
        <div className="spacer" />
        <ExamplesMenu onPick={form.applyExample} />
        <Button variant="primary" icon="▶" shortcut="Ctrl+Enter" onClick={() => void run()} disabled={running || starting || blocker !== null} title={blocker ?? 'Run the prompt'} data-testid="run-button">
          Run
        </Button>
        <Button icon="■" shortcut="Esc" onClick={() => void cancel()} disabled={!running || cancelling} data-testid="cancel-button">
          Cancel
        </Button>
      </div>
      <div className="pg-grid" ref={gridRef}>
        <aside className="pg-config" aria-label="Run setup">
          <section className="section">
            <header>
              <h2>Method & models</h2>
            </header>
            <div className="section-body pg-stack">
              <MethodPicker value={form.method} onChange={form.setMethod} />
              {models ? (
                <ModelRoleFields method={form.method} models={models} refs={refs} onChange={form.setModel} />
              ) : (
                <p className={modelsError ? 'field-error' : 'faint'}>{modelsError ?? 'Loading models…'}</p>
              )}
            </div>
          </section>
          <section className="section">
            <header>
              <h2>Parameters</h2>
              <div className="spacer" />
              <Button size="sm" variant="ghost" onClick={form.resetParams} title="Back to the defaults of this method and of sampling">
                Reset
              </Button>
            </header>
            <div className="section-body">
              <ParamsForm
                scope={form.method}
                fields={methodParamFields(form.method)}
                values={form.params[form.method] ?? {}}
                errors={form.fieldErrors}
                onChange={(key, value) => form.setParam(form.method, key, value)}
                onFieldError={form.setFieldError}
                emptyText="This method has no parameters besides sampling."
              />
              {form.method === 'rice' && refs.model && !((form.params.rice?.experts as unknown[] | undefined)?.length) && <CalibrateNow model={refs.model} />}
            </div>
          </section>
          <section className="section">
            <header>
              <h2>Sampling</h2>
            </header>
            <div className="section-body">
              <ParamsForm
                scope="sampling"
                compact
                fields={samplingFields}
                values={form.sampling}
                errors={form.fieldErrors}
                onChange={(key, value) => form.setSampling(key as keyof SamplingParams, value as never)}
                onFieldError={form.setFieldError}
              />
            </div>
          </section>
        </aside>
        <ColumnResizer grid={gridRef} />
        <div className="pg-main">
          <section className="section">
            <header>
              <h2>Prompt</h2>
              {blocker && form.runId === null && <span className="faint pg-blocker">{blocker}</span>}
            </header>
            <div className="section-body">
              <PromptEditor kind={form.promptKind} text={form.text} messages={form.messages} onKind={form.setPromptKind} onText={form.setText} onMessages={form.setMessages} />
            </div>
          </section>
          {form.runId ? (
            <RunOutput runId={form.runId} expected={form.expected} />
          ) : (
            <div className="section empty-state">
              Pick a method and a prompt (or an example) and press <kbd>Ctrl</kbd>+<kbd>Enter</kbd>. Tokens stream in here, colored by who produced them.
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
