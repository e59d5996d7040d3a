// The export button: a menu of formats for the given runs.
import { useState } from 'react';
import type { ExportFormat } from '../../../../app/exports';
import { Icon } from '../../ui/Icon';
import { Button } from '../../ui/Button';
import { Popover } from '../../ui/Popover';
import { useMenuButton } from '../../ui/use-menu-button';
import { exportFormats, exportRuns } from './export-runs';

export interface ExportMenuProps {
  runIds: string[];
  label?: string;
  disabled?: boolean;
}

/** "Export ▾" with JSONL, CSV, Parquet and Spec-Bench. */
export function ExportMenu({ runIds, label = 'Export', disabled }: ExportMenuProps) {
  const { anchor, buttonRef, menuRef, toggle, close, onMenuKeyDown } = useMenuButton();
  const [busy, setBusy] = useState(false);

  const pick = async (format: ExportFormat) => {
    close(false);
    setBusy(true);
    await exportRuns(runIds, format);
    setBusy(false);
  };

  return (
    <>
      <Button
        ref={buttonRef}
        icon={<Icon name="download" size={14} />}
        disabled={disabled || busy || runIds.length === 0}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        onClick={toggle}
        data-testid="export-button"
      >
        {busy ? 'Exporting…' : `${label} ▾`}
      </Button>
      <Popover anchor={anchor} role="presentation">
        <div
          ref={menuRef}
          role="menu"
          aria-label="Export format"
          className="menu"
          onKeyDown={onMenuKeyDown}
        >
          {exportFormats.map((f) => (
            <button key={f.value} type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => void pick(f.value)} data-testid={`export-${f.value}`}>
              <span className="menu-item-label">{f.label}</span>
              <span className="menu-item-help">{f.help}</span>
            </button>
          ))}
        </div>
      </Popover>
    </>
  );
}
