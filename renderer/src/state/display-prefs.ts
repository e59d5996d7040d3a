// How traces are displayed, shared by the Playground and the Run view and remembered across
// sessions: token coloring mode and stream vs table.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ColorMode = 'provenance' | 'logprob' | 'entropy';
export type TraceLayout = 'stream' | 'table';

interface DisplayPrefs {
  colorMode: ColorMode;
  layout: TraceLayout;
  setColorMode: (mode: ColorMode) => void;
  setLayout: (layout: TraceLayout) => void;
}

export const useDisplayPrefs = create<DisplayPrefs>()(
  persist(
    (set) => ({
      colorMode: 'provenance',
      layout: 'stream',
      setColorMode: (colorMode) => set({ colorMode }),
      setLayout: (layout) => set({ layout }),
    }),
    { name: 'workbench.display', version: 1 },
  ),
);
