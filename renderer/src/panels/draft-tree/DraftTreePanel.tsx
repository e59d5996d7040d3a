// The draft tree of a speculative run, one round at a time: round scrubber (slider, prev/next,
// keyboard ←/→, strip of accepted lengths), the tree with its controls (fit, zoom, hide unverified or
// rejected branches, expand all), the node legend and the round's facts. While live it follows the
// latest round until the user picks one.
import type { KeyboardEvent } from 'react';
import { useMemo, useRef, useState } from 'react';
import type { DraftRoundEvent, TokenEvent } from '@app/events';
import { Button } from '../../ui';
import type { RoundAcceptance } from './acceptance';
import { defaultRoundIndex } from './acceptance';
import type { DraftTreeViewHandle } from './DraftTreeView';
import { DraftTreeView } from './DraftTreeView';
import { RoundDetails } from './RoundDetails';
import { RoundScrubber } from './RoundScrubber';
import { TreeLegend } from './TreeLegend';
import { TreeViewControls } from './TreeViewControls';
import type { LayoutKind } from './tree-layout';
import { layoutTree } from './tree-layout';
import { buildRoundTree, finalTokenProbability, rootTextOf } from './tree-model';
import './draft-tree.css';

export interface DraftTreePanelProps {
  rounds: readonly DraftRoundEvent[];
  rows: readonly RoundAcceptance[];
  tokens: readonly TokenEvent[];
  live: boolean;
  /** Selected round index (into `rounds`); null follows the latest while live, else the default. */
  selected: number | null;
  onSelect: (index: number | null) => void;
}

/** Draft-tree panel. */
export function DraftTreePanel({ rounds, rows, tokens, live, selected, onSelect }: DraftTreePanelProps) {
  const [hideUnverified, setHideUnverified] = useState(false);
  const [hideRejected, setHideRejected] = useState(false);
  const [kind, setKind] = useState<LayoutKind>('spine');
  const [collapsed, setCollapsed] = useState<{ round: number; ids: Set<number> }>({ round: -1, ids: new Set() });
  const treeRef = useRef<DraftTreeViewHandle>(null);

  const index = rounds.length === 0 ? 0 : Math.min(rounds.length - 1, selected ?? (live ? rounds.length - 1 : defaultRoundIndex(rows)));
  const round = rounds[index];
  const collapsedIds = collapsed.round === index ? collapsed.ids : null;
  const rootText = round ? rootTextOf(round, tokens) : '';
  const finalP = round ? finalTokenProbability(round, tokens) : null;
  // tokens grow while live; the root text of a round never changes once its token exists.
  const tree = useMemo(
    () => (round ? buildRoundTree(round, rootText, { finalP, collapsed: collapsedIds ?? undefined, hideUnverified, hideRejected }) : null),
    [round, rootText, finalP, collapsedIds, hideUnverified, hideRejected],
  );
  const layout = useMemo(() => (tree ? layoutTree(tree, kind) : null), [tree, kind]);

  if (!round || !layout) return <div className="mp-empty">No draft rounds yet.</div>;

  const toggle = (id: number) =>
    setCollapsed((c) => {
      const ids = new Set(c.round === index ? c.ids : []);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { round: index, ids };
    });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const t = e.target as HTMLElement;
    if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return;
    if (e.key === 'ArrowLeft' && index > 0) {
      e.preventDefault();
      onSelect(index - 1);
    } else if (e.key === 'ArrowRight' && index < rounds.length - 1) {
      e.preventDefault();
      onSelect(index + 1);
    }
  };

  return (
    <div className="dt-panel" tabIndex={0} onKeyDown={onKeyDown} aria-label="Draft tree by round (← → to move between rounds)" data-testid="draft-tree-panel">
      <RoundScrubber rows={rows} selected={index} onSelect={onSelect} />
      <div className="dt-toolbar">
        <TreeViewControls
          kind={kind}
          onKind={setKind}
          treeRef={treeRef}
          pathTitle="The committed path along the top row, alternatives below it"
          onExpandAll={collapsedIds && collapsedIds.size > 0 ? () => setCollapsed({ round: -1, ids: new Set() }) : null}
        />
        <label className="dt-check">
          <input type="checkbox" checked={hideUnverified} onChange={(e) => setHideUnverified(e.currentTarget.checked)} />
          hide unverified
        </label>
        <label className="dt-check">
          <input type="checkbox" checked={hideRejected} onChange={(e) => setHideRejected(e.currentTarget.checked)} />
          hide rejected
        </label>
        {live && selected !== null && (
          <Button size="sm" variant="ghost" onClick={() => onSelect(null)}>
            Follow latest
          </Button>
        )}
        <span className="spacer" />
        <span className="dt-hint">drag to pan · Ctrl/⌘ + wheel to zoom · click a node to collapse</span>
      </div>
      <DraftTreeView ref={treeRef} layout={layout} fitKey={`${index}:${hideUnverified}:${hideRejected}:${kind}`} onToggleCollapse={toggle} />
      <TreeLegend />
      <RoundDetails round={round} />
    </div>
  );
}
