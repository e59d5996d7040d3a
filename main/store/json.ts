// JSON columns: how values are written to and read from TEXT columns, and a canonical form (sorted
// keys) for content hashes.

/** Serialises a value for a JSON column. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses a JSON column; NULL stays null. */
export function fromJson<T>(text: string | null | undefined): T | null {
  return text == null ? null : (JSON.parse(text) as T);
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
