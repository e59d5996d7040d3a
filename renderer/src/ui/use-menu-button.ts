// A button that opens a menu in a popover, with the keyboard and pointer behaviour of a menu button:
// the first item takes focus on open, arrows move between items (wrapping), Escape closes and gives
// focus back to the button, and a press outside the menu and the button closes it.
import type { KeyboardEvent, RefObject } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';

const ITEM = '[role="menuitem"]';

export interface MenuButton {
  /** Where the popover hangs (the button's rectangle), or null while the menu is closed. */
  anchor: DOMRect | null;
  buttonRef: RefObject<HTMLButtonElement | null>;
  menuRef: RefObject<HTMLDivElement | null>;
  /** Opens the menu under the button, or closes it. */
  toggle: () => void;
  /** Closes the menu; with `refocus`, focus returns to the button. */
  close: (refocus?: boolean) => void;
  /** The menu element's keydown handler (arrows and Escape). */
  onMenuKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
}

/** State and handlers of a menu button; render the menu with role="menu" and items with role="menuitem". */
export function useMenuButton(): MenuButton {
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!anchor) return;
    menuRef.current?.querySelector<HTMLElement>(ITEM)?.focus();
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setAnchor(null);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [anchor]);

  const close = useCallback((refocus = true) => {
    setAnchor(null);
    if (refocus) buttonRef.current?.focus();
  }, []);

  const toggle = useCallback(() => setAnchor((a) => (a ? null : (buttonRef.current?.getBoundingClientRect() ?? null))), []);

  const onMenuKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const items = [...(menuRef.current?.querySelectorAll<HTMLElement>(ITEM) ?? [])];
      const at = items.indexOf(document.activeElement as HTMLElement);
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
      }
    },
    [close],
  );

  return { anchor, buttonRef, menuRef, toggle, close, onMenuKeyDown };
}
