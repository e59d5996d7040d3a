// The routing panel of a run with MoE routing (RICE, or any run that recorded it): steering settings,
// how often the tokens went to each steered expert, the reasoning length, and the per-token routing
// heatmap with the steered experts highlighted.
import { useEffect, useMemo } from 'react';
import type { ExpertId, MethodConfigOf } from '@app/methods';
import { StatTile } from '../draft-tree/StatTile';
import { loadModels, useModels } from '../../state/models';
import type { MethodPanelProps } from '../trace/method-panel-props';
import { expertLabel } from './npmi-scale';
import { expertUsage, expertsFromNote, routingMatrix, steeredExperts } from './routing';
import { RoutingHeatmap } from './RoutingHeatmap';
import '../draft-tree/draft-tree.css';

const formText: Record<string, string> = {
  logit: 'log β added to the router logit before top-k',
  gate: 'gate weight × β, selection unchanged',
  gate_renorm: 'gate weight × β, top-k mass restored',
};

/** The run's steered experts: from its config or recorded setup, else from the engine's RICE note. */
function steeredFor(run: MethodPanelProps['run'], events: MethodPanelProps['events'], count: number): ExpertId[] {
  const fromConfig = steeredExperts(run.config, run.setup);
  if (fromConfig.length > 0) return fromConfig;
  for (let i = 0; i < count; i++) {
    const e = events[i]!;
    if (e.kind === 'note' && e.message.startsWith('RICE')) return expertsFromNote(e.message);
  }
  return [];
}

/** Routing panel. */
export function RoutingPanel({ run, events, live }: MethodPanelProps) {
  const models = useModels((s) => s.models);
  useEffect(() => {
    if (!models) void loadModels();
  }, [models]);
  const modelId = run.models[0];
  const expertsPerLayer = models?.find((m) => m.id === modelId)?.manifest.moe?.experts;
  const count = events.length;
  // `count` is the version: the live array grows in place, so its identity never changes.
  const matrix = useMemo(() => routingMatrix(events.slice(0, count), expertsPerLayer), [events, count, expertsPerLayer]);
  const steered = useMemo(() => steeredFor(run, events, count), [run, events, count]);
  const usage = useMemo(() => expertUsage(matrix, steered), [matrix, steered]);
  const rice = run.config.method === 'rice' ? (run.config as MethodConfigOf<'rice'>) : null;

  return (
    <section className="section" aria-labelledby="mp-route-h" data-testid="routing-panel">
      <header>
        <h3 id="mp-route-h">Expert routing</h3>
      </header>
      <div className="section-body mp-panels">
        <div className="mp-stats">
          {rice && <StatTile label="steering" value={`β ${rice.params.beta} · ${rice.params.form}`} sub={formText[rice.params.form]} />}
          {usage.map((u) => (
            <StatTile
              key={expertLabel(u.expert)}
              label={`${expertLabel(u.expert)} chosen`}
              value={`${(u.share * 100).toFixed(0)}%`}
              sub={u.meanWeight !== null ? `mean gate weight ${u.meanWeight.toFixed(2)}` : 'of generated tokens'}
              hint="Share of generated tokens whose top-k at this layer included the steered expert"
            />
          ))}
          {!live && run.metrics?.thinkingTokens !== undefined && <StatTile label="reasoning length" value={`${run.metrics.thinkingTokens} tokens`} sub="between <think> and </think>" />}
          <StatTile label="tokens routed" value={String(matrix.tokens.length)} sub={`${matrix.layers} layers × ${matrix.experts} experts`} />
        </div>
        {steered.length === 0 && rice && <div className="mp-empty">The steered experts are not recorded in this run&apos;s config.</div>}
        {matrix.tokens.length === 0 ? <div className="mp-empty">Routing appears with the first token.</div> : <RoutingHeatmap matrix={matrix} steered={steered} live={live} />}
      </div>
    </section>
  );
}
