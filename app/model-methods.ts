// Which methods a model can serve, and why not: read from what its graph offers (capabilities
// discovered from the session) and its manifest. Shown on the Models page; the engine still checks
// again, by name, when a run starts (this is the same rule, stated before anything loads).
import type { MethodName } from './methods';
import { methodCatalog } from './methods';
import type { ModelInfo } from './models';

export interface MethodSupport {
  method: MethodName;
  label: string;
  ok: boolean;
  /** How it runs (ok), or what the model lacks (not ok). */
  why: string;
}

/** One line per method for `model` in the role it would play (target / large / the only model). */
export function methodSupport(model: Pick<ModelInfo, 'capabilities' | 'manifest'>): MethodSupport[] {
  const c = model.capabilities;
  const kv = c.kvCache;
  const noKv = 'no past_key_values inputs: rejected drafts cannot be rolled back';
  const moe = c.routerBias || c.routerLogits;
  const lines: Omit<MethodSupport, 'label'>[] = [
    { method: 'autoregressive', ok: true, why: 'any causal LM graph' },
    { method: 'chain_sd', ok: kv, why: kv ? 'needs a draft model with the same tokenizer' : noKv },
    {
      method: 'token_recycling',
      ok: kv,
      why: !kv ? noKv : c.attentionBias ? 'trees verified in one pass (attention_bias)' : 'no attention_bias: tree paths verified as a batch',
    },
    { method: 'rsd', ok: kv, why: !kv ? noKv : c.attentionBias ? 'trees verified in one pass (attention_bias)' : 'no attention_bias: tree paths verified as a batch' },
    {
      method: 'del',
      ok: c.exitLayers.length > 0 && kv,
      why: c.exitLayers.length > 0 ? `exit layers ${c.exitLayers.join(', ')}` : 'no early-exit outputs (exit_logits.*): export it with native-models/tools/export_hf.py',
    },
    { method: 'ead', ok: true, why: 'needs a small model with the same tokenizer' },
    { method: 'specreason', ok: true, why: c.judge ? 'trained step judge' : 'needs a small model with the same tokenizer; judges with its chat template' },
    {
      method: 'rice',
      ok: c.routerBias,
      why: c.routerBias ? 'router_bias input: expert steering' : moe ? 'router_logits but no router_bias input: routing can be read, not steered' : 'not an MoE graph with router inputs (router_bias / router_logits)',
    },
  ];
  return lines.map((l) => ({ ...l, label: methodCatalog[l.method].label }));
}
