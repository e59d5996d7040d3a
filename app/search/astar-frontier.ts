// The frontier of A*-decoding (Chatziveroglou 2025): the partial solutions not yet expanded, popped
// best first. A node's cost is f = g + h, where h = 1 - r is the process reward model's heuristic and
// g the path cost so far; the lowest f comes out first, and equal costs come out in creation order
// (the lower node id), so a search is deterministic. A binary heap: push and pop in O(log n).

/** What the frontier needs of a node: its id (creation order) and its cost f. */
export interface FrontierEntry {
  id: number;
  f: number;
}

/** Whether entry a comes out before entry b: the lower cost, then the lower id. */
export function before(a: FrontierEntry, b: FrontierEntry): boolean {
  return a.f < b.f || (a.f === b.f && a.id < b.id);
}

/** A best-first priority queue of search nodes. */
export class AStarFrontier<T extends FrontierEntry> {
  private readonly heap: T[] = [];

  /** Nodes waiting to be expanded. */
  get size(): number {
    return this.heap.length;
  }

  /** Adds a node; throws on a cost that is not a number. */
  push(node: T): void {
    if (Number.isNaN(node.f)) throw new RangeError(`frontier node ${node.id} has no cost`);
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /** The best node without removing it; undefined when empty. */
  peek(): T | undefined {
    return this.heap[0];
  }

  /** Removes and returns the best node (lowest f, then lowest id); undefined when empty. */
  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && before(h[l]!, h[best]!)) best = l;
        if (r < h.length && before(h[r]!, h[best]!)) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best]!, h[i]!];
        i = best;
      }
    }
    return top;
  }

  /** Keeps only the best `max` nodes (the worst are dropped). */
  truncate(max: number): void {
    if (this.heap.length <= max) return;
    const keep = this.ordered().slice(0, Math.max(0, max));
    this.heap.length = 0;
    for (const n of keep) this.push(n);
  }

  /** The waiting nodes in pop order (a copy; for traces). */
  ordered(): T[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
}

/** A*-decoding's heuristic: h = 1 - r for a process reward r in [0, 1]. */
export function heuristicOf(reward: number): number {
  return 1 - reward;
}

/**
 * The path cost of a child: the parent's g plus any rise in h from parent to child (a survey's reading
 * of the paper: g accumulates only increases in h), so a path that once lost reward keeps paying for it.
 */
export function pathCostOf(parentG: number, parentH: number, childH: number): number {
  return parentG + Math.max(0, childH - parentH);
}
