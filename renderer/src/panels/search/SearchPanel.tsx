// The search view of particle filtering and A*-decoding: the search tree (steps as nodes, particles or
// expansions as branches) drawn by the draft-tree kit's canvas (pan, zoom, fit, click to collapse,
// tooltips), coloured by step score, reward or particle weight, the chosen path highlighted, and a
// step scrubber (slider, prev/next, ←/→) that grows the tree stage by stage; below it, the stage's
// facts: each particle's weight and the resampling that followed (who continues whom, ESS), or the
// expansion (node, frontier size, tokens and judge passes so far). While live it follows the latest
// stage until the user picks one.
import type { KeyboardEvent } from 'react';
import { useMemo, useRef, useState } from 'react';
import { Button, Tabs } from '../../ui';
import type { DraftTreeViewHandle } from '../draft-tree/DraftTreeView';
import { DraftTreeView } from '../draft-tree/DraftTreeView';
import { StatTile } from '../draft-tree/StatTile';
import { TreeViewControls } from '../draft-tree/TreeViewControls';
import type { LayoutKind } from '../draft-tree/tree-layout';
import { layoutTree } from '../draft-tree/tree-layout';
import type { MethodPanelProps } from '../trace/method-panel-props';
import type { ColourBy, SearchModel, SearchStage } from './search-model';
import { offspringOf, scoreColour, searchModelOf, searchTreeOf } from './search-model';
import '../draft-tree/draft-tree.css';
import './search.css';

/** The search panel of a run. */
export function SearchPanel({ events, live }: MethodPanelProps) {
  const count = events.length;
  // `count` is the version: the live array grows in place, so its identity never changes.
  const model = useMemo(() => searchModelOf(events, count), [events, count]);
  const [selected, setSelected] = useState<number | null>(null);
  const [by, setBy] = useState<ColourBy>('score');
  const [kind, setKind] = useState<LayoutKind>('spine');
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const treeRef = useRef<DraftTreeViewHandle>(null);
  const stages = model.stages;
  const index = stages.length === 0 ? 0 : Math.min(stages.length - 1, selected ?? stages.length - 1);
  const colourBy = model.method === 'particles' ? by : by === 'weight' ? 'score' : by;
  const tree = useMemo(() => searchTreeOf(model, index, colourBy, collapsed), [model, index, colourBy, collapsed]);
  const layout = useMemo(() => layoutTree(tree, kind), [tree, kind]);

  if (stages.length === 0) {
    return (
      <section className="section" data-testid="search-panel">
        <header>
          <h3>Search</h3>
        </header>
        <div className="section-body mp-empty">No search steps yet.</div>
      </section>
    );
  }
  const stage = stages[index]!;
  const select = (i: number) => setSelected(Math.max(0, Math.min(stages.length - 1, i)));
  const toggle = (id: number) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const t = e.target as HTMLElement;
    if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return;
    if (e.key === 'ArrowLeft' && index > 0) {
      e.preventDefault();
      select(index - 1);
    } else if (e.key === 'ArrowRight' && index < stages.length - 1) {
      e.preventDefault();
      select(index + 1);
    }
  };
  const unit = model.method === 'particles' ? 'step' : 'expansion';

  return (
    <section className="section" aria-labelledby="mp-search-h" data-testid="search-panel" data-method={model.method ?? undefined}>
      <header>
        <h3 id="mp-search-h">{model.method === 'particles' ? 'Particle filtering' : 'A* search'}</h3>
      </header>
      <div className="section-body">
        <SearchStats model={model} />
        <div className="dt-panel" tabIndex={0} onKeyDown={onKeyDown} aria-label={`Search tree by ${unit} (← → to move between ${unit}s)`}>
          <div className="dt-scrubber">
            <div className="dt-scrubber-row">
              <Button size="sm" onClick={() => select(index - 1)} disabled={index <= 0} aria-label={`Previous ${unit}`} icon="←" />
              <input type="range" min={0} max={stages.length - 1} value={index} onChange={(e) => select(Number(e.currentTarget.value))} aria-label={unit} data-testid="search-scrubber" />
              <Button size="sm" onClick={() => select(index + 1)} disabled={index >= stages.length - 1} aria-label={`Next ${unit}`} icon="→" />
              <span className="dt-round-label" data-testid="search-stage-label">
                {unit} {index + 1} <span className="faint">of {stages.length}</span>
              </span>
            </div>
            <StageStrip stages={stages} selected={index} onSelect={select} unit={unit} />
          </div>
          <div className="dt-toolbar">
            <Tabs
              label="Colour nodes by"
              variant="segmented"
              value={colourBy}
              onChange={setBy}
              items={[
                { id: 'score', label: 'Step score', title: "The judge's score of the step, in [0, 1]" },
                { id: 'reward', label: 'Reward', title: 'The partial solution’s aggregated score' },
                ...(model.method === 'particles' ? [{ id: 'weight' as const, label: 'Weight', title: 'The particle’s weight after the step' }] : []),
              ]}
            />
            <TreeViewControls
              kind={kind}
              onKind={setKind}
              treeRef={treeRef}
              pathTitle="The chosen path along the top row, alternatives below it"
              onExpandAll={collapsed.size > 0 ? () => setCollapsed(new Set()) : null}
            />
            {live && selected !== null && (
              <Button size="sm" variant="ghost" onClick={() => setSelected(null)}>
                Follow latest
              </Button>
            )}
            <span className="spacer" />
            <span className="dt-hint">drag to pan · Ctrl/⌘ + wheel to zoom · click a node to collapse</span>
          </div>
          <div className="sv-tree">
            <DraftTreeView ref={treeRef} layout={layout} fitKey={`${index}:${kind}`} onToggleCollapse={toggle} label="Search tree" testId="search-tree" />
          </div>
          <ScaleLegend by={colourBy} astar={model.method === 'astar'} />
          <StageDetails stage={stage} />
        </div>
      </div>
    </section>
  );
}

