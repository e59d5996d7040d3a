// Global keys: "g" then a page letter, Ctrl/Cmd+1..6, and "?" for the help overlay.
import { useEffect } from 'react';
import { navigate } from '../state/router';
import { isTypingTarget, navItems } from '../state/shortcuts';

const SEQUENCE_MS = 1200;

/** Installs the global shortcuts while the shell is mounted. */
export function useGlobalShortcuts(toggleHelp: () => void): void {
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && /^[1-6]$/.test(e.key)) {
        const item = navItems.find((n) => n.digit === Number(e.key));
        if (item) {
          e.preventDefault();
          navigate(item.page);
        }
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === '?') {
        e.preventDefault();
        toggleHelp();
        return;
      }
      if (pendingG && Date.now() - pendingG < SEQUENCE_MS) {
        pendingG = 0;
        const item = navItems.find((n) => n.key === e.key.toLowerCase());
        if (item) {
          e.preventDefault();
          navigate(item.page);
        }
        return;
      }
      if (e.key === 'g') pendingG = Date.now();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleHelp]);
}
