// Placeholder: experiments and side-by-side comparison (replaced by the experiments feature).
export function ComparePage() {
  return <section className="page"><h1>Compare</h1></section>;
}
