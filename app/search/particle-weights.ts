// Particle weights from process-reward scores (Puri et al. 2025; the paper's code, particle_gibbs.py):
// each reward r in [0, 1] becomes its logit log r - log(1 - r) (clipped so 0 and 1 stay finite), and
// the weights are softmax(logit / temperature). At temperature 1 a weight is proportional to the odds
// r / (1 - r); lower temperatures concentrate the weight on the best particles.

/** Rewards are clipped to [REWARD_CLIP, 1 - REWARD_CLIP] before the logit (the paper's code clips too). */
export const REWARD_CLIP = 1e-7;

/** log r - log(1 - r) of a reward clipped away from 0 and 1. */
export function rewardLogit(r: number): number {
  if (!Number.isFinite(r)) throw new RangeError(`a reward must be a finite number, got ${r}`);
  const c = Math.min(1 - REWARD_CLIP, Math.max(REWARD_CLIP, r));
  return Math.log(c) - Math.log1p(-c);
}

/** softmax(values / temperature), computed stably (the maximum subtracted first). */
export function softmaxWithTemperature(values: readonly number[], temperature: number): number[] {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`softmax temperature must be a positive number, got ${temperature}`);
  if (values.length === 0) return [];
  const scaled = values.map((v) => v / temperature);
  const max = Math.max(...scaled);
  const e = scaled.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** The particles' weights: softmax of the rewards' logits at `temperature`. */
export function particleWeights(rewards: readonly number[], temperature: number): number[] {
  return softmaxWithTemperature(rewards.map(rewardLogit), temperature);
}
