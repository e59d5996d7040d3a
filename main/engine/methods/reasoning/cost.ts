// Parameter-weighted cost of a two-model run relative to the large model alone (EAD's cost metric as
// reconstructed in reference/methods.md section 3): (f_S * N_S + f_L * N_L) / N_L, where f_S and f_L
// are the small and large model's tokens as fractions of the output and N_S, N_L their parameters.
import type { LoadedModel } from '../../runtime/loaded-model';

/** (fSmall * N_S + fLarge * N_L) / N_L with N from the manifests' `parameters`. */
export function paramWeightedCost(small: LoadedModel, large: LoadedModel, fSmall: number, fLarge: number): number {
  const nS = small.manifest.parameters;
  const nL = large.manifest.parameters;
  return (fSmall * nS + fLarge * nL) / nL;
}
