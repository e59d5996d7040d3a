// The method-specific panels of a run, chosen by its method and by the event kinds present: draft
// tree + acceptance for the speculative family (and any run with draft rounds), the entropy/switch
// timeline for EAD, the step list for SpecReason, the routing heatmap for RICE (or any run carrying
// routing), the sample list for repeated sampling, the search tree for particle filtering and A*; engine notes as banners above, for every method. Rendered live in the Playground and for
// finished runs in the Run view.
import { useMemo } from 'react';
import type { NoteEvent, TraceEventKind } from '@app/events';
import type { Panel } from '@app/methods';
import { descriptorOf, isMethodName } from '@app/methods';
import { SpeculativePanels } from '../draft-tree/SpeculativePanels';
import { RoutingPanel } from '../routing/RoutingPanel';
import { EadPanel } from '../reasoning/EadPanel';
import { SpecReasonPanel } from '../reasoning/SpecReasonPanel';
import { NoteBanners } from '../reasoning/NoteBanners';
import { SamplesPanel } from '../scaling/SamplesPanel';
import { SearchPanel } from '../search/SearchPanel';
import type { MethodPanelProps } from './method-panel-props';
import '../draft-tree/draft-tree.css';

/** Which panels a run gets: those its method's descriptor names, and any its events call for. */
export function panelsFor(method: string, kinds: ReadonlySet<TraceEventKind>, hasRouting: boolean): { speculative: boolean; ead: boolean; specreason: boolean; routing: boolean; samples: boolean; search: boolean } {
  const panels: readonly Panel[] = isMethodName(method) ? descriptorOf(method).panels : [];
  return {
    speculative: panels.includes('speculative') || kinds.has('draft_round'),
    ead: panels.includes('ead') || kinds.has('switch'),
    specreason: panels.includes('specreason') || kinds.has('step'),
    routing: panels.includes('routing') || hasRouting,
    samples: panels.includes('samples') || kinds.has('sample'),
    search: panels.includes('search') || kinds.has('particle_step') || kinds.has('expansion'),
  };
}

/** Method panels for a run (nothing for a plain autoregressive run without notes). */
export function MethodPanels({ run, events, live }: MethodPanelProps) {
  const count = events.length;
  // `count` is the version: the live array grows in place, so its identity never changes.
  const { kinds, notes, routing } = useMemo(() => {
    const kinds = new Set<TraceEventKind>();
    const notes: NoteEvent[] = [];
    let routing = false;
    for (let i = 0; i < count; i++) {
      const e = events[i]!;
      kinds.add(e.kind);
      if (e.kind === 'note') notes.push(e);
      else if (e.kind === 'route' || (e.kind === 'token' && e.experts !== undefined)) routing = true;
    }
    return { kinds, notes, routing };
  }, [events, count]);
  const show = panelsFor(run.config.method, kinds, routing);
  const props = { run, events, live };

  if (notes.length === 0 && !show.speculative && !show.ead && !show.specreason && !show.routing && !show.samples && !show.search) return null;
  return (
    <div className="mp-panels" data-testid="method-panels" data-method={run.config.method}>
      <NoteBanners notes={notes} />
      {show.ead && <EadPanel {...props} />}
      {show.specreason && <SpecReasonPanel {...props} />}
      {show.speculative && <SpeculativePanels {...props} />}
      {show.routing && <RoutingPanel {...props} />}
      {show.samples && <SamplesPanel {...props} />}
      {show.search && <SearchPanel {...props} />}
    </div>
  );
}
