// The examples menu: problems from the project's task generator, to try a method at once.
import { useEffect, useRef, useState } from 'react';
import { Button } from '../ui/Button';
import { Popover } from '../ui/Popover';
import type { Example } from './examples';
import { examples } from './examples';

export interface ExamplesMenuProps {
  onPick: (example: Example) => void;
}

/** A button with a menu of example problems. */
export function ExamplesMenu({ onPick }: ExamplesMenuProps) {
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const list = anchor ? examples() : [];

  useEffect(() => {
    if (!anchor) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setAnchor(null);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [anchor]);

  const close = () => {
    setAnchor(null);
    buttonRef.current?.focus();
  };

  return (
    <>
      <Button ref={buttonRef} aria-haspopup="menu" aria-expanded={anchor !== null} onClick={() => (anchor ? setAnchor(null) : setAnchor(buttonRef.current!.getBoundingClientRect()))} data-testid="examples-button">
        Examples ▾
      </Button>
      <Popover anchor={anchor} role="presentation" className="examples-popover">
        <div
          ref={menuRef}
          role="menu"
          aria-label="Example problems"
          className="examples-menu"
          onKeyDown={(e) => {
            const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
            const at = items.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
            }
          }}
        >
          {list.map((ex) => (
            <button
              key={ex.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="examples-item"
              onClick={() => {
                onPick(ex);
                close();
              }}
            >
              <span className="examples-tag">
                {ex.family} · {ex.difficulty} steps
              </span>
              <span className="examples-question">{ex.question}</span>
            </button>
          ))}
        </div>
      </Popover>
    </>
  );
}
