// Hash routing: #/playground, #/runs, #/runs/<id>, #/compare, #/datasets, #/models, #/experts.
// The hash survives reloads and works from file:// (Electron) and http:// (browser mode) alike.
import { useSyncExternalStore } from 'react';

export const pages = ['playground', 'runs', 'compare', 'datasets', 'models', 'experts'] as const;
export type PageId = (typeof pages)[number];

export interface Route {
  page: PageId;
  /** Path segments after the page, e.g. ["run_123"] for #/runs/run_123. */
  rest: string[];
  /** Query parameters after "?" in the hash, e.g. #/playground?from=run_123. */
  query: Record<string, string>;
}

/** Parses a location hash; unknown or empty hashes go to the Playground. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = body.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const page = (pages as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as PageId) : 'playground';
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  return { page, rest: page === parts[0] ? parts.slice(1) : [], query };
}

/** The hash for a route. */
export function routeHash(page: PageId, rest: string[] = [], query: Record<string, string> = {}): string {
  const path = [page, ...rest.map(encodeURIComponent)].join('/');
  const search = new URLSearchParams(query).toString();
  return `#/${path}${search ? `?${search}` : ''}`;
}

/** Goes to a route (adds a history entry, so Back works). */
export function navigate(page: PageId, rest: string[] = [], query: Record<string, string> = {}): void {
  const hash = routeHash(page, rest, query);
  if (window.location.hash !== hash) window.location.hash = hash;
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

/** The current route, re-rendering on hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
