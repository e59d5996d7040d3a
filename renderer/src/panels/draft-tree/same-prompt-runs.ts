// Stored runs with exactly a run's prompt: the Runs search on the prompt's preview, then each
// candidate's record compared in full. Used by the method comparison and SpecReason's time saving.
import type { RunRecord } from '@app/runs';
import { getClient } from '../../api/workbench';
import { previewMatches, samePrompt, searchKey } from './compare-runs';

const MAX_CANDIDATES = 40;

/** Completed runs other than `run` whose prompt equals its prompt (at most 40 candidates examined). */
export async function findSamePromptRuns(run: Pick<RunRecord, 'id' | 'prompt'>): Promise<RunRecord[]> {
  const client = getClient();
  const list = await client.call('runs.list', { search: searchKey(run.prompt), statuses: ['completed'], limit: 200 });
  const candidates = list.runs.filter((s) => s.id !== run.id && previewMatches(s, run.prompt)).slice(0, MAX_CANDIDATES);
  const records = await Promise.all(candidates.map((s) => client.call('runs.get', { id: s.id }).catch(() => null)));
  return records.filter((r): r is RunRecord => r !== null && samePrompt(r.prompt, run.prompt));
}
