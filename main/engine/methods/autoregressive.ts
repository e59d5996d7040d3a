// The baseline: one forward pass per token, greedy or sampled. Every other method is measured
// against it, and lossless ones must reproduce its tokens exactly under greedy decoding.
import type { MethodConfigOf } from '@app/methods';
import { logitsRow } from '../runtime/loaded-model';
import { chooseToken } from '../runtime/sampling';
import type { MethodImplementation } from './context';

export const autoregressive: MethodImplementation<MethodConfigOf<'autoregressive'>> = {
  async run(ctx) {
    const model = ctx.models.model!;
    const { cache, logits: first } = await ctx.prefill('model', ctx.promptIds);
    let logits: Float32Array = first;
    let passes = 1;
    while (!ctx.signal.cancelled) {
      const { id } = chooseToken(logits, ctx.sampling, ctx.rng);
      if (ctx.sink.push(id, ctx.stats('model', logits, id), 'target')) break;
      const r = await model.forward(cache, [id]);
      cache.commit(r.present, [id]);
      logits = logitsRow(r, 0);
      passes++;
    }
    return { targetForwardPasses: passes };
  },
};
