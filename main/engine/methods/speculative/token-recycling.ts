// Token Recycling (Luo et al., ACL 2025) as a proposer: no draft model. A vocabulary x k matrix keeps,
// for every token, the top-k next tokens the target last predicted after it. Each round fills a
// static BFS tree template from the matrix (a node at path [..., i] takes candidate i of its parent's
// token), the round loop verifies the whole tree in one pass (tree attention, or paths as a batch)
// and keeps the longest greedily accepted path, and the rows of every fed token are overwritten with
// the target's top-k at that node. The matrix lives in the engine's state per model (hot start across prompts)
// unless the config resets it per prompt. Greedy only, as the official code.
import { WorkbenchError } from '@app/errors';
import type { MethodConfigOf } from '@app/methods';
import type { LoadedModel } from '../../runtime/loaded-model';
import type { MethodContext, MethodImplementation } from '../context';
import type { Proposer } from './proposer';
import { requireKvCache, runSpeculative } from './round';
import type { TreeTemplatePaths } from './tree-templates';
import { resolveTemplate } from './tree-templates';
import { DraftTree, ROOT } from './tree';
import type { TreeVerifyRequest } from './verify';

type Config = MethodConfigOf<'token_recycling'>;

/** The candidate matrix: row t holds k token ids, best first. */
export class RecyclingMatrix {
  readonly rows: Int32Array;
  /** Whether row t has been written since the matrix was created (for matrixHits). */
  readonly written: Uint8Array;

  constructor(
    readonly vocab: number,
    readonly k: number,
  ) {
    // Zero-initialised as in the official code: an unwritten row proposes token 0 everywhere.
    this.rows = new Int32Array(vocab * k);
    this.written = new Uint8Array(vocab);
  }

  candidate(token: number, index: number): number {
    return this.rows[token * this.k + index]!;
  }

  /** Overwrites row `token` with the k most likely next tokens under `logits`. */
  update(token: number, logits: ArrayLike<number>): void {
    const ids = topIds(logits, this.k);
    this.rows.set(ids, token * this.k);
    this.written[token] = 1;
  }
}

/** Indices of the k largest values, largest first (ties: lower index first). */
export function topIds(values: ArrayLike<number>, k: number): number[] {
  const ids: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let j: number;
    if (ids.length < k) {
      ids.push(i);
      vals.push(v);
      j = ids.length - 1;
    } else if (v > vals[k - 1]!) {
      j = k - 1;
      ids[j] = i;
      vals[j] = v;
    } else continue;
    for (; j > 0 && vals[j - 1]! < vals[j]!; j--) {
      [ids[j - 1], ids[j]] = [ids[j]!, ids[j - 1]!];
      [vals[j - 1], vals[j]] = [vals[j]!, vals[j - 1]!];
    }
  }
  return ids;
}

/** The matrix a run uses: a fresh one, or the model's hot one from the engine state. */
function matrixKey(model: LoadedModel, k: number): string {
  return `token_recycling:${model.info.path}:k${k}`;
}

export function matrixFor(state: Map<string, unknown>, model: LoadedModel, k: number, reset: boolean): RecyclingMatrix {
  if (reset) return new RecyclingMatrix(model.vocab, k);
  const key = matrixKey(model, k);
  let m = state.get(key) as RecyclingMatrix | undefined;
  if (!m) {
    m = new RecyclingMatrix(model.vocab, k);
    state.set(key, m);
  }
  return m;
}

/** A compiled template: each node's parent (ROOT or a node index), candidate index and depth. */
export interface CompiledTemplate {
  parent: number[];
  candidate: number[];
  depth: number[];
}

/** Flattens template paths into parent / candidate / depth arrays (paths must be breadth-first). */
export function compileTemplate(paths: TreeTemplatePaths): CompiledTemplate {
  const index = new Map<string, number>();
  const out: CompiledTemplate = { parent: [], candidate: [], depth: [] };
  paths.forEach((p, i) => {
    index.set(p.join(','), i);
    out.parent.push(p.length === 1 ? ROOT : index.get(p.slice(0, -1).join(','))!);
    out.candidate.push(p[p.length - 1]!);
    out.depth.push(p.length);
  });
  return out;
}

/**
 * Fills the template below `root` from the matrix, down to `maxDepth` (the template is breadth-first,
 * so that is a prefix of it). Returns the tree and how many nodes came from rows written before.
 */
export function fillTemplate(template: CompiledTemplate, matrix: RecyclingMatrix, root: number, maxDepth: number): { tree: DraftTree; hits: number } {
  const tree = new DraftTree();
  let hits = 0;
  for (let i = 0; i < template.parent.length && template.depth[i]! <= maxDepth; i++) {
    const parent = template.parent[i]!;
    const parentToken = parent === ROOT ? root : tree.nodes[parent]!.token;
    if (matrix.written[parentToken]) hits++;
    tree.add(matrix.candidate(parentToken, template.candidate[i]!), parent);
  }
  return { tree, hits };
}

export interface TokenRecyclingOptions {
  /** 'auto' uses tree attention when the target supports it; 'batch' forces the path-batch fallback. */
  verify?: TreeVerifyRequest;
}

/** Token Recycling with the given verification options. */
export function createTokenRecycling(options: TokenRecyclingOptions = {}): MethodImplementation<Config> {
  const request = options.verify ?? 'auto';
  return {
    setupOf(config, models, state) {
      return { recyclingMatrix: !config.params.resetPerPrompt && state.has(matrixKey(models.target!, config.params.k)) ? 'hot' : 'cold' };
    },

    check(config, models) {
      if (config.sampling.temperature !== 0) {
        throw new WorkbenchError(
          'method_unsupported',
          `Token Recycling verifies greedily (the official method has no sampling rule): set temperature to 0 (it is ${config.sampling.temperature})`,
        );
      }
      resolveTemplate(config.params.tree, config.params.k);
      if (config.params.k > models.target!.vocab) throw new WorkbenchError('method_unsupported', `k = ${config.params.k} exceeds the vocabulary (${models.target!.vocab})`);
      requireKvCache('Token Recycling', 'target', models.target!);
    },

    run: (ctx) => runSpeculative(ctx, tokenRecyclingProposer(ctx, request)),
  };
}

/** The Token Recycling proposer of one run: the template filled from the (hot or fresh) matrix. */
export function tokenRecyclingProposer(ctx: MethodContext<Config>, verify: TreeVerifyRequest): Proposer {
  const target = ctx.models.target!;
  const { config } = ctx;
  const template = compileTemplate(resolveTemplate(config.params.tree, config.params.k));
  const matrix = matrixFor(ctx.state, target, config.params.k, config.params.resetPerPrompt);
  return {
    shape: 'tree',
    verify,

    async start(promptLogits) {
      matrix.update(ctx.promptIds[ctx.promptIds.length - 1]!, promptLogits);
      return 0;
    },

    async propose({ root, maxDepth }) {
      const { tree, hits } = fillTemplate(template, matrix, root, maxDepth);
      // Greedy only (check): acceptance needs no draft distributions.
      return { tree, distributions: new Map(), draftPasses: 0, extra: { matrixHits: hits } };
    },

    verified({ root, proposal, verification }) {
      // Every fed token's row takes the target's top-k at its node, accepted or not.
      const fed = proposal.tree.feedTokens(root);
      for (let i = 0; i < fed.length; i++) matrix.update(fed[i]!, verification.logitsAt(i));
    },
  };
}

/** Token Recycling as registered in the engine (tree attention when the target has it). */
export const tokenRecycling = createTokenRecycling();
