// The draft tree shared by the tree methods (Token Recycling, RSD) and, as a degenerate chain, by the
// chain methods: nodes with their parent and depth, kept in an order where parents come first (BFS
// for templates and level-wise drafts), the root-to-leaf paths, and the layout fed to the target: the
// root (the pending token) at index 0, node i at index i + 1, with the `parents` array that
// LoadedModel.forward turns into tree attention.

/** Parent id of the children of the root (the root itself is not a node). */
export const ROOT = -1;

export interface TreeNode {
  id: number;
  token: number;
  /** Parent node id, or ROOT. */
  parent: number;
  /** 1 for children of the root. */
  depth: number;
}

/** A draft tree below the root (the pending token); node ids are dense and parents precede children. */
export class DraftTree {
  readonly nodes: TreeNode[] = [];
  private readonly childLists = new Map<number, number[]>([[ROOT, []]]);

  /** Adds a node under `parent` (ROOT or an existing node) and returns its id. */
  add(token: number, parent: number): number {
    if (parent !== ROOT && (parent < 0 || parent >= this.nodes.length)) {
      throw new Error(`tree parent ${parent} does not exist (the tree has ${this.nodes.length} nodes)`);
    }
    const id = this.nodes.length;
    const depth = parent === ROOT ? 1 : this.nodes[parent]!.depth + 1;
    this.nodes.push({ id, token, parent, depth });
    this.childLists.get(parent)!.push(id);
    this.childLists.set(id, []);
    return id;
  }

  get size(): number {
    return this.nodes.length;
  }

  get maxDepth(): number {
    return this.nodes.reduce((d, n) => Math.max(d, n.depth), 0);
  }

  /** Children of a node (or of the root) in the order they were added (draw order for RSD). */
  children(id: number): readonly number[] {
    return this.childLists.get(id) ?? [];
  }

  /** True when every node has at most one child: the tree is a chain. */
  get isChain(): boolean {
    return this.nodes.every((n) => n.parent === n.id - 1);
  }

  /** Node ids from the root's child down to `id`. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let n = id; n !== ROOT; n = this.nodes[n]!.parent) path.push(n);
    return path.reverse();
  }

  leaves(): number[] {
    return this.nodes.filter((n) => this.children(n.id).length === 0).map((n) => n.id);
  }

  /** Every root-to-leaf path as node ids, leaves in id order. */
  leafPaths(): number[][] {
    return this.leaves().map((leaf) => this.pathTo(leaf));
  }

  /** Node ids level by level (breadth-first), each level in id order. */
  bfsOrder(): number[] {
    return [...this.nodes].sort((a, b) => a.depth - b.depth || a.id - b.id).map((n) => n.id);
  }

  /** Number of nodes at each depth, from depth 1. */
  levelSizes(): number[] {
    const sizes: number[] = [];
    for (const n of this.nodes) sizes[n.depth - 1] = (sizes[n.depth - 1] ?? 0) + 1;
    return sizes;
  }

  /** The tokens fed to the target: the root, then the nodes in id order. */
  feedTokens(root: number): number[] {
    return [root, ...this.nodes.map((n) => n.token)];
  }

  /** LoadedModel.forward's `parents` for feedTokens: the root's parent is the cache's last position. */
  feedParents(): number[] {
    return [-1, ...this.nodes.map((n) => (n.parent === ROOT ? 0 : n.parent + 1))];
  }

  /** A copy without the nodes deeper than `depth` (ids stay dense: parents come first, so order is kept). */
  cut(depth: number): DraftTree {
    const out = new DraftTree();
    const map = new Map<number, number>([[ROOT, ROOT]]);
    for (const n of this.nodes) {
      if (n.depth <= depth) map.set(n.id, out.add(n.token, map.get(n.parent)!));
    }
    return out;
  }

  /** A chain of tokens below the root. */
  static chain(tokens: readonly number[]): DraftTree {
    const t = new DraftTree();
    tokens.forEach((token, i) => t.add(token, i - 1));
    return t;
  }
}

/** Index into the fed tokens of a node id (ROOT -> 0). */
export function fedIndex(id: number): number {
  return id + 1;
}
