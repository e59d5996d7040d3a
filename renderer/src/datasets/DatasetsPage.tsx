// Placeholder: datasets (replaced by the experiments feature).
export function DatasetsPage() {
  return <section className="page"><h1>Datasets</h1></section>;
}
