// The association between MoE experts and thinking markers (RICE, arXiv 2505.14681; formulas as
// reproduced in reference/methods.md section 2), as pure math over a routing table. With x = "the
// token is a marker" and E = "the token was routed to expert e at layer l", probabilities are
// frequencies over all tokens: PMI(x, E) = log2[p(x, E) / (p(x) p(E))] and nPMI = PMI / -log2 p(x, E),
// in [-1, 1]; undefined (null) where x and E never co-occur.

/** One token of a routing table: per MoE layer the experts it was routed to, and whether it is a marker. */
export interface RoutedToken {
  experts: readonly (readonly number[])[];
  marker: boolean;
}

/** Co-occurrence counts, accumulated token by token (a calibration streams its tokens through). */
export class NpmiCounts {
  tokens = 0;
  markers = 0;
  /** [layer][expert]: tokens routed to the expert; and of those, marker tokens. */
  readonly routed: number[][];
  readonly joint: number[][];

  constructor(
    readonly layers: number,
    readonly experts: number,
  ) {
    this.routed = Array.from({ length: layers }, () => new Array<number>(experts).fill(0));
    this.joint = Array.from({ length: layers }, () => new Array<number>(experts).fill(0));
  }

  add(t: RoutedToken): void {
    this.tokens++;
    if (t.marker) this.markers++;
    for (let l = 0; l < this.layers; l++) {
      // An expert listed twice for one token still counts once.
      for (const e of new Set(t.experts[l] ?? [])) {
        this.routed[l]![e]!++;
        if (t.marker) this.joint[l]![e]!++;
      }
    }
  }
}

/** nPMI of events with joint probability pxy and marginals px, py; null when pxy is 0. */
export function npmi(pxy: number, px: number, py: number): number | null {
  if (pxy <= 0 || px <= 0 || py <= 0) return null;
  // Always together on every token: PMI is 0 and -log2 p(x, E) is 0; the limit is total association.
  if (pxy >= 1) return 1;
  return Math.log2(pxy / (px * py)) / -Math.log2(pxy);
}

export interface ExpertScore {
  layer: number;
  expert: number;
  npmi: number;
}

export interface NpmiResult {
  /** [layer][expert]; null where undefined. */
  npmi: (number | null)[][];
  /** [layer][expert]: p(E), the share of tokens routed to the expert. */
  frequency: number[][];
  /** The `topN` defined (layer, expert) pairs with the highest nPMI, highest first (ties: lower layer, then expert). */
  top: ExpertScore[];
}

/** The nPMI table of accumulated counts and its top pairs. */
export function npmiTable(c: NpmiCounts, topN: number): NpmiResult {
  const n = c.tokens;
  const px = n > 0 ? c.markers / n : 0;
  const table = c.routed.map((row, l) => row.map((routed, e) => (n > 0 ? npmi(c.joint[l]![e]! / n, px, routed / n) : null)));
  const frequency = c.routed.map((row) => row.map((routed) => (n > 0 ? routed / n : 0)));
  const scored: ExpertScore[] = [];
  table.forEach((row, layer) =>
    row.forEach((v, expert) => {
      if (v !== null) scored.push({ layer, expert, npmi: v });
    }),
  );
  scored.sort((a, b) => b.npmi - a.npmi || a.layer - b.layer || a.expert - b.expert);
  return { npmi: table, frequency, top: scored.slice(0, topN) };
}

/**
 * The paper's per-token association: one nPMI table per thinking token (x = "the token is that
 * marker"), combined as each (layer, expert)'s highest nPMI over the markers; the top pairs are the
 * best of all markers' pairs, each pair once. `pooled` (x = "any marker", npmiTable on one count) is
 * the other, labelled reading.
 */
export function npmiPerMarker(perMarker: readonly NpmiCounts[], topN: number): NpmiResult {
  if (perMarker.length === 0) throw new Error('npmiPerMarker needs at least one marker');
  const tables = perMarker.map((c) => npmiTable(c, Number.MAX_SAFE_INTEGER));
  const first = tables[0]!;
  const npmiMax = first.npmi.map((row, l) =>
    row.map((_, e) => {
      const values = tables.map((t) => t.npmi[l]![e]!).filter((v): v is number => v !== null);
      return values.length > 0 ? Math.max(...values) : null;
    }),
  );
  const all = tables.flatMap((t) => t.top).sort((a, b) => b.npmi - a.npmi || a.layer - b.layer || a.expert - b.expert);
  const seen = new Set<string>();
  const top: ExpertScore[] = [];
  for (const s of all) {
    const key = `${s.layer}:${s.expert}`;
    if (seen.has(key)) continue;
    seen.add(key);
    top.push(s);
    if (top.length >= topN) break;
  }
  // Every marker's counts see the same tokens, so routing frequencies are the same in each.
  return { npmi: npmiMax, frequency: first.frequency, top };
}

/**
 * Which positions of a token sequence count as markers. 'tokens': the positions of an occurrence of
 * any marker (each a token sequence, usually one token). 'span': every position from an occurrence
 * of the first marker to the next occurrence of the second, both included (the thinking span).
 */
export function markerPositions(ids: readonly number[], markers: readonly (readonly number[])[], mode: 'tokens' | 'span'): boolean[] {
  const flags = new Array<boolean>(ids.length).fill(false);
  const at = (i: number, m: readonly number[]) => m.length > 0 && m.every((t, k) => ids[i + k] === t);
  if (mode === 'tokens') {
    for (let i = 0; i < ids.length; i++) {
      for (const m of markers) if (at(i, m)) for (let k = 0; k < m.length; k++) flags[i + k] = true;
    }
    return flags;
  }
  const [open, close] = markers;
  if (!open || !close) throw new Error('span mode needs two markers: the opening and the closing one');
  let inside = false;
  for (let i = 0; i < ids.length; i++) {
    if (!inside && at(i, open)) inside = true;
    if (inside) flags[i] = true;
    if (inside && at(i, close)) {
      for (let k = 1; k < close.length; k++) flags[i + k] = true;
      i += close.length - 1;
      inside = false;
    }
  }
  return flags;
}
