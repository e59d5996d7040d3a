// The search view's model, rebuilt from a run's trace: every node the search wrote (particle steps or
// A* candidates), the stages in which they appeared (a particle-filtering step, an A* expansion), the
// resampling after each step, the chosen path, and the tree up to a stage as the draft-tree kit's
// TreeDatum (so the draft tree's canvas, layout and tooltip draw it), coloured by score or weight.
// Pure: no DOM.
import type { ExpansionEvent, ParticleStepEvent, ResampleEvent, SearchNode, SearchResultEvent, TraceEvent } from '@app/events';
import type { TreeDatum } from '../draft-tree/tree-model';

/** One stage of a search: a particle-filtering step (with the resampling after it) or an A* expansion. */
export type SearchStage =
  | { kind: 'particle_step'; index: number; event: ParticleStepEvent; resample: ResampleEvent | null }
  | { kind: 'expansion'; index: number; event: ExpansionEvent };

export interface SearchModel {
  method: 'particles' | 'astar' | null;
  nodes: Map<number, SearchNode>;
  /** The stage index in which each node appeared. */
  stageOf: Map<number, number>;
  /** Particle filtering: each node's particle weight at its step. */
  weightOf: Map<number, number>;
  /** A*: the expansion order of each expanded node. */
  expandedAt: Map<number, number>;
  stages: SearchStage[];
  result: SearchResultEvent | null;
  /** Node ids on the chosen path (empty until the result). */
  chosen: Set<number>;
}

/** The search model of the first `count` events. */
export function searchModelOf(events: readonly TraceEvent[], count = events.length): SearchModel {
  const m: SearchModel = { method: null, nodes: new Map(), stageOf: new Map(), weightOf: new Map(), expandedAt: new Map(), stages: [], result: null, chosen: new Set() };
  for (let i = 0; i < count; i++) {
    const e = events[i]!;
    if (e.kind === 'particle_step') {
      m.method = 'particles';
      const index = m.stages.length;
      m.stages.push({ kind: 'particle_step', index, event: e, resample: null });
      for (const n of e.nodes) {
        m.nodes.set(n.id, n);
        m.stageOf.set(n.id, index);
        if (n.particle !== undefined) m.weightOf.set(n.id, e.weights[n.particle] ?? 0);
      }
    } else if (e.kind === 'resample') {
      for (let j = m.stages.length - 1; j >= 0; j--) {
        const stage = m.stages[j]!;
        if (stage.kind === 'particle_step' && stage.event.step === e.step) {
          stage.resample = e;
          break;
        }
      }
    } else if (e.kind === 'expansion') {
      m.method = 'astar';
      const index = m.stages.length;
      m.stages.push({ kind: 'expansion', index, event: e });
      m.expandedAt.set(e.node, e.order);
      for (const n of e.children) {
        m.nodes.set(n.id, n);
        m.stageOf.set(n.id, index);
      }
    } else if (e.kind === 'search_result') {
      m.result = e;
      m.chosen = new Set(e.path);
    }
  }
  return m;
}

/** What the nodes are coloured by. */
export type ColourBy = 'score' | 'reward' | 'weight';

/** A colour for a value in [0, 1]: red (0) through amber to green (1). */
export function scoreColour(v: number): string {
  const t = Math.max(0, Math.min(1, Number.isFinite(v) ? v : 0));
  return `hsl(${Math.round(t * 120)}, 55%, ${Math.round(62 - 10 * t)}%)`;
}

function valueOf(m: SearchModel, n: SearchNode, by: ColourBy): number | null {
  if (by === 'weight') return m.weightOf.get(n.id) ?? null;
  return by === 'reward' ? n.reward : n.stepScore;
}

function fmt(v: number | undefined | null, digits = 3): string {
  return v === undefined || v === null ? '—' : v.toFixed(digits);
}

// The tooltip facts of a node.
function detailsOf(m: SearchModel, n: SearchNode): NonNullable<TreeDatum['details']> {
  const rows = [
    { label: 'node · depth', value: `#${n.id} · ${n.depth}` },
    { label: 'step score', value: fmt(n.stepScore) },
    { label: 'reward', value: fmt(n.reward) },
    { label: 'tokens', value: String(n.tokens) },
  ];
  if (n.particle !== undefined) rows.push({ label: 'particle · weight', value: `${n.particle} · ${fmt(m.weightOf.get(n.id))}` });
  if (n.f !== undefined) rows.push({ label: 'g + h = f', value: `${fmt(n.g)} + ${fmt(n.h)} = ${fmt(n.f)}` });
  const expanded = m.expandedAt.get(n.id);
  if (expanded !== undefined) rows.push({ label: 'expanded', value: `#${expanded + 1} in order` });
  const caption = m.chosen.has(n.id) ? 'on the chosen path' : n.duplicate ? 'duplicate of an earlier sibling (not queued)' : n.finished ? 'finished solution' : 'partial solution';
  return { caption, rows };
}

/** The tree of every node that appeared up to and including stage `upTo`, the prompt as its root. */
export function searchTreeOf(m: SearchModel, upTo: number, by: ColourBy, collapsed: ReadonlySet<number> = new Set()): TreeDatum {
  const root: TreeDatum = { key: 'root', kind: 'root', id: -1, text: '⟨prompt⟩', token: null, depth: 0, status: 'root', q: null, p: null, onPath: true, passedOffPath: false, hiddenDescendants: 0, collapsed: false, children: [], details: { caption: 'the prompt: the empty solution every path starts from', rows: [] } };
  const datums = new Map<number, TreeDatum>([[-1, root]]);
  const hidden = new Map<number, number>();
  const visible = [...m.nodes.values()].filter((n) => (m.stageOf.get(n.id) ?? Infinity) <= upTo).sort((a, b) => a.id - b.id);
  for (const n of visible) {
    const parent = datums.get(n.parent);
    if (!parent) continue; // under a collapsed node (or its parent never appeared)
    if (parent.collapsed) {
      parent.hiddenDescendants++;
      hidden.set(n.id, n.parent);
      continue;
    }
    const v = valueOf(m, n, by);
    const datum: TreeDatum = {
      key: `n${n.id}`,
      kind: 'draft',
      id: n.id,
      text: n.text,
      token: null,
      depth: n.depth,
      status: m.chosen.has(n.id) ? 'accepted' : n.duplicate ? 'rejected' : 'unverified',
      q: null,
      p: null,
      onPath: m.chosen.has(n.id),
      passedOffPath: false,
      hiddenDescendants: 0,
      collapsed: collapsed.has(n.id),
      children: [],
      ...(v === null ? {} : { fill: scoreColour(v) }),
      details: detailsOf(m, n),
    };
    parent.children.push(datum);
    datums.set(n.id, datum);
  }
  // Descendants of collapsed nodes count towards the collapsed ancestor.
  for (const n of visible) {
    if (datums.has(n.id) || hidden.has(n.id)) continue;
    let a = n.parent;
    while (a >= 0 && !datums.has(a)) a = m.nodes.get(a)?.parent ?? -1;
    const d = datums.get(a);
    if (d && d.collapsed) d.hiddenDescendants++;
  }
  return root;
}

/** Offspring per old particle of a resampling (how many new particles continue each). */
export function offspringOf(r: ResampleEvent): number[] {
  const counts = new Array<number>(r.weights.length).fill(0);
  for (const a of r.ancestors) if (a < counts.length) counts[a]!++;
  return counts;
}
