// What a speculative method contributes: a proposer, which only proposes. Each round it is asked for
// a draft (a chain or a tree of tokens below the pending root token) and, when it samples its
// draft, the distributions it drew from; after verification it is told the outcome, so it can roll
// its own state (a draft KV cache, a candidate matrix, acceptance estimates) forward. The round loop
// (round.ts) owns everything else: the target's prefill and KV cache, verification and acceptance
// (one verifier, rejection.ts), emission, metrics and events.
import type { DraftRoundEvent } from '@app/events';
import type { KvCache } from '../../runtime/kv-cache';
import type { ForwardOptions } from '../../runtime/loaded-model';
import type { Distributions, ProposalDistributions, TreeOutcome } from './rejection';
import type { DraftTree } from './tree';
import type { TreeVerification, TreeVerifyRequest } from './verify';

/** Fields a proposer may add to its rounds' draft_round events. */
export type RoundExtra = Pick<DraftRoundEvent, 'matrixHits' | 'exitLayer' | 'draftLength' | 'layerAcceptance' | 'gamma'>;

/** What the round loop tells a proposer when it asks for a draft. */
export interface ProposeRequest {
  round: number;
  /** The pending token: the last one emitted, not yet in the target's cache. */
  root: number;
  /** The deepest draft this round may verify (at least 1). */
  maxDepth: number;
  /** The target's cache (the committed tokens before the root); read it, never modify it. */
  targetCache: KvCache;
  /** Every token so far: the prompt, then the output up to and including the root. */
  tokens: readonly number[];
}

export interface Proposal {
  /** The draft below the root (may be empty: the round then verifies the root alone). */
  tree: DraftTree;
  /**
   * Per node (ROOT included), the processed distribution its children were drawn from, when the
   * proposer sampled them; nodes without one proposed their children deterministically.
   */
  distributions: ProposalDistributions;
  /** Per node, the draft probability to show in the trace (undefined: none). */
  q?: readonly (number | undefined)[];
  /** Forward passes the proposer ran for this draft. */
  draftPasses: number;
  extra?: RoundExtra;
}

/** What the round loop tells a proposer after verification. */
export interface VerifiedRound {
  root: number;
  proposal: Proposal;
  outcome: TreeOutcome;
  verification: TreeVerification;
  target: Distributions;
}

export interface Proposer {
  /**
   * Chain proposers are verified in one causal pass ('chain' in the trace); tree proposers in one
   * tree-attention pass or as a batch of paths, as `verify` asks ('auto': tree attention when the
   * target supports it).
   */
  readonly shape: 'chain' | 'tree';
  readonly verify?: TreeVerifyRequest;
  /** Options for the target's verification pass (DEL: the exit heads' logits too). */
  readonly passOptions?: ForwardOptions;
  /**
   * Called once after the target's prefill, before the first token is chosen, with the target's
   * logits after the prompt. Returns the forward passes it ran (a draft model's prefill).
   */
  start?(promptLogits: Float32Array): Promise<number>;
  propose(request: ProposeRequest): Promise<Proposal>;
  /** Rolls the proposer's own state forward after a verified round. */
  verified?(round: VerifiedRound): void;
}
