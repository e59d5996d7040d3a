// The one rejection sampler every lossless method verifies with (the speculative round loop, and
// SpecReason+Decode's large-model steps): the residual distribution norm(max(0, p - q)), acceptance
// with min(1, p/q) (Leviathan et al.; greedy: accept while the draft equals the target's argmax),
// Gumbel-top-k sampling without replacement (RSD's sibling draws), and RSD's recursive rejection
// sampling over siblings in draw order (methods.md section 4c), of which a chain is the one-sibling
// case. Deterministic proposals (prompt lookup, Token Recycling's matrix) have a one-hot q.
import type { SamplingParams } from '@app/sampling';
import type { SamplingRng } from '../../runtime/sampling';
import { argmax, processedDistribution, sampleIndex } from '../../runtime/sampling';
import { DraftTree, ROOT, fedIndex } from './tree';

type Sampling = Pick<SamplingParams, 'temperature' | 'topK' | 'topP'>;

/**
 * norm(max(0, p - q)). When p <= q everywhere (p == q up to rounding) there is nothing left to
 * correct and a rejection cannot have happened in exact arithmetic; p itself is returned then.
 */
export function residual(p: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  if (faultyResidual) return faultyResidual(p, q);
  const out = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const d = p[i]! - q[i]!;
    if (d > 0) {
      out[i] = d;
      sum += d;
    }
  }
  if (!(sum > 1e-12)) return Float64Array.from(p);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

type ResidualRule = (p: ArrayLike<number>, q: ArrayLike<number>) => Float64Array;
let faultyResidual: ResidualRule | null = null;

/**
 * Tests only: replaces the residual with a planted bug (e.g. redrawing from p, the classic mistake)
 * so a distribution test can show that it fails on it; null restores the real rule.
 */
export function plantResidualForTesting(rule: ResidualRule | null): void {
  faultyResidual = rule;
}

/** The one-hot distribution at `x` (the q of a deterministic proposal). */
export function oneHot(size: number, x: number): Float64Array {
  const out = new Float64Array(size);
  out[x] = 1;
  return out;
}

/** Probability of accepting draft token x: min(1, p(x)/q(x)). */
export function acceptProbability(p: ArrayLike<number>, q: ArrayLike<number>, x: number): number {
  const qx = q[x]!;
  if (!(qx > 0)) return 1; // x could not have been drawn from q; only reachable through rounding
  return Math.min(1, p[x]! / qx);
}

/** The distribution at temperature 1 (the model's own), for display when decoding is greedy. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  return processedDistribution(logits, { temperature: 1, topK: 0, topP: 1 });
}

/**
 * A verified pass's distributions, computed once per position on demand: the processed distribution
 * (what acceptance uses; one-hot at the argmax when greedy) and the one a trace shows (the model's own
 * temperature-1 distribution when greedy, where the processed one says only 0 or 1).
 */
export class Distributions {
  private readonly processedRows = new Map<number, Float64Array>();
  private readonly shownRows = new Map<number, Float64Array>();

  constructor(
    readonly logitsAt: (i: number) => ArrayLike<number>,
    readonly sampling: Sampling,
  ) {}

  get greedy(): boolean {
    return this.sampling.temperature === 0;
  }

  processed(i: number): Float64Array {
    let row = this.processedRows.get(i);
    if (!row) {
      row = processedDistribution(this.logitsAt(i), this.sampling);
      this.processedRows.set(i, row);
    }
    return row;
  }

  shown(i: number): Float64Array {
    if (!this.greedy) return this.processed(i);
    let row = this.shownRows.get(i);
    if (!row) {
      row = softmax(this.logitsAt(i));
      this.shownRows.set(i, row);
    }
    return row;
  }

  argmax(i: number): number {
    return argmax(this.logitsAt(i));
  }
}

export type NodeStatus = 'accepted' | 'rejected' | 'unverified';

export interface TreeOutcome {
  /** Accepted node ids, root to leaf. */
  path: number[];
  final: number;
  finalKind: 'bonus' | 'resampled';
  status: NodeStatus[];
}

/**
 * Per tree node (ROOT included): the processed distribution its children were drawn from. A node
 * without one proposed its children deterministically (each with a one-hot q).
 */
export type ProposalDistributions = ReadonlyMap<number, ArrayLike<number>>;

/**
 * The verifier's acceptance rule over a verified tree (a chain is a tree with one child per node).
 * Greedy: acceptTreeGreedy. Sampling: recursive rejection from the root down, each node's children
 * tried in the order they were added (draw order), which reproduces the target's distribution; the
 * final token is the last residual's draw after a rejection, or a bonus from p at a leaf.
 */
export function acceptTree(tree: DraftTree, target: Distributions, proposals: ProposalDistributions, rng: SamplingRng): TreeOutcome {
  if (target.greedy) return acceptTreeGreedy(tree, target.logitsAt);
  const status: NodeStatus[] = tree.nodes.map(() => 'unverified');
  const path: number[] = [];
  let current = ROOT;
  for (;;) {
    const kids = tree.children(current);
    const p = target.processed(fedIndex(current));
    if (kids.length === 0) return { path, final: sampleIndex(p, rng.next()), finalKind: 'bonus', status };
    const o = recursiveReject(
      p,
      proposals.get(current) ?? null,
      kids.map((id) => tree.nodes[id]!.token),
      rng,
    );
    for (let i = 0; i < o.examined; i++) status[kids[i]!] = i === o.acceptedIndex ? 'accepted' : 'rejected';
    if (o.acceptedIndex < 0) return { path, final: o.final!, finalKind: 'resampled', status };
    current = kids[o.acceptedIndex]!;
    path.push(current);
  }
}

