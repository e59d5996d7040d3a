// Where generated tokens go: each accepted token becomes a `token` trace event with its text piece,
// statistics and provenance; the sink stops generation at end-of-turn, a stop string or the token
// limit, and keeps the timestamps that TTFT and decode speed are computed from.
import type { TokenSource, TraceEvent } from '@app/events';
import type { SamplingParams } from '@app/sampling';
import type { TokenStats } from './token-stats';
import type { WorkbenchTokenizer } from './tokenizer';
import { TextStream } from './tokenizer';

export type StopReason = 'eos' | 'max_tokens' | 'stop_string' | 'cancelled' | 'answer' | 'budget' | 'repetition';

export class TokenSink {
  readonly ids: number[] = [];
  firstTokenMs: number | null = null;
  lastTokenMs: number | null = null;
  stopReason: StopReason | null = null;
  private readonly stream: TextStream;

  constructor(
    private readonly tokenizer: WorkbenchTokenizer,
    private readonly sampling: SamplingParams,
    private readonly emit: (e: TraceEvent) => void,
    private readonly elapsed: () => number,
    promptIds: readonly number[],
  ) {
    this.stream = new TextStream(tokenizer, promptIds);
  }

  get done(): boolean {
    return this.stopReason !== null;
  }

  get text(): string {
    return this.stream.text;
  }

  get count(): number {
    return this.ids.length;
  }

  /**
   * Records one final token. Returns true when generation must stop (this token ended it, or it was
   * refused because generation had already ended). End-of-turn tokens stop without being emitted.
   */
  push(id: number, stats: TokenStats, source: TokenSource, extra: Partial<Pick<TraceEvent & { kind: 'token' }, 'rollingEntropy' | 'experts'>> = {}): boolean {
    if (this.done) return true;
    if (this.tokenizer.eosIds.has(id) && !this.sampling.ignoreEos) {
      this.stopReason = 'eos';
      return true;
    }
    const tMs = this.elapsed();
    const text = this.stream.push(id);
    this.ids.push(id);
    this.firstTokenMs ??= tMs;
    this.lastTokenMs = tMs;
    this.emit({ kind: 'token', index: this.ids.length - 1, id, text, logprob: stats.logprob, entropy: stats.entropy, top: stats.top, tMs, source, ...extra });
    if (this.sampling.stop.some((s) => this.stream.text.endsWith(s))) this.stopReason = 'stop_string';
    else if (this.ids.length >= this.sampling.maxNewTokens) this.stopReason = 'max_tokens';
    return this.done;
  }

  /** Ends generation for a method-specific reason (budget, final answer, cancellation). */
  stop(reason: StopReason): void {
    this.stopReason ??= reason;
  }
}
