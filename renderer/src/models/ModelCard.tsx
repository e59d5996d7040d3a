// One registered model, as LM Studio shows one: size on disk, parameters, dtype (a choice where the
// folder holds several variants), estimated memory to load, loaded or not (load / unload, with the
// memory the load took), which methods it can serve and why not; then what the graph offers (tree
// attention or batch paths, exit layers, router, judge), its shape, fingerprint and path.
import { useState } from 'react';
import { methodSupport } from '@app/model-methods';
import type { ModelResidency } from '@app/model-residency';
import type { ModelInfo } from '@app/models';
import { formatBytes, formatParams } from '../panels/run/format';
import { loadIntoEngine, setModelDtype, unloadFromEngine } from '../state/models';
import { notifyError } from '../state/toasts';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';

export interface ModelCardProps {
  model: ModelInfo;
  /** The engine's residency entries of this model (empty: not loaded; undefined: unknown yet). */
  resident?: ModelResidency[];
  onRemove?: (model: ModelInfo) => void;
}

/** Size, parameters, dtype, memory and the load / unload control. */
function ModelVitals({ model, resident }: { model: ModelInfo; resident?: ModelResidency[] }) {
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (label: string, fn: () => Promise<void>) => {
    setBusy(label);
    try {
      await fn();
    } catch (err) {
      notifyError(`Could not ${label.toLowerCase()} ${model.name}`, err);
    } finally {
      setBusy(null);
    }
  };
  const loaded = resident && resident.length > 0;
  const memory = (resident ?? []).reduce((s, r) => s + r.memoryBytes, 0);
  const params = model.parameterCount || model.manifest.parameters;
  return (
    <dl className="kv model-kv model-vitals" data-testid="model-vitals">
      <dt>On disk</dt>
      <dd className="num" data-testid="model-disk">
        {formatBytes(model.bytesOnDisk || model.fileBytes)}
      </dd>
      <dt>Parameters</dt>
      <dd className="num" data-testid="model-params">
        {formatParams(params)}
        {model.manifest.activeParameters && model.manifest.activeParameters !== model.manifest.parameters ? ` (${formatParams(model.manifest.activeParameters)} active)` : ''}
      </dd>
      <dt>dtype</dt>
      <dd>
        {model.variants.length > 1 ? (
          <select
            className="input input-sm mono"
            value={model.dtype}
            disabled={busy !== null}
            aria-label={`dtype of ${model.name}`}
            data-testid="model-dtype"
            onChange={(e) => {
              const dtype = e.currentTarget.value;
              void act('Switch', () => setModelDtype(model.id, dtype));
            }}
          >
            {model.variants.map((v) => (
              <option key={v.dtype} value={v.dtype}>
                {v.dtype} · {formatBytes(v.bytes)}
              </option>
            ))}
          </select>
        ) : (
          <span className="mono" data-testid="model-dtype">
            {model.dtype}
          </span>
        )}
        {!model.dtypeChosen && model.variants.length > 1 && <span className="faint"> (default: most accurate that fits)</span>}
      </dd>
      {model.estimatedMemoryBytes > 0 && (
        <>
          <dt>Memory</dt>
          <dd className="num" title="Weights, KV cache at up to 4,096 tokens and the runtime: an estimate before loading">
            ≈ {formatBytes(model.estimatedMemoryBytes)} to load
          </dd>
        </>
      )}
      <dt>Loaded</dt>
      <dd className="model-load-row" data-testid="model-loaded" data-loaded={resident === undefined ? 'unknown' : loaded ? 'yes' : 'no'}>
        {resident === undefined ? (
          <span className="faint">…</span>
        ) : loaded ? (
          <>
            <Badge tone="success" dot>
              loaded · {formatBytes(memory)} ({resident!.map((r) => r.provider).join(', ')})
            </Badge>
            <Button size="sm" variant="ghost" disabled={busy !== null} onClick={() => void act('Unload', () => unloadFromEngine(model.id))} aria-label={`Unload ${model.name}`}>
              {busy === 'Unload' ? 'Unloading…' : 'Unload'}
            </Button>
          </>
        ) : (
          <>
            <span className="muted">not loaded</span>
            <Button size="sm" disabled={busy !== null} onClick={() => void act('Load', () => loadIntoEngine(model.id))} aria-label={`Load ${model.name}`}>
              {busy === 'Load' ? 'Loading…' : 'Load'}
            </Button>
          </>
        )}
      </dd>
    </dl>
  );
}

/** Each method with a mark and the reason it can or cannot run on this model. */
function MethodsServed({ model }: { model: ModelInfo }) {
  return (
    <ul className="model-methods" aria-label="Methods" data-testid="model-methods">
      {methodSupport(model).map((m) => (
        <li key={m.method} data-method={m.method} data-ok={m.ok ? 'yes' : 'no'} className={m.ok ? 'is-ok' : 'is-no'}>
          <span aria-hidden="true">{m.ok ? '✓' : '✕'}</span> {m.label}
          <span className="faint"> — {m.why}</span>
        </li>
      ))}
    </ul>
  );
}

function range(layers: number[]): string {
  if (layers.length === 0) return '';
  const sorted = [...layers].sort((a, b) => a - b);
  const contiguous = sorted.every((l, i) => i === 0 || l === sorted[i - 1]! + 1);
  return contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join(', ');
}

/** A model card. */
export function ModelCard({ model, resident, onRemove }: ModelCardProps) {
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
        <ModelVitals model={model} resident={resident} />
        <MethodsServed model={model} />
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
