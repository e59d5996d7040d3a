// The export button, the one export flow everywhere: a menu of formats for some runs (given, or
// resolved when a format is picked, e.g. every run a filter matches) or a whole experiment. Disabled
// with a tooltip that says why.
import { useState } from 'react';
import type { ExportFormat } from '@app/exports';
import { Icon } from '../../ui/Icon';
import { Button } from '../../ui/Button';
import { Popover } from '../../ui/Popover';
import { useMenuButton } from '../../ui/use-menu-button';
import { notifyError } from '../../state/toasts';
import { exportFormats, exportRuns, exportTarget } from './export-runs';

export interface ExportMenuProps {
  /** The runs to export (ignored when `resolveRunIds` or `experimentId` is given). */
  runIds?: string[];
  /** Reads the runs when a format is picked (e.g. all runs matching the filters). */
  resolveRunIds?: () => Promise<string[]>;
  /** Exports a whole experiment. */
  experimentId?: string;
  label?: string;
  disabled?: boolean;
  /** Why the button is disabled (its tooltip); a reason also disables it. */
  disabledReason?: string;
  testId?: string;
}

/** "Export ▾" with JSONL, CSV, Parquet and Spec-Bench. */
export function ExportMenu({ runIds = [], resolveRunIds, experimentId, label = 'Export', disabled, disabledReason, testId = 'export-button' }: ExportMenuProps) {
  const { anchor, buttonRef, menuRef, toggle, close, onMenuKeyDown } = useMenuButton();
  const [busy, setBusy] = useState(false);

  const off = disabled || disabledReason !== undefined || busy || (!experimentId && !resolveRunIds && runIds.length === 0);
  const pick = async (format: ExportFormat) => {
    close(false);
    setBusy(true);
    if (experimentId) await exportTarget({ experimentId }, format);
    else if (resolveRunIds) {
      try {
        const ids = await resolveRunIds();
        if (ids.length > 0) await exportRuns(ids, format);
      } catch (err) {
        notifyError('Export failed', err);
      }
    } else await exportRuns(runIds, format);
    setBusy(false);
  };

  return (
    <>
      <Button
        ref={buttonRef}
        icon={<Icon name="download" size={14} />}
        disabled={off}
        title={off && !busy ? (disabledReason ?? 'Nothing to export') : undefined}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        onClick={toggle}
        data-testid={testId}
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
