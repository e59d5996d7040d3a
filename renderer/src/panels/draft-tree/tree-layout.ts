// Left-to-right layouts of a round's draft tree over a d3-hierarchy: depth along x, one row per leaf
// along y at a fixed row height, so token labels stay readable at 1:1 however large the tree is.
// 'spine' (the default) puts the committed path first and aligns every parent with its first child:
// the accepted path becomes one straight line along the top row with the alternatives hanging below
// it (elbow links), so the part that matters is in view without zooming out an 80-node tree. 'tidy'
// is d3's tidy tree (parents centred over their children). Labels are truncated to a node width and
// the full text goes to the tooltip. Pure: no DOM.
import type { HierarchyNode } from 'd3-hierarchy';
import { hierarchy, tree } from 'd3-hierarchy';
import type { TreeDatum } from './tree-model';
import { tokenLabel } from './tree-model';

/** Vertical distance between rows (leaves), in SVG units at scale 1. */
export const ROW_HEIGHT = 22;
/** Height of a node box. */
export const NODE_HEIGHT = 18;
/** Horizontal distance between depths. */
export const COLUMN_WIDTH = 100;
/** Longest label drawn in a node; longer tokens are cut with an ellipsis (full text on hover). */
export const MAX_LABEL_CHARS = 9;
const CHAR_WIDTH = 7; // monospace at 11px
const MIN_NODE_WIDTH = 26;

export interface LaidNode {
  datum: TreeDatum;
  /** Centre of the node. */
  x: number;
  y: number;
  width: number;
  label: string;
  truncated: boolean;
  hasChildren: boolean;
  parentKey: string | null;
}

export interface LaidLink {
  key: string;
  sourceKey: string;
  targetKey: string;
  source: { x: number; y: number };
  target: { x: number; y: number };
  onPath: boolean;
  /** Drawn as an elbow (spine layout, not the first child). */
  elbow: boolean;
  /** The edge into a node that failed verification. */
  rejected: boolean;
  unverified: boolean;
  toFinal: boolean;
}

export interface TreeLayout {
  nodes: LaidNode[];
  links: LaidLink[];
  bounds: { x0: number; y0: number; x1: number; y1: number };
}

/** A label that fits the node: whitespace made visible, cut with an ellipsis past MAX_LABEL_CHARS. */
export function fitLabel(text: string): { label: string; truncated: boolean } {
  const visible = tokenLabel(text);
  const chars = Array.from(visible);
  if (chars.length <= MAX_LABEL_CHARS) return { label: visible, truncated: false };
  return { label: `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`, truncated: true };
}

/** Width of a node box for a label. */
export function nodeWidth(label: string): number {
  return Math.max(MIN_NODE_WIDTH, Array.from(label).length * CHAR_WIDTH + 12);
}

export type LayoutKind = 'spine' | 'tidy';

/** Spine layout: committed path first; leaves take rows in order; a parent sits on its first child's row. */
function spine(h: HierarchyNode<TreeDatum>): HierarchyNode<TreeDatum> {
  // Array.prototype.sort is stable: off-path siblings keep their draft order.
  h.sort((a, b) => Number(b.data.onPath) - Number(a.data.onPath));
  let row = 0;
  const place = (n: HierarchyNode<TreeDatum>) => {
    // d3's x is the breadth coordinate (rows here), y the depth (columns); swapped when drawn.
    if (n.children && n.children.length > 0) {
      for (const c of n.children) place(c);
      n.x = n.children[0]!.x;
    } else {
      n.x = row++ * ROW_HEIGHT;
    }
    n.y = n.depth * COLUMN_WIDTH;
  };
  place(h);
  return h;
}

/** Lays out a tree; coordinates in SVG user units with the root at x = 0. */
export function layoutTree(root: TreeDatum, kind: LayoutKind = 'spine'): TreeLayout {
  const h = hierarchy(root, (d) => d.children);
  // nodeSize is [breadth, depth] for a vertical tree: x/y are swapped below for left-to-right.
  const laid =
    kind === 'spine'
      ? spine(h)
      : tree<TreeDatum>()
          .nodeSize([ROW_HEIGHT, COLUMN_WIDTH])
          .separation((a, b) => (a.parent === b.parent ? 1 : 1.35))(h);
  const nodes: LaidNode[] = [];
  const links: LaidLink[] = [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  laid.each((n) => {
    const { label, truncated } = fitLabel(n.data.text);
    const width = nodeWidth(label);
    const x = n.y!;
    const y = n.x!;
    nodes.push({ datum: n.data, x, y, width, label, truncated, hasChildren: n.data.children.length > 0, parentKey: n.parent?.data.key ?? null });
    x0 = Math.min(x0, x - width / 2);
    x1 = Math.max(x1, x + width / 2 + (n.data.hiddenDescendants > 0 ? 30 : 0));
    y0 = Math.min(y0, y - NODE_HEIGHT / 2);
    y1 = Math.max(y1, y + NODE_HEIGHT / 2);
    if (n.parent) {
      const d = n.data;
      links.push({
        key: `${n.parent.data.key}-${d.key}`,
        sourceKey: n.parent.data.key,
        targetKey: d.key,
        source: { x: n.parent.y!, y: n.parent.x! },
        target: { x, y },
        onPath: d.onPath && n.parent.data.onPath,
        elbow: kind === 'spine' && n.parent.children![0] !== n,
        rejected: d.status === 'rejected',
        unverified: d.status === 'unverified',
        toFinal: d.kind === 'final',
      });
    }
  });
  if (nodes.length === 0) return { nodes, links, bounds: { x0: 0, y0: 0, x1: 0, y1: 0 } };
  return { nodes, links, bounds: { x0, y0, x1, y1 } };
}

/**
 * SVG path of a link from the right edge of the parent box to the left edge of the child: an elbow
 * (along, down, along) in the spine layout, a horizontal S-curve otherwise.
 */
export function linkPath(l: LaidLink, sourceWidth: number, targetWidth: number): string {
  const sx = l.source.x + sourceWidth / 2;
  const tx = l.target.x - targetWidth / 2;
  if (l.elbow) {
    // Siblings share the vertical trunk a few units right of the parent.
    const trunk = sx + 8;
    return `M${sx},${l.source.y}H${trunk}V${l.target.y}H${tx}`;
  }
  const mx = (sx + tx) / 2;
  return `M${sx},${l.source.y}C${mx},${l.source.y} ${mx},${l.target.y} ${tx},${l.target.y}`;
}

/** The zoom transform that fits `bounds` into a viewport with padding, never enlarging past `maxScale`. */
export function fitTransform(bounds: TreeLayout['bounds'], width: number, height: number, padding = 16, maxScale = 1.25, minScale = 0.2): { x: number; y: number; k: number } {
  const w = Math.max(1, bounds.x1 - bounds.x0);
  const h = Math.max(1, bounds.y1 - bounds.y0);
  const k = Math.max(minScale, Math.min(maxScale, (width - 2 * padding) / w, (height - 2 * padding) / h));
  const x = padding - bounds.x0 * k + Math.max(0, (width - 2 * padding - w * k) / 2);
  const y = padding - bounds.y0 * k + Math.max(0, (height - 2 * padding - h * k) / 2);
  return { x, y, k };
}
