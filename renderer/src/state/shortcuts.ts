// The keyboard shortcuts: page navigation (g then a letter, or Ctrl+1..6 where the browser leaves
// them to the page, as in the desktop app) and the documented per-page keys shown in the help overlay.
import type { PageId } from './router';

export interface NavItem {
  page: PageId;
  label: string;
  /** Second key after "g". */
  key: string;
  /** Ctrl/Cmd + this digit. */
  digit: number;
}

export const navItems: NavItem[] = [
  { page: 'playground', label: 'Playground', key: 'p', digit: 1 },
  { page: 'runs', label: 'Runs', key: 'r', digit: 2 },
  { page: 'compare', label: 'Compare', key: 'c', digit: 3 },
  { page: 'datasets', label: 'Datasets', key: 'd', digit: 4 },
  { page: 'models', label: 'Models', key: 'm', digit: 5 },
  { page: 'experts', label: 'Experts', key: 'e', digit: 6 },
];

export interface ShortcutDoc {
  keys: string[];
  description: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: ShortcutDoc[];
}

export const shortcutGroups: ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      ...navItems.map((n) => ({ keys: [`g ${n.key}`, `Ctrl+${n.digit}`], description: `Go to ${n.label}` })),
      { keys: ['?'], description: 'Show this help' },
      { keys: ['Esc'], description: 'Close a dialog or menu' },
    ],
  },
  {
    title: 'Playground',
    shortcuts: [
      { keys: ['Ctrl+Enter'], description: 'Run the prompt (also from inside the prompt box)' },
      { keys: ['Esc'], description: 'Cancel the running run' },
    ],
  },
  {
    title: 'Token trace',
    shortcuts: [
      { keys: ['Tab'], description: 'Focus the token stream' },
      { keys: ['← →', '↑ ↓'], description: 'Move between tokens (details show for the active token)' },
      { keys: ['Home', 'End'], description: 'First / last token' },
      { keys: ['Click'], description: 'Pin a token’s details; Esc unpins' },
    ],
  },
  {
    title: 'Runs',
    shortcuts: [
      { keys: ['/'], description: 'Search runs' },
      { keys: ['↑ ↓', 'j k'], description: 'Move through the list' },
      { keys: ['Enter'], description: 'Open the run' },
      { keys: ['Space', 'x'], description: 'Select / unselect the run' },
      { keys: ['Shift+click', 'Shift+↑↓'], description: 'Select a range' },
      { keys: ['Ctrl+A'], description: 'Select all loaded runs' },
      { keys: ['Delete'], description: 'Delete the selection (asks first)' },
    ],
  },
];

/** True when the key event comes from a place where typing means text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
  }
  return false;
}