/**
 * Greedy acceptance over a verified tree (Token Recycling's rule): a node passes when its parent passed
 * and its token is the target's argmax at the parent; the deepest passing node (first in id order on
 * ties) gives the accepted path, and the target's argmax after it is the final token (a bonus when the
 * path ends at a leaf, a correction otherwise). Nodes that passed off the chosen path and nodes
 * whose parent passed but that failed count as rejected; the rest were never verified.
 */
export function acceptTreeGreedy(tree: DraftTree, logitsAt: (fed: number) => ArrayLike<number>): TreeOutcome {
  const best = new Int32Array(tree.size + 1);
  best[0] = argmax(logitsAt(0));
  const passed = new Uint8Array(tree.size);
  const reached = new Uint8Array(tree.size);
  let deepest = ROOT;
  for (const n of tree.nodes) {
    const parentPassed = n.parent === ROOT || passed[n.parent] === 1;
    if (!parentPassed) continue;
    reached[n.id] = 1;
    if (n.token !== best[fedIndex(n.parent)]) continue;
    passed[n.id] = 1;
    best[fedIndex(n.id)] = argmax(logitsAt(fedIndex(n.id)));
    if (deepest === ROOT || n.depth > tree.nodes[deepest]!.depth) deepest = n.id;
  }
  const path = deepest === ROOT ? [] : tree.pathTo(deepest);
  const onPath = new Set(path);
  const status: NodeStatus[] = tree.nodes.map((n) => (onPath.has(n.id) ? 'accepted' : reached[n.id] ? 'rejected' : 'unverified'));
  return {
    path,
    final: best[fedIndex(deepest)]!,
    finalKind: tree.children(deepest).length === 0 ? 'bonus' : 'resampled',
    status,
  };
}

export interface ChainOutcome {
  /** Draft tokens accepted, from the first. */
  accepted: number;
  /** The token after them: the bonus token (all accepted) or the resampled correction. */
  final: number;
  finalKind: 'bonus' | 'resampled';
}

/**
 * acceptTree for a drafted chain against the target's distributions at fed positions 0..n (0 = the
 * root). `draftDists[i]` is the processed draft distribution draft token i was drawn from (unused
 * when greedy; null for a deterministic proposal, whose q is one-hot).
 */
export function acceptChain(
  drafted: readonly number[],
  draftDists: readonly (ArrayLike<number> | null | undefined)[],
  target: Distributions,
  rng: SamplingRng,
): ChainOutcome {
  const proposals = new Map<number, ArrayLike<number>>();
  draftDists.forEach((d, i) => d && proposals.set(i - 1, d));
  const o = acceptTree(DraftTree.chain(drafted), target, proposals, rng);
  return { accepted: o.path.length, final: o.final, finalKind: o.finalKind };
}

/**
 * Gumbel-top-k: `k` distinct indices drawn without replacement from `p` (probabilities), in draw
 * order: add Gumbel(0,1) noise to log p and take the k largest. Zero-probability entries are never
 * drawn, so fewer than k come back when p has a smaller support.
 */
export function gumbelTopK(p: ArrayLike<number>, k: number, rng: SamplingRng): number[] {
  const keys: [number, number][] = [];
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (!(pi > 0)) continue;
    // u in (0, 1): the generator returns [0, 1), and -log(-log(0)) would be -Infinity.
    const u = (rng.next() * 4294967296 + 0.5) / 4294967297;
    keys.push([i, Math.log(pi) - Math.log(-Math.log(u))]);
  }
  keys.sort((a, b) => b[1] - a[1]);
  return keys.slice(0, k).map(([i]) => i);
}

/** q with `excluded` removed and renormalised: the law of the next draw without replacement. */
export function excludeAndRenormalise(q: ArrayLike<number>, excluded: readonly number[]): Float64Array {
  const out = Float64Array.from(q);
  for (const x of excluded) out[x] = 0;
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += out[i]!;
  if (sum > 0) for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

export interface SiblingOutcome {
  /** Index (into the siblings, draw order) of the accepted sibling, or -1 when all were rejected. */
  acceptedIndex: number;
  /** When all were rejected: the token drawn from the final residual. */
  final: number | null;
  /** How many siblings were examined (accepted one included). */
  examined: number;
}

/**
 * RSD's recursive rejection sampling at one node. `siblings` were drawn without replacement from q in
 * this order; p is the target's processed distribution at the node. Sibling k is accepted with
 * probability min(1, p_k(x_k)/q_k(x_k)), where q_k is q without the earlier siblings (renormalised) and
 * p_1 = p, p_{k+1} = norm(max(0, p_k - q_k)). When all are rejected the final token comes from the
 * last residual. The result is distributed exactly as p. `q` null: each sibling was proposed
 * deterministically (q_k one-hot at it), so sibling k passes with probability p_k(x_k).
 */
export function recursiveReject(p: ArrayLike<number>, q: ArrayLike<number> | null, siblings: readonly number[], rng: SamplingRng): SiblingOutcome {
  let pk: ArrayLike<number> = p;
  for (let k = 0; k < siblings.length; k++) {
    // A deterministic proposal's q_k is one-hot at its token, whatever came before it.
    const qk = q === null ? oneHot(p.length, siblings[k]!) : k === 0 ? q : excludeAndRenormalise(q, siblings.slice(0, k));
    if (rng.next() < acceptProbability(pk, qk, siblings[k]!)) return { acceptedIndex: k, final: null, examined: k + 1 };
    pk = residual(pk, qk);
  }
  return { acceptedIndex: -1, final: sampleIndex(pk, rng.next()), examined: siblings.length };
}
