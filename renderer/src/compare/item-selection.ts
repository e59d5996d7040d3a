// Which items of a dataset an experiment runs: the first n, n at random (seeded, so the same seed
// picks the same items), or n stratified by family and difficulty (round-robin over the strata,
// each shuffled by the seed), so a mixed synthetic set is not "ten arithmetic items at difficulty 1".
// Picked items keep the dataset's order. Pure.

export type SelectionMode = 'first' | 'random' | 'stratified';

export interface SelectableItem {
  id: string;
  metadata: Record<string, unknown>;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The stratum of an item: its family and difficulty (blank when absent). */
export function stratumOf(item: SelectableItem): string {
  return `${String(item.metadata.family ?? '')}|${String(item.metadata.difficulty ?? '')}`;
}

/** Ids of the n items the mode picks (all of them when n is null or not smaller), in dataset order. */
export function selectItems(items: readonly SelectableItem[], mode: SelectionMode, n: number | null, seed: number): string[] {
  if (n === null || n >= items.length) return items.map((i) => i.id);
  const order = new Map(items.map((it, i) => [it.id, i]));
  let picked: SelectableItem[];
  if (mode === 'first') picked = items.slice(0, n);
  else if (mode === 'random') picked = shuffled(items, seededRandom(seed)).slice(0, n);
  else {
    const rand = seededRandom(seed);
    const strata = new Map<string, SelectableItem[]>();
    for (const it of items) strata.set(stratumOf(it), [...(strata.get(stratumOf(it)) ?? []), it]);
    // Strata in a seeded order, each shuffled; then one item from each in turn.
    const queues = shuffled([...strata.keys()].sort(), rand).map((k) => shuffled(strata.get(k)!, rand));
    picked = [];
    for (let round = 0; picked.length < n; round++) {
      for (const q of queues) {
        if (picked.length >= n) break;
        if (round < q.length) picked.push(q[round]!);
      }
    }
  }
  return picked.map((i) => i.id).sort((a, b) => order.get(a)! - order.get(b)!);
}
