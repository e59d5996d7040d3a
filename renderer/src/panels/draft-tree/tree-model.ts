// The draft tree of one speculative round as a nested structure for d3-hierarchy: the committed
// token before the round as the root, the drafted nodes below it, and the round's final token (bonus
// or resampled) as a distinct leaf at the end of the accepted path. Also what the view can hide
// (unverified / rejected branches, collapsed subtrees) and the derived per-node flags.
import type { DraftRoundEvent, DraftTreeNode, TokenEvent } from '@app/events';

export type TreeNodeKind = 'root' | 'draft' | 'final';
export type TreeNodeStatus = 'root' | 'accepted' | 'rejected' | 'unverified' | 'bonus' | 'resampled';

/** One node of the laid-out tree. */
export interface TreeDatum {
  /** Stable key across rebuilds: 'root', 'final' or `n<id>`. */
  key: string;
  kind: TreeNodeKind;
  /** Draft node id; -1 for the root, -2 for the final token. */
  id: number;
  text: string;
  token: number | null;
  /** 0 for the root. */
  depth: number;
  status: TreeNodeStatus;
  q: number | null;
  p: number | null;
  /** On the committed path: the root, the accepted nodes and the final token. */
  onPath: boolean;
  /**
   * Greedy verification passed this node but another, deeper path was chosen. The event marks such
   * nodes 'rejected'; a node with verified children must have passed (only passed nodes' children
   * are examined), so those are recognisable; passed leaves off the path are not.
   */
  passedOffPath: boolean;
  /** Descendants not shown (collapsed, or filtered out). */
  hiddenDescendants: number;
  collapsed: boolean;
  children: TreeDatum[];
  /** A fill colour that overrides the status colour (the search view colours by score or weight). */
  fill?: string;
  /** Tooltip lines replacing the draft facts (q, p), with a caption in place of the status text (search nodes). */
  details?: { caption: string; rows: { label: string; value: string }[] };
}

export interface TreeBuildOptions {
  /** Target probability of the final token (from its token event), when known. */
  finalP?: number | null;
  /** Draft node ids whose subtrees are collapsed. */
  collapsed?: ReadonlySet<number>;
  hideUnverified?: boolean;
  hideRejected?: boolean;
}

/** Datum ids of the two nodes that are not draft nodes: the committed root and the final token. */
export const ROOT_ID = -1;
export const FINAL_ID = -2;

/** The text of the committed token the round starts from, from the token stream (a prompt marker for round 0 without a token). */
export function rootTextOf(round: Pick<DraftRoundEvent, 'tokenIndex'>, tokens: readonly Pick<TokenEvent, 'index' | 'text'>[]): string {
  const i = round.tokenIndex - 1;
  if (i < 0) return '⟨prompt⟩';
  // Token events are in index order; look up directly, then fall back to a search.
  const direct = tokens[i];
  if (direct && direct.index === i) return direct.text;
  return tokens.find((t) => t.index === i)?.text ?? '⟨…⟩';
}

/**
 * The target's probability of the round's final token: the token event at the final token's index
 * carries its log-probability under the target (null when the round has no final token or the event
 * is not there yet).
 */
export function finalTokenProbability(round: Pick<DraftRoundEvent, 'tokenIndex' | 'acceptedPath' | 'finalToken'>, tokens: readonly Pick<TokenEvent, 'index' | 'id' | 'logprob'>[]): number | null {
  if (!round.finalToken) return null;
  const i = round.tokenIndex + round.acceptedPath.length;
  const t = tokens[i]?.index === i ? tokens[i] : tokens.find((x) => x.index === i);
  return t && t.id === round.finalToken.id ? Math.exp(t.logprob) : null;
}

/** Visible text of a token: whitespace made explicit so a node is never blank. */
export function tokenLabel(text: string): string {
  if (text === '') return '∅';
  return text.replace(/\n/g, '⏎').replace(/\t/g, '⇥').replace(/^ /, '·').replace(/ $/, '·');
}

/** Children lists by parent id (ROOT_ID for the root), each in draft (id) order. */
export function childrenIndex(nodes: readonly DraftTreeNode[]): Map<number, DraftTreeNode[]> {
  const ids = new Set(nodes.map((n) => n.id));
  const out = new Map<number, DraftTreeNode[]>();
  for (const n of nodes) {
    // A parent the event does not contain is treated as the root rather than dropping the node.
    const parent = n.parent >= 0 && ids.has(n.parent) ? n.parent : ROOT_ID;
    let list = out.get(parent);
    if (!list) out.set(parent, (list = []));
    list.push(n);
  }
  for (const list of out.values()) list.sort((a, b) => a.id - b.id);
  return out;
}

