// Theme: follow the system (prefers-color-scheme) or a choice the user made, remembered in
// localStorage. The theme in effect is always written as data-theme on <html> (the system's choice
// followed live), so theme.css defines each palette once.
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

const media = () => window.matchMedia('(prefers-color-scheme: dark)');

function resolve(preference: ThemePreference): ResolvedTheme {
  if (preference !== 'system') return preference;
  return media().matches ? 'dark' : 'light';
}

function apply(preference: ThemePreference): void {
  document.documentElement.dataset.theme = resolve(preference);
}

/** Applies the stored preference and follows system changes while it is 'system'; call once at start-up. */
export function initTheme(): void {
  apply(useThemePreference.getState().preference);
  media().addEventListener('change', () => apply(useThemePreference.getState().preference));
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

function subscribeSystem(callback: () => void): () => void {
  const m = media();
  m.addEventListener('change', callback);
  return () => m.removeEventListener('change', callback);
}

/** The theme in effect: the user's choice, else the system's. */
export function useResolvedTheme(): ResolvedTheme {
  const preference = useThemePreference((s) => s.preference);
  // Subscribed so that a system change re-renders while the preference is 'system'.
  useSyncExternalStore(subscribeSystem, () => media().matches);
  return resolve(preference);
}
