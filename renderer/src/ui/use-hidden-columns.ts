// Which columns of a table the user hid, kept per table in localStorage so a choice made on a narrow
// window survives reloads.
import { useCallback, useState } from 'react';

function read(tableId: string): Set<string> {
  try {
    const raw = localStorage.getItem(`columns:${tableId}`);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** The hidden set of `tableId` and a toggle that persists it. */
export function useHiddenColumns(tableId: string): [ReadonlySet<string>, (key: string) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => read(tableId));
  const toggle = useCallback(
    (key: string) =>
      setHidden((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        try {
          localStorage.setItem(`columns:${tableId}`, JSON.stringify([...next]));
        } catch {
          // Storage full or disabled: the choice lasts for this view only.
        }
        return next;
      }),
    [tableId],
  );
  return [hidden, toggle];
}
