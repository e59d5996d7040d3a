// The `sample` events of an experiment's repeated-sampling runs (runs.trace with kinds ['sample'],
// a few requests at a time), reloaded when the set of finished runs changes.
import { useEffect, useState } from 'react';
import type { SampleEvent } from '@app/events';
import { errorText, getClient } from '../api/workbench';

const PARALLEL = 4;

export interface ScalingSamplesState {
  samples: ReadonlyMap<string, readonly SampleEvent[]>;
  loading: boolean;
  error: string | null;
}

/** Sample events per run id for `runIds`. */
export function useScalingSamples(runIds: readonly string[]): ScalingSamplesState {
  const key = runIds.join(',');
  // Loading while the last finished load was for another set of runs.
  const [state, setState] = useState<{ key: string | null; samples: ReadonlyMap<string, readonly SampleEvent[]>; error: string | null }>({ key: null, samples: new Map(), error: null });
  useEffect(() => {
    let cancelled = false;
    const ids = key === '' ? [] : key.split(',');
    const out = new Map<string, SampleEvent[]>();
    let next = 0;
    const worker = async () => {
      while (!cancelled && next < ids.length) {
        const id = ids[next++]!;
        const { events } = await getClient().call('runs.trace', { id, kinds: ['sample'] });
        out.set(id, events.filter((e): e is SampleEvent => e.kind === 'sample'));
      }
    };
    Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker)).then(
      () => !cancelled && setState({ key, samples: out, error: null }),
      (err: unknown) => !cancelled && setState({ key, samples: out, error: errorText(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [key]);
  return { samples: state.samples, error: state.error, loading: state.key !== key };
}
