// The flat runs table shared by the CSV export and the Parquet runs table: one column per RunRecord
// field, metrics spread into `metrics.<name>` columns, error into `error.code` / `error.message`,
// nested values (arrays, config, prompt) as JSON. SCHEMAS.md documents the same list.
import type { RunMetrics, RunRecord } from '@app/runs';

/** A column's type: how CSV prints it and which Parquet type holds it. */
export type FlatType = 'string' | 'int32' | 'int64' | 'double' | 'boolean' | 'timestamp' | 'json';

export interface FlatColumn {
  name: string;
  type: FlatType;
  /** Never null (Parquet REQUIRED). */
  required: boolean;
  /** The value for a run: null when absent; JSON columns return the value itself (not yet stringified). */
  value: (run: RunRecord) => unknown;
}

/** Every RunMetrics field with its column type (a test checks this covers the contract's schema). */
export const metricTypes: Record<keyof RunMetrics, FlatType> = {
  promptTokens: 'int32',
  newTokens: 'int32',
  ttftMs: 'double',
  prefillMs: 'double',
  prefillTokensPerS: 'double',
  decodeMs: 'double',
  decodeTokensPerS: 'double',
  totalMs: 'double',
  positionsByModel: 'json',
  acceptLengths: 'json',
  warmupMs: 'double',
  coldStart: 'boolean',
  targetForwardPasses: 'int32',
  draftForwardPasses: 'int32',
  rounds: 'int32',
  draftTokens: 'int32',
  acceptedTokens: 'int32',
  meanAcceptanceLength: 'double',
  perPositionAcceptance: 'json',
  draftAcceptanceRate: 'double',
  draftMs: 'double',
  verifyMs: 'double',
  largeShare: 'double',
  paramWeightedCost: 'double',
  switches: 'int32',
  steps: 'int32',
  stepsAccepted: 'int32',
  judgeMs: 'double',
  thinkingTokens: 'int32',
  // particle filtering, A*-decoding (branch search)
  prmCalls: 'int32',
  sampledTokens: 'int32',
  resamplings: 'int32',
  expansions: 'int32',
  // repeated sampling
  samples: 'int32',
  sampleTokens: 'int32',
  selectedSample: 'int32',
  selectedAnswer: 'string',
  stopReason: 'string',
};

const col = (name: string, type: FlatType, value: (run: RunRecord) => unknown, required = false): FlatColumn => ({ name, type, required, value });

/** The columns of the flat runs table, in order. */
export const flatRunColumns: readonly FlatColumn[] = [
  col('id', 'string', (r) => r.id, true),
  col('createdAt', 'timestamp', (r) => r.createdAt, true),
  col('finishedAt', 'timestamp', (r) => r.finishedAt),
  col('status', 'string', (r) => r.status, true),
  col('method', 'string', (r) => r.method, true),
  col('models', 'json', (r) => r.models, true),
  col('armId', 'string', (r) => r.armId),
  col('configLabel', 'string', (r) => r.configLabel),
  col('experimentId', 'string', (r) => r.experimentId),
  col('datasetItemId', 'string', (r) => r.datasetItemId),
  col('sampleIndex', 'int32', (r) => r.sampleIndex),
  col('seed', 'int64', (r) => r.seed, true),
  col('tags', 'json', (r) => r.tags, true),
  col('promptKind', 'string', (r) => r.prompt.kind, true),
  col('prompt', 'json', (r) => r.prompt, true),
  col('promptText', 'string', (r) => r.promptText),
  col('output', 'string', (r) => r.output, true),
  col('answer', 'string', (r) => r.answer),
  col('correct', 'boolean', (r) => r.correct),
  col('error.code', 'string', (r) => r.error?.code ?? null),
  col('error.message', 'string', (r) => r.error?.message ?? null),
  col('config', 'json', (r) => r.config, true),
  col('setup', 'json', (r) => r.setup, true),
  ...(Object.entries(metricTypes) as [keyof RunMetrics, FlatType][]).map(([key, type]) =>
    col(`metrics.${key}`, type, (r) => r.metrics?.[key] ?? null),
  ),
];
