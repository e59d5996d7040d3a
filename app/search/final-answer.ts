// The answer a particle filter returns (Puri et al. 2025; the paper returns the set of particles and
// its evaluation code takes the highest-reward one): the particle of highest weight, or a weighted
// vote in which each extracted answer collects the weights of the particles that gave it.

/** How the final answer is chosen among the particles. */
export type FinalAnswerRule = 'highest-weight' | 'weighted-vote';

/** One finished (or budget-stopped) particle. */
export interface FinalCandidate {
  particle: number;
  weight: number;
  /** Its extracted answer; null when it gave none. */
  answer: string | null;
}

/** Answers compare after trimming and case folding (as majority vote does). */
function answerKey(answer: string): string {
  return answer.trim().toLowerCase();
}

/** The particle of highest weight, ties to the lower particle index; null when there are none. */
export function highestWeight(candidates: readonly FinalCandidate[]): FinalCandidate | null {
  let best: FinalCandidate | null = null;
  for (const c of candidates) {
    if (!best || c.weight > best.weight || (c.weight === best.weight && c.particle < best.particle)) best = c;
  }
  return best;
}

/**
 * Weighted vote: the answer with the largest total weight wins (ties to the answer whose first
 * particle has the lower index), and the returned particle is that answer's highest-weight one.
 * Particles without an answer do not vote; with no answer at all, the highest-weight particle.
 */
export function weightedVote(candidates: readonly FinalCandidate[]): FinalCandidate | null {
  const groups = new Map<string, { total: number; first: number; members: FinalCandidate[] }>();
  for (const c of [...candidates].sort((a, b) => a.particle - b.particle)) {
    if (c.answer === null || c.answer.trim() === '') continue;
    const key = answerKey(c.answer);
    const g = groups.get(key) ?? { total: 0, first: c.particle, members: [] };
    g.total += c.weight;
    g.members.push(c);
    groups.set(key, g);
  }
  let best: { total: number; first: number; members: FinalCandidate[] } | null = null;
  for (const g of groups.values()) {
    if (!best || g.total > best.total || (g.total === best.total && g.first < best.first)) best = g;
  }
  return best ? highestWeight(best.members) : highestWeight(candidates);
}

/** The chosen particle under a rule. */
export function chooseFinal(rule: FinalAnswerRule, candidates: readonly FinalCandidate[]): FinalCandidate | null {
  return rule === 'weighted-vote' ? weightedVote(candidates) : highestWeight(candidates);
}
