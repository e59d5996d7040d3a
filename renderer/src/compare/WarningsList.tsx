// WarningsList: setup differences between the compared runs (models, decoding, seeds, dataset
// version) and failures, shown above the results so no comparison is read without them.

/** The warnings box; nothing when there are none. */
export function WarningsList({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="cmp-warnings" role="note" aria-label="Setup warnings">
      <strong>Check before comparing:</strong>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
