// The datasets the host knows (datasets.list), shared by the Datasets page and the experiment
// builder; reloaded after a generate, an import or a delete.
import { create } from 'zustand';
import type { Dataset } from '@app/datasets';
import { errorText, getClient } from '../api/workbench';

interface DatasetsState {
  datasets: Dataset[] | null;
  loadError: string | null;
}

export const useDatasets = create<DatasetsState>(() => ({ datasets: null, loadError: null }));

/** (Re)loads the dataset list. */
export async function loadDatasets(): Promise<void> {
  try {
    useDatasets.setState({ datasets: await getClient().call('datasets.list', {}), loadError: null });
  } catch (err) {
    useDatasets.setState({ loadError: errorText(err) });
  }
}
