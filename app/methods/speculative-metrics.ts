// The metric columns the speculative family shares (acceptance, rounds, draft and verify cost).
import type { RunMetrics } from '../run-metrics';

/** Speculative decoding's metrics, in display order. */
export const speculativeMetrics: readonly (keyof RunMetrics)[] = [
  'meanAcceptanceLength',
  'draftAcceptanceRate',
  'rounds',
  'draftTokens',
  'acceptedTokens',
  'draftMs',
  'verifyMs',
  'targetForwardPasses',
  'draftForwardPasses',
];
