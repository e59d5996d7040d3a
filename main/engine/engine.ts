// The engine: runs method configs on prompts and streams what happens. It loads models, renders the
// prompt through the chat template, checks up front that the models can do what the method needs,
// runs the method, and reports timing metrics. Host-agnostic: messages go out through `send`.
import { WorkbenchError, toErrorPayload } from '@app/errors';
import type { TraceEvent } from '@app/events';
import type { MethodConfig } from '@app/methods';
import { acceptLengthsOf } from '@app/analysis/speedup';
import { capabilityProblems, descriptorOf, modelsByRole } from '@app/methods';
import type { ModelInfo, Provider } from '@app/models';
import type { HostSetup, Prompt, RunMetrics, RunRequest, RunSetup } from '@app/runs';
import type { MethodContext } from './methods/context';
import { sampleContinuations } from './batch/continuations';
import { methods } from './methods/registry';
import type { ModelLoader } from './model-loader';
import type { EngineMessage, ModelDtypes, ModelPaths } from './protocol';
import type { LoadedModel } from './runtime/loaded-model';
import { PositionCounter, paramWeightedCost } from './runtime/position-counter';
import { PrefixPool, prefill } from './runtime/prefill';
import { SamplingRng } from './runtime/sampling';
import { TokenSink } from './runtime/token-sink';
import { tokenStats } from './runtime/token-stats';
import { WarmSet, warmUp } from './runtime/warm-up';

export const ENGINE_VERSION = '0.1.0';

export interface RunOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  output: string;
  metrics: RunMetrics | null;
  error: ReturnType<typeof toErrorPayload> | null;
}

/** Renders a prompt into model input text with the model's chat template (raw prompts pass through). */
export function renderPrompt(model: LoadedModel, prompt: Prompt): string {
  if (prompt.kind === 'raw') return prompt.text;
  const messages = prompt.kind === 'text' ? [{ role: 'user' as const, content: prompt.text }] : prompt.messages;
  const last = messages[messages.length - 1]!;
  return last.role === 'assistant'
    ? model.tokenizer.applyChatTemplate(messages, { continueFinalMessage: true })
    : model.tokenizer.applyChatTemplate(messages, { addGenerationPrompt: true });
}

export class Engine {
  private cancelled = new Set<string>();
  private pools = new Map<string, PrefixPool>();
  private warm = new WarmSet();
  readonly state = new Map<string, unknown>();

  constructor(
    private readonly loader: ModelLoader,
    private readonly send: (m: EngineMessage) => void,
  ) {}

  async inspect(path: string, modelId: string, provider: Provider = 'cpu', dtype?: string): Promise<ModelInfo> {
    const m = await this.loader.load(path, provider, modelId, dtype);
    return { ...m.info, id: modelId };
  }

  cancel(runId: string): void {
    this.cancelled.add(runId);
  }

  /** Loads the models a config names, by role, checking the method can run on them. */
  async modelsFor(config: MethodConfig, paths: ModelPaths, dtypes: ModelDtypes = {}): Promise<Record<string, LoadedModel>> {
    const impl = methods[config.method];
    if (!impl) throw new WorkbenchError('method_unsupported', `${descriptorOf(config.method).label} is not available in this build`);
    const out: Record<string, LoadedModel> = {};
    for (const [role, ref] of modelsByRole(config)) {
      const path = paths[ref.model];
      if (!path) throw new WorkbenchError('not_found', `unknown model "${ref.model}" (role ${role})`);
      out[role] = await this.loader.load(path, ref.provider, ref.model, ref.dtype ?? dtypes[ref.model]);
    }
    const list = Object.entries(out);
    const [firstRole, first] = list[0]!;
    for (const [role, m] of list.slice(1)) {
      if (m.tokenizer.vocabHash !== first.tokenizer.vocabHash) {
        throw new WorkbenchError(
          'tokenizer_mismatch',
          `${role} (${m.info.name}) and ${firstRole} (${first.info.name}) do not share a tokenizer (${m.tokenizer.vocabSize} vs ${first.tokenizer.vocabSize} tokens${m.tokenizer.vocabSize === first.tokenizer.vocabSize ? ', different tokens' : ''}): pick two models of one family`,
          { roles: [role, firstRole] },
        );
      }
    }
    if (list.some(([, m]) => m.vocab !== first.vocab)) {
      // One tokenizer, embedding tables padded differently (Qwen2.5-0.5B 151936 rows, 7B 152064): the
      // methods compare logits over the tokens that exist, so every model's logits are cut to the
      // smallest table (the rows past the tokenizer are never real tokens). Sessions are per run here.
      const common = Math.min(...list.map(([, m]) => m.vocab));
      for (const [role, m] of list) if (m.vocab !== common) out[role] = m.withVocab(common);
    }
    const problems = capabilityProblems(config.method, Object.fromEntries(list.map(([role, m]) => [role, m.info])));
    if (problems.length > 0) throw new WorkbenchError('method_unsupported', problems.join('; '));
    impl.check?.(config, out);
    return out;
  }

