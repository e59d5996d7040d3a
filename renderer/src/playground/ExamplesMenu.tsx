// The examples menu: problems from the project's task generator, to try a method at once.
import { Button } from '../ui/Button';
import { Popover } from '../ui/Popover';
import { useMenuButton } from '../ui/use-menu-button';
import type { Example } from './examples';
import { examples } from './examples';

export interface ExamplesMenuProps {
  onPick: (example: Example) => void;
}

/** A button with a menu of example problems. */
export function ExamplesMenu({ onPick }: ExamplesMenuProps) {
  const { anchor, buttonRef, menuRef, toggle, close, onMenuKeyDown } = useMenuButton();
  const list = anchor ? examples() : [];

  return (
    <>
      <Button ref={buttonRef} aria-haspopup="menu" aria-expanded={anchor !== null} onClick={toggle} data-testid="examples-button">
        Examples ▾
      </Button>
      <Popover anchor={anchor} role="presentation" className="examples-popover">
        <div
          ref={menuRef}
          role="menu"
          aria-label="Example problems"
          className="examples-menu"
          onKeyDown={onMenuKeyDown}
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
