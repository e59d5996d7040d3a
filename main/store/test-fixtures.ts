// Test data for the store's tests: real objects parsed through the contract's zod schemas (so defaults
// apply as they do in the app), a trace with every event kind, and temporary database files.
// Also used by the crash-test child process, so it imports nothing from vitest.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { NpmiTable } from '@app/api';
import { ExperimentSpec } from '@app/experiments';
import { modelIdsOf } from '@app/methods';
import { TraceEvent } from '@app/events';
import { ModelInfo } from '@app/models';
import { RunMetrics, RunRequest } from '@app/runs';
import { capabilities } from '@app/test-fixtures';
import type { Database } from './db';
import { openDatabase } from './db';
import type { RunEnd } from './runs';
import { createRun, finishRun, markRunning } from './runs';
import { TraceWriter } from './trace';

/** A temporary folder and a database file inside it; `cleanup` removes both. */
export function tempDb(): { dir: string; file: string; db: Database; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-store-'));
  const file = path.join(dir, 'workbench.db');
  const db = openDatabase(file);
  return {
    dir,
    file,
    db,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A run request, autoregressive on model `base` unless overridden; parsed so defaults apply. */
export function runRequest(overrides: Partial<z.input<typeof RunRequest>> = {}): RunRequest {
  return RunRequest.parse({
    prompt: { kind: 'text', text: 'What is 2 + 3 * 4?' },
    config: { method: 'autoregressive', models: { model: { model: 'base' } } },
    ...overrides,
  });
}

/** A chain speculative decoding request (target `base`, draft `draft`). */
export function chainRequest(overrides: Partial<z.input<typeof RunRequest>> = {}): RunRequest {
  return runRequest({ config: { method: 'chain_sd', models: { target: { model: 'base' }, draft: { model: 'draft' } }, params: { gamma: 3 } }, ...overrides });
}

/** Metrics of a finished run with `newTokens` tokens. */
export function runMetrics(newTokens: number, extra: Partial<RunMetrics> = {}): RunMetrics {
  return RunMetrics.parse({
    promptTokens: 12,
    newTokens,
    ttftMs: 4.5,
    prefillMs: 3.25,
    prefillTokensPerS: 3692.3,
    decodeMs: newTokens * 1.5,
    decodeTokensPerS: newTokens > 1 ? (newTokens - 1) / (newTokens * 1.5e-3) : null,
    totalMs: 5 + newTokens * 1.5,
    ...extra,
  });
}

/** The i-th generated token of a deterministic test stream ("t0 ", "t1 ", ...). */
export function tokenEvent(i: number, extra: Partial<z.input<typeof TraceEvent>> = {}): TraceEvent {
  return TraceEvent.parse({
    kind: 'token',
    index: i,
    id: 100 + i,
    text: `t${i} `,
    logprob: -0.125 * ((i % 7) + 1),
    entropy: 0.5 + (i % 3) * 0.25,
    top: [
      { id: 100 + i, text: `t${i} `, logprob: -0.125 * ((i % 7) + 1) },
      { id: 7, text: ' "quoted", comma', logprob: -3.5 },
    ],
    tMs: 5 + i * 1.5,
    source: 'target',
    ...extra,
  });
}

/** A trace with every event kind, in a plausible order: prefill, rounds with tokens, a switch, steps, routing, a note. */
export function fullTrace(): TraceEvent[] {
  const events: z.input<typeof TraceEvent>[] = [
    { kind: 'prefill', role: 'target', tokens: 12, ms: 3.25 },
    { kind: 'prefill', role: 'draft', tokens: 12, reusedTokens: 4, ms: 1.5 },
    {
      kind: 'draft_round',
      round: 0,
      tokenIndex: 0,
      nodes: [
        { id: 0, parent: -1, depth: 1, token: 100, text: 't0 ', q: 0.9, p: 0.8, status: 'accepted' },
        { id: 1, parent: 0, depth: 2, token: 101, text: 't1 ', q: 0.7, p: 0.75, status: 'accepted' },
        { id: 2, parent: 0, depth: 2, token: 55, text: 'x', q: 0.2, status: 'rejected' },
        { id: 3, parent: 1, depth: 3, token: 56, text: 'y', status: 'unverified' },
      ],
      acceptedPath: [0, 1],
      finalToken: { id: 102, text: 't2 ', kind: 'resampled' },
      emitted: 3,
      verifyMode: 'tree',
      draftMs: 1.25,
      verifyMs: 6.5,
      matrixHits: 2,
      exitLayer: 3,
      draftLength: 3,
      layerAcceptance: [0.1, 0.5, 0.75],
      gamma: 3,
    },
  ];
  for (let i = 0; i < 3; i++) events.push(tokenEvent(i, { source: i < 2 ? 'draft_accepted' : 'resampled' }));
  events.push(
    { kind: 'draft_round', round: 1, tokenIndex: 3, nodes: [], acceptedPath: [], emitted: 1, verifyMode: 'chain', draftMs: 0.5, verifyMs: 6 },
    tokenEvent(3, { source: 'bonus', rollingEntropy: 1.25, experts: [[1, 3], [0, 7]] }),
    { kind: 'switch', tokenIndex: 4, from: 'small', to: 'large', rollingEntropy: 1.75, catchUpTokens: 4, catchUpMs: 2.5 },
    tokenEvent(4, { source: 'large', rollingEntropy: 1.5 }),
    {
      kind: 'step',
      index: 0,
      tokenIndex: 0,
      author: 'small',
      smallText: 'Step one.\n',
      smallTokens: 4,
      score: 8,
      scoreDistribution: [0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.6, 0.1],
      accepted: true,
      finalText: 'Step one.\n',
      smallMs: 4,
      judgeMs: 2,
    },
    { kind: 'step', index: 1, tokenIndex: 4, author: 'large', accepted: false, largeText: 'Step two.\n', largeTokens: 4, finalText: 'Step two.\n', forced: true },
    { kind: 'route', tokenIndex: -2, experts: [[[1, 2], [3, 0]], [[2, 1], [0, 3]]], weights: [[[0.6, 0.4], [0.5, 0.5]], [[0.7, 0.3], [0.9, 0.1]]] },
    { kind: 'note', level: 'warn', message: 'tree verification needs attention_bias: verifying paths as a batch' },
  );
  return events.map((e) => TraceEvent.parse(e));
}

/** A model registry entry with a valid manifest. */
export function modelInfo(id: string, overrides: Partial<z.input<typeof ModelInfo>> = {}): ModelInfo {
  return ModelInfo.parse({
    id,
    name: `Model ${id}`,
    path: `/models/${id}`,
    embedded: false,
    manifest: {
      schema: 1,
      name: id,
      family: 'dense',
      architecture: 'llama',
      parameters: 3_700_000,
      layers: 4,
      hiddenSize: 256,
      heads: 4,
      kvHeads: 2,
      headDim: 64,
      vocabSize: 512,
      contextLength: 1024,
      specialTokens: { eos: '</s>' },
    },
    inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', 'sequence'] }],
    outputs: [{ name: 'logits', type: 'float32', shape: ['batch', 'sequence', 512] }],
    capabilities: capabilities(),
    fileBytes: 14_800_000,
    fingerprint: `sha256:${id}`,
    ...overrides,
  });
}

/** An experiment spec over `datasetId` with a baseline and a chain-SD arm. */
export function experimentSpec(datasetId: string): ExperimentSpec {
  return ExperimentSpec.parse({
    name: 'AR vs chain SD',
    datasetId,
    arms: [
      { id: 'ar', label: 'ar', config: { method: 'autoregressive', models: { model: { model: 'base' } } }, baseline: true },
      { id: 'sd', label: 'sd', config: { method: 'chain_sd', models: { target: { model: 'base' }, draft: { model: 'draft' } } } },
    ],
    samplesPerItem: 2,
  });
}

/** An nPMI table for a 2-layer, 4-expert model. */
export function npmiTable(id: string, modelId: string, createdAt: string): NpmiTable {
  return NpmiTable.parse({
    id,
    modelId,
    datasetId: null,
    createdAt,
    markers: ['<think>', '</think>'],
    tokens: 1234,
    npmi: [
      [0.5, null, -0.25, 0],
      [0.125, 0.75, null, -1],
    ],
    frequency: [
      [0.25, 0.25, 0.25, 0.25],
      [0.5, 0.125, 0.125, 0.25],
    ],
    top: [{ layer: 1, expert: 1, npmi: 0.75 }],
  });
}

/** A timestamp `i` milliseconds after a fixed origin, so creation order is deterministic. */
export function at(i: number): string {
  return new Date(Date.UTC(2025, 0, 1) + i).toISOString();
}

/**
 * Records a complete run: created, started, `tokens` token events (plus the given extra events first),
 * finished as completed with metrics. Returns its id.
 */
export function recordRun(
  db: Database,
  id: string,
  options: { request?: RunRequest; tokens?: number; createdAt?: string; before?: TraceEvent[]; end?: Partial<RunEnd> } = {},
): string {
  const request = options.request ?? runRequest();
  const tokens = options.tokens ?? 5;
  const models = modelIdsOf(request.config);
  createRun(db, { id, request, createdAt: options.createdAt ?? new Date().toISOString(), seed: 7, models });
  markRunning(db, id, { promptText: `<user>${id}</user>`, promptTokens: 12, setup: { fingerprints: { 'model:base': 'sha256:base' }, engine: '0.1.0' } });
  const writer = new TraceWriter(db, id);
  writer.appendAll(options.before ?? []);
  let output = '';
  for (let i = 0; i < tokens; i++) {
    const e = tokenEvent(i);
    writer.append(e);
    output += (e as { text: string }).text;
  }
  finishRun(db, id, { status: 'completed', output, metrics: runMetrics(tokens), error: null, answer: '14', correct: true, ...options.end });
  return id;
}

/**
 * The n-th event of an endless deterministic trace: every fifth event a chain draft round, the others
 * its tokens (indices continue across rounds).
 */
export function streamEvent(n: number): TraceEvent {
  const round = Math.floor(n / 5);
  if (n % 5 === 0) {
    return TraceEvent.parse({
      kind: 'draft_round',
      round,
      tokenIndex: round * 4,
      nodes: [0, 1, 2].map((k) => ({ id: k, parent: k - 1, depth: k + 1, token: 100 + k, text: `d${k}`, q: 0.5, p: 0.25, status: 'accepted' })),
      acceptedPath: [0, 1, 2],
      finalToken: { id: 7, text: 'b', kind: 'bonus' },
      emitted: 4,
      verifyMode: 'chain',
      draftMs: 0.5,
      verifyMs: 2.5,
    });
  }
  return tokenEvent(round * 4 + (n % 5) - 1, { source: n % 5 === 4 ? 'bonus' : 'draft_accepted' });
}
