// Token Recycling (Luo et al., ACL 2025): candidate tokens recycled from earlier target outputs (an
// adjacency matrix of top-k next tokens) fill a static tree the target verifies in one pass.
import { z } from 'zod';
import { defineMethod } from './descriptor';
import { speculativeMetrics } from './speculative-metrics';

/** A static draft tree as a list of paths of candidate indices, e.g. [[0],[1],[0,0]]. */
export const TreeTemplate = z.array(z.array(z.number().int().min(0)).min(1)).min(1).max(512);

/** Token Recycling's tree where none is chosen: tr-20 on the CPU (fastest there), the paper's tr-80 on a GPU. */
export function defaultRecyclingTree(provider: string): 'tr-20' | 'tr-80' {
  return provider === 'cpu' ? 'tr-20' : 'tr-80';
}

export const tokenRecycling = defineMethod({
  id: 'token_recycling',
  label: 'Token Recycling',
  summary: 'Candidate tokens recycled from earlier target outputs fill a static tree verified in one pass.',
  family: 'speculative',
  paper: { title: 'Turning Trash into Treasure: Accelerating Inference of Large Language Models with Token Recycling (Luo et al., ACL 2025)', url: 'https://arxiv.org/abs/2408.08696' },
  lossless: true,
  params: z.object({
    /** Candidates kept per vocabulary row. */
    k: z.number().int().min(1).max(32).default(8),
    /**
     * Named template ('tr-80' is the paper's 80-node "2.2.2" tree) or explicit paths. The default is
     * for the default provider, the CPU, where tr-20 is fastest (BENCHMARKS.md); see defaultRecyclingTree.
     */
    tree: z.union([z.enum(['tr-80', 'tr-40', 'tr-20', 'chain-8']), TreeTemplate]).default('tr-20'),
    /**
     * Reset the adjacency matrix for each prompt (cold start, the default: results do not depend on
     * what ran before); false keeps it across prompts (hot start).
     */
    resetPerPrompt: z.boolean().default(true),
  }),
  docs: {
    k: { label: 'Candidates per row (k)', help: 'Top-k candidate tokens kept per vocabulary row of the adjacency matrix.' },
    tree: { label: 'Draft tree', help: "Named template ('tr-80' is the paper's 80-node tree, sized for GPUs; on a CPU the verify pass grows with the tree and 'tr-20' measured fastest) or explicit paths of candidate indices as JSON, e.g. [[0],[1],[0,0]]." },
    resetPerPrompt: { label: 'Reset matrix per prompt', help: 'Cold start: clear the adjacency matrix for each prompt. Off keeps it across prompts (hot start).' },
  },
  roles: { target: { size: 'big', needs: ['kvCache'] } },
  primaryRole: 'target',
  presets: [
    { label: "GPU tree (the paper's tr-80)", params: { tree: 'tr-80' } },
    { label: 'Hot start', params: { resetPerPrompt: false } },
  ],
  panels: ['speculative'],
  metrics: speculativeMetrics.filter((k) => k !== 'draftForwardPasses'),
});
