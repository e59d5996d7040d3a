// The Runs list's filters and sort, kept while navigating to a run and back.
import { create } from 'zustand';
import type { RunStatus } from '@app/runs';

export interface RunsViewState {
  searchText: string;
  models: string[];
  methods: string[];
  statuses: RunStatus[];
  order: 'desc' | 'asc';
}

export const useRunsView = create<RunsViewState>(() => ({ searchText: '', models: [], methods: [], statuses: [], order: 'desc' }));
