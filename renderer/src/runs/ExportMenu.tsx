// The export button: a menu of formats for the given runs.
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../app/exports';
import { Icon } from '../shell/Icon';
import { Button } from '../ui/Button';
import { Popover } from '../ui/Popover';
import { exportFormats, exportRuns } from './export-runs';

export interface ExportMenuProps {
  runIds: string[];
  label?: string;
  disabled?: boolean;
}

/** "Export ▾" with JSONL, CSV, Parquet and Spec-Bench. */
export function ExportMenu({ runIds, label = 'Export', disabled }: ExportMenuProps) {
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const [busy, setBusy] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

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

  const pick = async (format: ExportFormat) => {
    setAnchor(null);
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
        onClick={() => setAnchor(anchor ? null : buttonRef.current!.getBoundingClientRect())}
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
          onKeyDown={(e) => {
            const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
            const at = items.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setAnchor(null);
              buttonRef.current?.focus();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
            }
          }}
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
