// One registered model: name, family and description; what it can do (discovered from the graph:
// tree attention or batch paths, exit layers, router, judge); its size and shape; fingerprint and path.
import type { ModelInfo } from '../../../app/models';
import { formatBytes, formatParams } from '../panels/run/format';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';

export interface ModelCardProps {
  model: ModelInfo;
  onRemove?: (model: ModelInfo) => void;
}

function range(layers: number[]): string {
  if (layers.length === 0) return '';
  const sorted = [...layers].sort((a, b) => a - b);
  const contiguous = sorted.every((l, i) => i === 0 || l === sorted[i - 1]! + 1);
  return contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join(', ');
}

/** A model card. */
export function ModelCard({ model, onRemove }: ModelCardProps) {
  const m = model.manifest;
  const caps = model.capabilities;
  return (
    <article className="model-card section" data-testid="model-card" data-model-id={model.id}>
      <header>
        <h3 className="model-name">{model.name}</h3>
        <span className="mono faint">{model.id}</span>
        <div className="spacer" />
        {model.embedded && <Badge tone="accent">embedded</Badge>}
        <Badge>{m.family}</Badge>
        {onRemove && !model.embedded && (
          <Button size="sm" variant="ghost" onClick={() => onRemove(model)} aria-label={`Remove ${model.name}`}>
            Remove
          </Button>
        )}
      </header>
      <div className="section-body model-body">
        {m.description && <p className="model-description">{m.description}</p>}
        <div className="model-caps" aria-label="Capabilities">
          {caps.attentionBias ? (
            <Badge tone="success" title="attention_bias input: draft trees verified in one pass">
              tree attention
            </Badge>
          ) : (
            <Badge title="No attention_bias input: tree methods verify paths as a batch instead">batch paths</Badge>
          )}
          {caps.exitLayers.length > 0 && (
            <Badge tone="success" title="Early-exit heads (DEL self-speculation)">
              exit layers {range(caps.exitLayers)}
            </Badge>
          )}
          {caps.exitGraphs.length > 0 && <Badge title="Draft graphs that run only the first layers">exit graphs {range(caps.exitGraphs)}</Badge>}
          {caps.routerLogits && (
            <Badge tone="success" title="router_logits output: routing statistics (nPMI)">
              router logits
            </Badge>
          )}
          {caps.routerBias && (
            <Badge tone="success" title="router_bias input: expert steering (RICE)">
              router bias
            </Badge>
          )}
          {caps.judge && (
            <Badge tone="success" title="Trained as a SpecReason step judge">
              judge
            </Badge>
          )}
          {caps.kvCache && <Badge title="past_key_values inputs and present outputs">KV cache</Badge>}
          <Badge tone="info" title="Roles the model was trained for">
            trained: {m.roles.join(', ')}
          </Badge>
        </div>
        <dl className="kv model-kv">
          <dt>Parameters</dt>
          <dd className="num">
            {formatParams(m.parameters)}
            {m.activeParameters && m.activeParameters !== m.parameters ? ` (${formatParams(m.activeParameters)} active)` : ''}
          </dd>
          <dt>Architecture</dt>
          <dd>{m.architecture}</dd>
          <dt>Layers</dt>
          <dd className="num">
            {m.layers} · d={m.hiddenSize} · {m.heads} heads ({m.kvHeads} KV) × {m.headDim}
          </dd>
          {m.moe && (
            <>
              <dt>Experts</dt>
              <dd className="num">
                {m.moe.experts} per layer, top-{m.moe.topK}, MoE layers {range(m.moe.layers)}
              </dd>
            </>
          )}
          <dt>Vocabulary</dt>
          <dd className="num">{m.vocabSize.toLocaleString('en-US')}</dd>
          <dt>Context</dt>
          <dd className="num">{m.contextLength.toLocaleString('en-US')} tokens</dd>
          <dt>File size</dt>
          <dd className="num">{formatBytes(model.fileBytes)}</dd>
          <dt>Fingerprint</dt>
          <dd className="mono" title={model.fingerprint}>
            {model.fingerprint.slice(0, 16)}
          </dd>
          <dt>Path</dt>
          <dd className="mono model-path">{model.path}</dd>
        </dl>
      </div>
    </article>
  );
}