  /**
   * Runs one request to the end (or cancellation / failure), streaming events through `send`.
   * `dtypes` are the registry's chosen variants; `hostSetup` holds what the host resolved for the run
   * (RICE's calibrated experts).
   */
  async run(runId: string, request: RunRequest, paths: ModelPaths, dtypes: ModelDtypes = {}, hostSetup: HostSetup = {}): Promise<RunOutcome> {
    let start = performance.now();
    const elapsed = () => performance.now() - start;
    let sink: TokenSink | null = null;
    const timing: Timing = { prefillMs: 0, prefillComputed: 0, positions: new PositionCounter(), roundStarts: [] };
    let promptTokens = 0;
    let models: Record<string, LoadedModel> = {};
    let primaryRole = '';
    try {
      const config = request.config;
      models = await this.modelsFor(config, paths, dtypes);
      primaryRole = descriptorOf(config.method).primaryRole;
      let warmupMs = 0;
      let coldStart = false;
      for (const m of new Set(Object.values(models))) {
        if (this.warm.has(m)) continue;
        if (request.warmup !== false) warmupMs += await warmUp(m);
        else coldStart = true;
        this.warm.add(m);
      }
      timing.warmupMs = warmupMs;
      timing.coldStart = coldStart;
      start = performance.now(); // TTFT and speeds exclude loading models from disk and warming them up (once per model)
      const roles = Object.keys(descriptorOf(config.method).roles);
      const primary = models[roles[0]!]!;
      const promptText = renderPrompt(primary, request.prompt);
      const promptIds = primary.tokenizer.encode(promptText);
      promptTokens = promptIds.length;
      const context = Math.min(...Object.values(models).map((m) => m.contextLength));
      if (promptIds.length >= context) {
        throw new WorkbenchError('context_overflow', `the prompt is ${promptIds.length} tokens but the model's context is ${context}: shorten it`, { promptTokens: promptIds.length, context });
      }
      const sampling = { ...config.sampling, maxNewTokens: Math.min(config.sampling.maxNewTokens, context - promptIds.length - 1) };
      const fingerprints: Record<string, string> = {};
      for (const [role, m] of Object.entries(models)) fingerprints[`${role}:${m.info.id}`] = m.info.fingerprint;
      const impl = methods[config.method]!;
      const setup: RunSetup = { ...hostSetup, engine: ENGINE_VERSION, fingerprints, ...impl.setupOf?.(config, models, this.state) };
      this.send({ type: 'run.started', runId, promptText, promptTokens: promptIds.length, setup });
      const emit = (event: TraceEvent) => {
        if (event.kind === 'draft_round') timing.roundStarts.push(event.tokenIndex);
        this.send({ type: 'run.event', runId, event });
      };
      if (sampling.maxNewTokens < config.sampling.maxNewTokens) {
        emit({ kind: 'note', level: 'info', message: `max new tokens capped at ${sampling.maxNewTokens}: the prompt's ${promptIds.length} tokens leave that much of the ${context}-token context` });
      }
      sink = new TokenSink(primary.tokenizer, sampling, emit, elapsed, promptIds);
      const isCancelled = () => this.cancelled.has(runId);
      const signal = {
        get cancelled() {
          return isCancelled();
        },
      };
      const counted = Object.fromEntries(Object.entries(models).map(([role, m]) => [role, timing.positions.view(role, m)]));
      const ctx: MethodContext = {
        config,
        models: counted,
        setup: hostSetup,
        prompt: request.prompt,
        promptIds,
        sampling,
        rng: new SamplingRng(sampling.seed),
        sink,
        signal,
        emit,
        elapsed,
        prefill: async (role, tokens) => {
          const m = models[role]!;
          const pool = this.poolFor(m);
          const r = await prefill(m, tokens, pool);
          timing.prefillMs += r.ms;
          timing.prefillComputed += r.computed;
          timing.positions.add(role, tokens.length);
          emit({ kind: 'prefill', role, tokens: tokens.length, reusedTokens: r.reused, ms: r.ms });
          return r;
        },
        stats: (role, logits, id) => tokenStats(logits, id, sampling.topLogprobs, models[role]!.tokenizer),
        sampleMany: (role, specs, o = {}) => sampleContinuations(counted[role]!, o.promptIds ?? promptIds, specs, o.sampling ?? sampling, { signal, onToken: o.onToken, pool: this.poolFor(models[role]!) }),
        state: this.state,
        pools: this.pools,
      };
      const methodMetrics = await impl.run(ctx);
      const status = this.cancelled.has(runId) ? 'cancelled' : 'completed';
      if (status === 'cancelled') sink.stop('cancelled');
      const metrics = finalMetrics(sink, promptTokens, timing, elapsed(), methodMetrics, models, primaryRole);
      const outcome: RunOutcome = { status, output: sink.text, metrics, error: null };
      this.send({ type: 'run.finished', runId, status, output: sink.text, metrics, error: null, stopReason: sink.stopReason });
      return outcome;
    } catch (err) {
      const error = toErrorPayload(err);
      const output = sink?.text ?? '';
      const metrics = sink ? finalMetrics(sink, promptTokens, timing, elapsed(), {}, models, primaryRole) : null;
      this.send({ type: 'run.finished', runId, status: 'failed', output, metrics, error, stopReason: null });
      return { status: 'failed', output, metrics, error };
    } finally {
      this.cancelled.delete(runId);
    }
  }

