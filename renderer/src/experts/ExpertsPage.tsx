// Placeholder: MoE expert calibration (nPMI) and steering (replaced by the method views).
export function ExpertsPage() {
  return <section className="page"><h1>Experts</h1></section>;
}