function countDescendants(id: number, index: Map<number, DraftTreeNode[]>): number {
  let count = 0;
  const stack = [...(index.get(id) ?? [])];
  while (stack.length > 0) {
    const n = stack.pop()!;
    count++;
    stack.push(...(index.get(n.id) ?? []));
  }
  return count;
}

/**
 * Builds the nested tree of a round. The final token hangs below the last accepted node (or the root
 * when nothing was accepted). Nodes on the accepted path are never hidden or collapsed away.
 */
export function buildRoundTree(round: DraftRoundEvent, rootText: string, options: TreeBuildOptions = {}): TreeDatum {
  const index = childrenIndex(round.nodes);
  const onPath = new Set(round.acceptedPath);
  const lastAccepted = round.acceptedPath.length > 0 ? round.acceptedPath[round.acceptedPath.length - 1]! : ROOT_ID;
  const collapsed = options.collapsed ?? new Set<number>();

  const visible = (n: DraftTreeNode): boolean => {
    if (onPath.has(n.id)) return true;
    if (options.hideUnverified && n.status === 'unverified') return false;
    if (options.hideRejected && n.status === 'rejected') return false;
    return true;
  };

  const finalDatum = (depth: number): TreeDatum | null =>
    round.finalToken
      ? {
          key: 'final',
          kind: 'final',
          id: FINAL_ID,
          text: round.finalToken.text,
          token: round.finalToken.id,
          depth,
          status: round.finalToken.kind,
          q: null,
          p: options.finalP ?? null,
          onPath: true,
          passedOffPath: false,
          hiddenDescendants: 0,
          collapsed: false,
          children: [],
        }
      : null;

  const build = (n: DraftTreeNode, depth: number): TreeDatum => {
    const kids = index.get(n.id) ?? [];
    const isCollapsed = collapsed.has(n.id) && kids.length > 0 && !kids.some((k) => onPath.has(k.id));
    const datum: TreeDatum = {
      key: `n${n.id}`,
      kind: 'draft',
      id: n.id,
      text: n.text,
      token: n.token,
      depth,
      status: n.status,
      q: n.q ?? null,
      p: n.p ?? null,
      onPath: onPath.has(n.id),
      passedOffPath: n.status === 'rejected' && kids.some((k) => k.status !== 'unverified'),
      hiddenDescendants: 0,
      collapsed: isCollapsed,
      children: [],
    };
    if (isCollapsed) {
      datum.hiddenDescendants = countDescendants(n.id, index);
    } else {
      for (const k of kids) {
        if (visible(k)) datum.children.push(build(k, depth + 1));
        else datum.hiddenDescendants += 1 + countDescendants(k.id, index);
      }
    }
    if (n.id === lastAccepted) {
      const f = finalDatum(depth + 1);
      if (f) datum.children.push(f);
    }
    return datum;
  };

  const root: TreeDatum = {
    key: 'root',
    kind: 'root',
    id: ROOT_ID,
    text: rootText,
    token: null,
    depth: 0,
    status: 'root',
    q: null,
    p: null,
    onPath: true,
    passedOffPath: false,
    hiddenDescendants: 0,
    collapsed: false,
    children: [],
  };
  for (const k of index.get(ROOT_ID) ?? []) {
    if (visible(k)) root.children.push(build(k, 1));
    else root.hiddenDescendants += 1 + countDescendants(k.id, index);
  }
  if (lastAccepted === ROOT_ID) {
    const f = finalDatum(1);
    if (f) root.children.push(f);
  }
  return root;
}

/** Every datum of a tree, depth first (parents before children). */
export function flattenTree(root: TreeDatum): TreeDatum[] {
  const out: TreeDatum[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const d = stack.pop()!;
    out.push(d);
    for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]!);
  }
  return out;
}

/** Counts of a round's nodes by status, the tree's depth and its widest level. */
export function roundShape(round: DraftRoundEvent): { accepted: number; rejected: number; unverified: number; depth: number; widest: number } {
  const levels: number[] = [];
  let accepted = 0;
  let rejected = 0;
  let unverified = 0;
  for (const n of round.nodes) {
    if (n.status === 'accepted') accepted++;
    else if (n.status === 'rejected') rejected++;
    else unverified++;
    levels[n.depth - 1] = (levels[n.depth - 1] ?? 0) + 1;
  }
  return { accepted, rejected, unverified, depth: levels.length, widest: Math.max(0, ...levels.map((l) => l ?? 0)) };
}