  private poolFor(m: LoadedModel): PrefixPool {
    const key = `${m.info.path}|${m.provider}`;
    let p = this.pools.get(key);
    if (!p) {
      p = new PrefixPool();
      this.pools.set(key, p);
    }
    return p;
  }
}

/** What the engine measures around a method: prefill time and positions, positions per role, round starts. */
interface Timing {
  prefillMs: number;
  prefillComputed: number;
  positions: PositionCounter;
  /** tokenIndex of each draft_round event, in order. */
  roundStarts: number[];
  warmupMs?: number;
  coldStart?: boolean;
}

function finalMetrics(
  sink: TokenSink,
  promptTokens: number,
  timing: Timing,
  totalMs: number,
  extra: Partial<RunMetrics>,
  models: Record<string, LoadedModel>,
  primaryRole: string,
): RunMetrics {
  const n = sink.count;
  // Methods that prefill outside ctx.prefill (RICE: steered passes cannot use the prefix pool) report their own.
  const ownPrefill = timing.prefillMs === 0 && extra.prefillMs !== undefined;
  const prefillMs = ownPrefill ? extra.prefillMs! : timing.prefillMs;
  const prefillComputed = ownPrefill ? promptTokens : timing.prefillComputed;
  const decodeMs = Math.max(0, totalMs - prefillMs);
  const eos = sink.stopReason === 'eos';
  const positions = timing.positions.byRole;
  const cost = paramWeightedCost(positions, models, primaryRole, promptTokens, n + (eos ? 1 : 0));
  return {
    ...extra,
    ...(sink.stopReason ? { stopReason: sink.stopReason } : {}),
    promptTokens,
    newTokens: n,
    ttftMs: sink.firstTokenMs,
    prefillMs,
    prefillTokensPerS: prefillMs > 0 && prefillComputed > 0 ? (prefillComputed / prefillMs) * 1000 : null,
    decodeMs,
    decodeTokensPerS: n > 0 && decodeMs > 0 ? (n / decodeMs) * 1000 : null,
    totalMs,
    positionsByModel: { ...positions },
    ...(cost !== null ? { paramWeightedCost: cost } : {}),
    ...(timing.roundStarts.length > 0 ? { acceptLengths: acceptLengthsOf(timing.roundStarts, n, eos) } : {}),
    ...(timing.warmupMs ? { warmupMs: timing.warmupMs } : {}),
    ...(timing.coldStart ? { coldStart: true } : {}),
  };
}
