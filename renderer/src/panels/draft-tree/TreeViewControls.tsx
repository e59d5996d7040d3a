// The controls every tree on the draft-tree canvas offers (draft trees, search trees): the layout
// switch, fit, zoom in and out, and "Expand all" while branches are collapsed.
import type { RefObject } from 'react';
import { Button, Tabs } from '../../ui';
import type { DraftTreeViewHandle } from './DraftTreeView';
import type { LayoutKind } from './tree-layout';

export interface TreeViewControlsProps {
  kind: LayoutKind;
  onKind: (kind: LayoutKind) => void;
  treeRef: RefObject<DraftTreeViewHandle | null>;
  /** What the "Path first" layout puts on its top row (the committed path, the chosen path). */
  pathTitle: string;
  /** Shows "Expand all" (some branch is collapsed) and what it does. */
  onExpandAll: (() => void) | null;
}

/** Layout, fit, zoom and expand-all buttons for a DraftTreeView. */
export function TreeViewControls({ kind, onKind, treeRef, pathTitle, onExpandAll }: TreeViewControlsProps) {
  return (
    <>
      <Tabs
        label="Tree layout"
        variant="segmented"
        value={kind}
        onChange={onKind}
        items={[
          { id: 'spine', label: 'Path first', title: pathTitle },
          { id: 'tidy', label: 'Tidy', title: 'Parents centred over their children' },
        ]}
      />
      <Button size="sm" onClick={() => treeRef.current?.fit()} title="Fit the whole tree into view">
        Fit
      </Button>
      <Button size="sm" onClick={() => treeRef.current?.zoomBy(1.25)} aria-label="Zoom in" icon="+" />
      <Button size="sm" onClick={() => treeRef.current?.zoomBy(0.8)} aria-label="Zoom out" icon="−" />
      {onExpandAll && (
        <Button size="sm" variant="ghost" onClick={onExpandAll}>
          Expand all
        </Button>
      )}
    </>
  );
}
