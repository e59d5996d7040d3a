// An estimate of an experiment's run time before it starts: for each arm, the milliseconds per
// generated token (and per run, for the prompt) of this machine's recent completed runs of the same
// method, times the token budget, the items and the samples. An upper bound when runs stop early
// (at an answer or end of turn); arms whose method never ran here are named instead of guessed.
import { useEffect, useState } from 'react';
import type { MethodConfig } from '@app/methods';
import { getClient } from '../api/workbench';
import { formatMs } from '../panels/run/format';

export interface RunEstimateProps {
  arms: readonly { label: string; config: MethodConfig }[];
  items: number;
  samples: number;
  maxTokens: number;
}

interface MethodCost {
  msPerToken: number;
  msPerRun: number;
}

const cache = new Map<string, Promise<MethodCost | null>>();

/** Mean cost of a method's recent completed runs (null when it has none with tokens). */
function methodCost(method: string): Promise<MethodCost | null> {
  let p = cache.get(method);
  if (!p) {
    p = getClient()
      .call('runs.list', { methods: [method], statuses: ['completed'], limit: 50 })
      .then(({ runs }) => {
        const ms = runs.flatMap((r) => (r.metrics && r.metrics.newTokens > 1 ? [r.metrics] : []));
        if (ms.length === 0) return null;
        const perToken = ms.reduce((s, m) => s + m.decodeMs / Math.max(1, m.newTokens - 1), 0) / ms.length;
        const perRun = ms.reduce((s, m) => s + (m.ttftMs ?? m.prefillMs), 0) / ms.length;
        return { msPerToken: perToken, msPerRun: perRun };
      })
      .catch(() => null);
    cache.set(method, p);
  }
  return p;
}

/** "About 2 min 10 s" with how it was reckoned. */
export function RunEstimate({ arms, items, samples, maxTokens }: RunEstimateProps) {
  const methods = [...new Set(arms.map((a) => a.config.method))].sort().join(',');
  const [costs, setCosts] = useState<{ key: string; value: Map<string, MethodCost | null> } | null>(null);

  useEffect(() => {
    let live = true;
    const list = methods ? methods.split(',') : [];
    void Promise.all(list.map(async (m) => [m, await methodCost(m)] as const)).then((pairs) => live && setCosts({ key: methods, value: new Map(pairs) }));
    return () => {
      live = false;
    };
  }, [methods]);

  if (!costs || costs.key !== methods || items === 0) return null;
  const unknown = arms.filter((a) => !costs.value.get(a.config.method)).map((a) => a.label);
  const total = arms.reduce((sum, a) => {
    const c = costs.value.get(a.config.method);
    return c ? sum + items * samples * (c.msPerRun + c.msPerToken * maxTokens) : sum;
  }, 0);
  return (
    <span className="muted" data-testid="run-estimate" title="From this machine's recent completed runs of each method: time to first token plus decode time per token, times the token budget. Runs that stop early take less.">
      {total > 0 ? `Estimated at most ${formatMs(total)}` : 'No estimate yet'}
      {unknown.length > 0 ? ` (no past runs of ${unknown.join(', ')} to estimate from)` : ''}
    </span>
  );
}
