// Theme: follow the system (prefers-color-scheme) or a choice the user made, remembered in
// localStorage and applied as data-theme on <html> so the CSS variables switch.
import { useSyncExternalStore } from 'react';
import { create } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

const KEY = 'workbench.theme';

function storedPreference(): ThemePreference {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export const useThemePreference = create<{ preference: ThemePreference }>(() => ({ preference: storedPreference() }));

function apply(preference: ThemePreference): void {
  const root = document.documentElement;
  if (preference === 'system') delete root.dataset.theme;
  else root.dataset.theme = preference;
}

/** Applies the stored preference; call once at start-up. */
export function initTheme(): void {
  apply(useThemePreference.getState().preference);
}

/** Cycles system, light, dark. */
export function cycleTheme(): void {
  const order: ThemePreference[] = ['system', 'light', 'dark'];
  const current = useThemePreference.getState().preference;
  const next = order[(order.indexOf(current) + 1) % order.length]!;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // The choice then lasts for this page load only.
  }
  useThemePreference.setState({ preference: next });
  apply(next);
}

const media = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribeSystem(callback: () => void): () => void {
  const m = media();
  m.addEventListener('change', callback);
  return () => m.removeEventListener('change', callback);
}

/** The theme in effect: the user's choice, else the system's. */
export function useResolvedTheme(): ResolvedTheme {
  const preference = useThemePreference((s) => s.preference);
  const systemDark = useSyncExternalStore(subscribeSystem, () => media().matches);
  if (preference !== 'system') return preference;
  return systemDark ? 'dark' : 'light';
}
