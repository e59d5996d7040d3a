// One run (#/runs/<id>): status, method, models, time, seed and config; the prompt; speed and method
// metrics; the full token trace; the method panels; the error of a failed or interrupted run with
// whatever it recorded. A run still in progress keeps streaming here.
import type { RunRecord } from '@app/runs';
import { descriptorOf, isMethodName, modelsByRole } from '@app/methods';
import { formatDateTime } from '../ui/date-format';
import { LiveStatsBar } from '../panels/run/LiveStatsBar';
import { DeferredMethodPanels } from '../panels/run/DeferredMethodPanels';
import { RunErrorBox } from '../panels/run/RunErrorBox';
import { StatsCards } from '../panels/run/StatsCards';
import { useRunData } from '../panels/run/use-run-data';
import { Icon } from '../ui/Icon';
import { navigate, routeHash } from '../state/router';
import { liveStats } from '../state/live-stats';
import { TokenTraceView } from '../panels/tokens/TokenTraceView';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { StatusBadge } from '../ui/StatusBadge';
import { ExportMenu } from '../panels/export/ExportMenu';
import { PromptView } from './PromptView';
import './runs.css';

export interface RunViewPageProps {
  runId: string;
}

/** The run view page. */
export function RunViewPage({ runId }: RunViewPageProps) {
  const { record, events, tokens, tokenCount, live, loading, loadError } = useRunData(runId);

  if (!record) {
    return (
      <div className="page run-view">
        <a className="run-back" href={routeHash('runs')}>
          <Icon name="back" size={14} /> Runs
        </a>
        {loading && !loadError ? <div className="empty-state">Loading run…</div> : <div className="error-box" role="alert">{loadError ?? 'Run not found'}</div>}
      </div>
    );
  }

  const catalog = isMethodName(record.method) ? descriptorOf(record.method) : null;
  const refs = catalog ? modelsByRole(record.config) : [];
  const setupLines = setupEntries(record.setup);
  const stats = live ? liveStats(events, tokens) : null;
  const liveMetrics = stats
    ? { ttftMs: stats.ttftMs, prefillTokensPerS: stats.prefillTokensPerS, decodeTokensPerS: stats.decodeTokensPerS, newTokens: stats.tokens, totalMs: stats.elapsedMs ?? undefined }
    : null;

  return (
    <div className="page run-view" data-testid="run-view" data-status={record.status}>
      <div className="page-header">
        <a className="run-back" href={routeHash('runs')}>
          <Icon name="back" size={14} /> Runs
        </a>
        <span className="faint">/</span>
        <h1 className="run-title">{record.id}</h1>
        <StatusBadge status={record.status} />
        <div className="spacer" />
        <Button onClick={() => navigate('playground', [], { from: record.id })} data-testid="rerun-button">
          Re-run in Playground
        </Button>
        <ExportMenu runIds={[record.id]} label="Export run" />
      </div>

      <div className="run-meta">
        <section className="section">
          <header>
            <h2>Run</h2>
          </header>
          <div className="section-body">
            <dl className="kv">
              <dt>Method</dt>
              <dd>
                {catalog?.label ?? record.method}{' '}
                {catalog && <Badge tone={catalog.lossless ? 'success' : 'warning'}>{catalog.lossless ? 'lossless' : 'lossy'}</Badge>}
              </dd>
              <dt>Models</dt>
              <dd className="mono">
                {refs.map(([role, ref]) => (
                  <div key={role}>
                    <span className="faint">{role}</span> {ref.model} <span className="faint">({ref.provider})</span>
                  </div>
                ))}
              </dd>
              <dt>Created</dt>
              <dd className="num">{formatDateTime(record.createdAt)}</dd>
              <dt>Finished</dt>
              <dd className="num">{formatDateTime(record.finishedAt)}</dd>
              <dt>Seed</dt>
              <dd className="num">{record.seed}</dd>
              {record.configLabel && (
                <>
                  <dt>Config label</dt>
                  <dd>{record.configLabel}</dd>
                </>
              )}
              {record.experimentId && (
                <>
                  <dt>Experiment</dt>
                  <dd className="mono">{record.experimentId}</dd>
                </>
              )}
              {record.tags.length > 0 && (
                <>
                  <dt>Tags</dt>
                  <dd>{record.tags.join(', ')}</dd>
                </>
              )}
              {setupLines.length > 0 && (
                <>
                  <dt>Setup</dt>
                  <dd className="mono">
                    {setupLines.map(([k, v]) => (
                      <div key={k}>
                        <span className="faint">{k}</span> {v.length > 20 ? `${v.slice(0, 16)}…` : v}
                      </div>
                    ))}
                  </dd>
                </>
              )}
            </dl>
            <details className="run-details">
              <summary>Config (JSON)</summary>
              <pre className="run-prompt-text" data-testid="run-config">
                {JSON.stringify(record.config, null, 2)}
              </pre>
            </details>
          </div>
        </section>
        <section className="section">
          <header>
            <h2>Prompt</h2>
          </header>
          <div className="section-body">
            <PromptView prompt={record.prompt} promptText={record.promptText} />
          </div>
        </section>
      </div>

      <RunErrorBox status={record.status} error={record.error} keptTokens={tokenCount} />

      {(live || record.metrics) && (
        <section className="section">
          <header>
            <h2>Metrics</h2>
            {live && <LiveStatsBar status={record.status} events={events} tokens={tokens} metrics={null} />}
          </header>
          <div className="section-body">
            <StatsCards metrics={live ? liveMetrics : record.metrics} provisional={live} method={record.method} />
          </div>
        </section>
      )}

      <section className="section">
        <header>
          <h2>Token trace</h2>
          <span className="faint num">{tokenCount.toLocaleString('en-US')} tokens</span>
          {record.answer !== null && (
            <span className="run-answer">
              <span className="muted">answer</span> <strong className="mono">{record.answer}</strong>
              {record.correct !== null && <Badge tone={record.correct ? 'success' : 'danger'}>{record.correct ? 'correct' : 'wrong'}</Badge>}
            </span>
          )}
        </header>
        <div className="section-body">
          <TokenTraceView tokens={tokens} count={tokenCount} live={live} emptyText={live ? 'Waiting for the first token…' : 'This run recorded no tokens.'} />
        </div>
      </section>

      <DeferredMethodPanels run={record} events={events} live={live} />
    </div>
  );
}

/** The setup as label/value lines: engine, model fingerprints, then what the host and engine resolved. */
function setupEntries(setup: RunRecord['setup']): [string, string][] {
  const out: [string, string][] = [];
  if (setup.engine) out.push(['engine', setup.engine]);
  for (const [k, v] of Object.entries(setup.fingerprints)) out.push([k, v]);
  if (setup.calibratedExperts) out.push(['calibrated experts', setup.calibratedExperts.map((e) => `${e.layer}:${e.expert}`).join(', ')]);
  if (setup.recyclingMatrix) out.push(['recycling matrix', setup.recyclingMatrix]);
  return out;
}
