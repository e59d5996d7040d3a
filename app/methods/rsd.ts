// Recursive speculative decoding (Jeon et al., ICML 2024): a draft tree sampled without replacement
// (Gumbel-top-k), verified by recursive rejection sampling.
import { z } from 'zod';
import { defineMethod } from './descriptor';
import { speculativeMetrics } from './speculative-metrics';

/** The most draft-tree nodes an RSD round may build, all levels together. */
export const MAX_RSD_TREE_NODES = 1024;

/** Nodes of an RSD tree with these per-level branching factors: sum over levels of their running product. */
export function rsdTreeNodes(branching: readonly number[]): number {
  let width = 1;
  let total = 0;
  for (const b of branching) {
    width *= b;
    total += width;
  }
  return total;
}

export const rsd = defineMethod({
  id: 'rsd',
  label: 'Recursive speculative decoding',
  summary: 'A draft tree sampled without replacement (Gumbel-top-k), verified by recursive rejection sampling.',
  family: 'speculative',
  paper: { title: 'Recursive Speculative Decoding: Accelerating LLM Inference via Sampling Without Replacement (Jeon et al., ICML 2024)', url: 'https://arxiv.org/abs/2402.14160' },
  lossless: true,
  params: z.object({
    /** Children drawn without replacement per level (RSD-C); the tree has prod(branching) leaves. */
    branching: z
      .array(z.number().int().min(1).max(8))
      .min(1)
      .max(8)
      .refine((b) => rsdTreeNodes(b) <= MAX_RSD_TREE_NODES, { message: `the draft tree would exceed ${MAX_RSD_TREE_NODES} nodes in all (the sum over levels of the product of branching so far)` })
      .default([3, 2, 2, 1]),
  }),
  docs: {
    branching: { label: 'Branching per level', help: 'Children drawn without replacement at each tree level (RSD-C); the tree has prod(branching) leaves. Comma list, e.g. 3, 2, 2, 1.' },
  },
  roles: { target: { size: 'big', needs: ['kvCache'] }, draft: { size: 'small', needs: ['kvCache'] } },
  primaryRole: 'target',
  presets: [{ label: 'Narrow tree', params: { branching: [2, 2] } }],
  panels: ['speculative'],
  metrics: speculativeMetrics,
});
