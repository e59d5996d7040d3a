// ColumnChooser: a "Columns ▾" menu button listing a table's columns with a checkbox each, to hide the
// ones a narrow window has no room for. The caller owns which are hidden (see use-hidden-columns.ts).
import { Button } from './Button';
import { Popover } from './Popover';
import { useMenuButton } from './use-menu-button';

export interface ColumnChoice {
  key: string;
  label: string;
  /** Key columns cannot be hidden. */
  locked?: boolean;
}

export interface ColumnChooserProps {
  columns: readonly ColumnChoice[];
  hidden: ReadonlySet<string>;
  onToggle: (key: string) => void;
  /** Names the table in the button's accessible label. */
  label: string;
}

/** The menu of columns. */
export function ColumnChooser({ columns, hidden, onToggle, label }: ColumnChooserProps) {
  const { anchor, buttonRef, menuRef, toggle, onMenuKeyDown } = useMenuButton();
  const shown = columns.filter((c) => !hidden.has(c.key)).length;
  return (
    <>
      <Button ref={buttonRef} size="sm" variant="ghost" aria-haspopup="menu" aria-expanded={anchor !== null} aria-label={`Columns of ${label}`} onClick={toggle} data-testid="column-chooser">
        Columns {shown}/{columns.length} ▾
      </Button>
      <Popover anchor={anchor} role="presentation">
        <div ref={menuRef} role="menu" aria-label={`Columns of ${label}`} className="menu" onKeyDown={onMenuKeyDown}>
          {columns.map((c) => (
            <label key={c.key} role="menuitemcheckbox" aria-checked={!hidden.has(c.key)} tabIndex={-1} className="menu-item column-choice">
              <input type="checkbox" checked={!hidden.has(c.key)} disabled={c.locked} onChange={() => onToggle(c.key)} />
              <span className="menu-item-label">{c.label}</span>
            </label>
          ))}
        </div>
      </Popover>
    </>
  );
}
