// The A*-decoding loop (Chatziveroglou 2025), independent of models: pop the best partial solution
// from the frontier (lowest f = g + h, h = 1 - r), stop when it is finished, else expand it into
// the caller's k scored candidate next steps and queue them. Under a token budget the search stops
// when the budget is spent and returns the best finished node waiting, else the best partial one.
// Candidates identical to an earlier sibling are recorded but not queued; the frontier keeps at most
// `maxFrontier` nodes (the worst dropped).
import { AStarFrontier, heuristicOf, pathCostOf } from './astar-frontier';

/** One scored candidate next step of an expanded node. */
export interface AStarCandidate<S> {
  state: S;
  text: string;
  tokens: number;
  stepScore: number;
  reward: number;
  finished: boolean;
  /** Identity for de-duplication among siblings (the step's token ids, say). */
  key: string;
}

/** A node of the search: a partial solution. */
export interface AStarNode<S> {
  id: number;
  parent: number;
  depth: number;
  state: S;
  text: string;
  tokens: number;
  stepScore: number;
  reward: number;
  g: number;
  h: number;
  f: number;
  finished: boolean;
  duplicate: boolean;
}

export interface AStarOptions {
  /** Generated tokens before the search stops; 0 for none. */
  tokenBudget: number;
  maxDepth: number;
  pathCost: 'h-increases' | 'none';
  maxFrontier: number;
}

export interface AStarHooks<S> {
  /** k scored candidate next steps of `node` (the root has id -1 and depth 0). */
  expand(node: AStarNode<S>, order: number): Promise<AStarCandidate<S>[]>;
  onExpansion?(e: { order: number; node: number; children: AStarNode<S>[]; frontierSize: number; tokensUsed: number }): void;
  cancelled?(): boolean;
}

export interface AStarResult<S> {
  /** The chosen node (null when nothing was generated), and its path from the first step. */
  best: AStarNode<S> | null;
  path: AStarNode<S>[];
  expansions: number;
  tokensUsed: number;
  reason: 'finished' | 'budget' | 'steps' | 'cancelled';
}

/** Runs A* from the empty solution `initial`. */
export async function runAStar<S>(initial: S, o: AStarOptions, hooks: AStarHooks<S>): Promise<AStarResult<S>> {
  const root: AStarNode<S> = { id: -1, parent: -1, depth: 0, state: initial, text: '', tokens: 0, stepScore: 0, reward: 0, g: 0, h: 1, f: 1, finished: false, duplicate: false };
  const nodes = new Map<number, AStarNode<S>>([[-1, root]]);
  const frontier = new AStarFrontier<AStarNode<S>>();
  frontier.push(root);
  let nextId = 0;
  let expansions = 0;
  let tokensUsed = 0;
  let best: AStarNode<S> | null = null;
  let lastExpanded: AStarNode<S> | null = null;
  let reason: AStarResult<S>['reason'] = 'steps';
  for (;;) {
    if (hooks.cancelled?.()) {
      reason = 'cancelled';
      break;
    }
    if (o.tokenBudget > 0 && tokensUsed >= o.tokenBudget) {
      reason = 'budget';
      break;
    }
    const node = frontier.pop();
    if (!node) break; // nothing left to expand: the best node seen stands
    if (node.finished) {
      best = node;
      reason = 'finished';
      break;
    }
    const candidates = await hooks.expand(node, expansions);
    const seen = new Set<string>();
    const children: AStarNode<S>[] = [];
    for (const c of candidates) {
      tokensUsed += c.tokens;
      const h = heuristicOf(c.reward);
      const g = o.pathCost === 'none' ? 0 : pathCostOf(node.g, node.h, h);
      const depth = node.depth + 1;
      const child: AStarNode<S> = { id: nextId++, parent: node.id, depth, state: c.state, text: c.text, tokens: c.tokens, stepScore: c.stepScore, reward: c.reward, g, h, f: g + h, finished: c.finished || depth >= o.maxDepth, duplicate: seen.has(c.key) };
      seen.add(c.key);
      nodes.set(child.id, child);
      children.push(child);
      if (!child.duplicate) frontier.push(child);
    }
    frontier.truncate(o.maxFrontier);
    hooks.onExpansion?.({ order: expansions, node: node.id, children, frontierSize: frontier.size, tokensUsed });
    expansions++;
    lastExpanded = node;
  }
  if (reason !== 'finished') {
    const waiting = frontier.ordered().filter((n) => n.id >= 0);
    best = waiting.find((n) => n.finished) ?? waiting[0] ?? (lastExpanded && lastExpanded.id >= 0 ? lastExpanded : null);
  }
  const path: AStarNode<S>[] = [];
  for (let n = best; n && n.id >= 0; n = nodes.get(n.parent) ?? null) path.unshift(n);
  return { best, path, expansions, tokensUsed, reason };
}