const CELL = 28;

/**
 * One cell per stage (its new nodes as a bar, click to jump), as the draft tree's round strip; between
 * a particle-filtering step and the next, a mark where the particles were resampled (its ESS on hover).
 */
function StageStrip({ stages, selected, onSelect, unit }: { stages: readonly SearchStage[]; selected: number; onSelect: (i: number) => void; unit: string }) {
  const added = stages.map((s) => (s.kind === 'expansion' ? s.event.children.length : s.event.nodes.length));
  const max = Math.max(1, ...added);
  return (
    <div className="dt-strip" aria-label={`${unit}s by nodes added${unit === 'step' ? ', resampling marked between steps' : ''}`}>
      <div className="dt-strip-inner" style={{ width: stages.length * CELL }}>
        {stages.map((s, i) => (
          <button
            key={i}
            type="button"
            className={i === selected ? 'dt-strip-cell is-selected' : 'dt-strip-cell'}
            style={{ left: i * CELL, width: CELL }}
            title={`${unit} ${i + 1}: ${added[i]} new nodes`}
            aria-label={`${unit} ${i + 1}, ${added[i]} new nodes`}
            aria-pressed={i === selected}
            tabIndex={-1}
            onClick={() => onSelect(i)}
          >
            <span className="dt-strip-bar" style={{ height: Math.max(2, Math.round((added[i]! / max) * 18)) }} />
            <span>{i + 1}</span>
          </button>
        ))}
        {stages.map((s, i) =>
          s.kind === 'particle_step' && s.resample ? (
            <span key={`r${i}`} className="sv-resample-mark" style={{ left: (i + 1) * CELL - 6 }} title={`resampled after step ${i + 1} (${s.resample.scheme}), ESS ${s.resample.ess.toFixed(2)}`} data-testid="resample-mark">
              ⇄
            </span>
          ) : null,
        )}
      </div>
    </div>
  );
}

function SearchStats({ model }: { model: SearchModel }) {
  const r = model.result;
  const resamplings = model.stages.filter((s) => s.kind === 'particle_step' && s.resample).length;
  return (
    <div className="mp-stats">
      <StatTile label="nodes" value={String(model.nodes.size)} testId="search-nodes" />
      <StatTile label={model.method === 'particles' ? 'steps' : 'expansions'} value={String(model.stages.length)} sub={model.method === 'particles' ? `${resamplings} resamplings` : undefined} testId="search-stages" />
      <StatTile label="chosen path" value={r ? `${r.path.length} steps` : '—'} sub={r ? `${r.reason}${r.particle !== undefined ? ` · particle ${r.particle}` : ''}` : undefined} testId="search-chosen" />
      <StatTile label="reward" value={r?.reward === null || r?.reward === undefined ? '—' : r.reward.toFixed(3)} sub={r?.answer ? `answer ${r.answer}` : undefined} />
    </div>
  );
}

function ScaleLegend({ by, astar }: { by: ColourBy; astar: boolean }) {
  const label = by === 'weight' ? 'particle weight' : by === 'reward' ? 'reward' : 'step score';
  return (
    <div className="sv-legend" aria-label={`Node colour: ${label} from 0 to 1`}>
      <span>{label} 0</span>
      <span className="sv-scale" style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(scoreColour).join(', ')})` }} aria-hidden="true" />
      <span>1</span>
      <span className="dt-swatch sw-accepted" aria-hidden="true" />
      <span>chosen path (green outline and links)</span>
      {astar && (
        <>
          <span className="dt-swatch sw-rejected" aria-hidden="true" />
          <span>duplicate of a sibling (not queued)</span>
        </>
      )}
    </div>
  );
}

function StageDetails({ stage }: { stage: SearchStage }) {
  if (stage.kind === 'expansion') {
    const e = stage.event;
    return (
      <div className="sv-details" data-testid="search-stage-details">
        <span>
          expanded {e.node < 0 ? 'the prompt' : `node #${e.node}`} into {e.children.length} candidates ({e.children.filter((c) => c.duplicate).length} duplicates)
        </span>
        <span>frontier {e.frontierSize}</span>
        <span>{e.tokensUsed} tokens</span>
        <span>{e.prmCalls} judge passes</span>
      </div>
    );
  }
  const e = stage.event;
  const r = stage.resample;
  const offspring = r ? offspringOf(r) : null;
  return (
    <div className="sv-details" data-testid="search-stage-details">
      <table className="sv-particles">
        <thead>
          <tr>
            <th scope="col">particle</th>
            <th scope="col">node</th>
            <th scope="col">weight</th>
            {r && <th scope="col">copies after resampling</th>}
          </tr>
        </thead>
        <tbody>
          {e.particleNodes.map((node, p) => (
            <tr key={p}>
              <td>{p}</td>
              <td className="mono">#{node}</td>
              <td>
                <span className="sv-bar" style={{ width: `${Math.round((e.weights[p] ?? 0) * 100)}%`, background: scoreColour(e.weights[p] ?? 0) }} aria-hidden="true" />
                <span className="mono">{(e.weights[p] ?? 0).toFixed(3)}</span>
              </td>
              {offspring && <td className="mono">{offspring[p]}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {r ? (
        <div className="sv-resample" data-testid="search-resample">
          resampled ({r.scheme}), ESS {r.ess.toFixed(2)} of {r.ancestors.length}: {r.ancestors.map((a, i) => `${i}←${a}`).join(' · ')}
        </div>
      ) : (
        <div className="sv-resample faint">no resampling after this step</div>
      )}
    </div>
  );
}
