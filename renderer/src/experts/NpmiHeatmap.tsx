// The nPMI heatmap of a calibration: MoE layers down, experts across, each cell coloured on a
// diverging scale centred at 0 (blue: avoids the thinking markers, red: co-occurs with them), the
// table's chosen top experts marked with their rank, and cells clickable to pick experts to steer.
import { useMemo } from 'react';
import type { NpmiTable } from '@app/api';
import type { ExpertId } from '@app/methods';
import { useResolvedTheme } from '../state/theme';
import type { NpmiCell } from '../panels/routing/npmi-scale';
import { darkPalette, divergingColor, divergingPosition, divergingStops, expertLabel, hasExpert, lightPalette, npmiCells, npmiExtent } from '../panels/routing/npmi-scale';

export interface NpmiHeatmapProps {
  table: NpmiTable;
  picked: readonly ExpertId[];
  onToggle: (id: ExpertId) => void;
}

function cellTitle(c: NpmiCell, picked: boolean): string {
  const v = c.npmi === null ? 'never co-occurred with a marker' : `nPMI ${c.npmi.toFixed(3)}`;
  const top = c.topRank !== null ? ` · top expert #${c.topRank + 1}` : '';
  return `${expertLabel(c)}: ${v} · routed ${(c.frequency * 100).toFixed(1)}% of tokens${top}${picked ? ' · picked for steering' : ''} (click to ${picked ? 'unpick' : 'pick'})`;
}

/** Layer x expert grid of buttons. */
export function NpmiHeatmap({ table, picked, onToggle }: NpmiHeatmapProps) {
  const theme = useResolvedTheme();
  const palette = theme === 'dark' ? darkPalette : lightPalette;
  const cells = useMemo(() => npmiCells(table), [table]);
  const extent = useMemo(() => npmiExtent(table), [table]);
  const experts = table.npmi[0]?.length ?? 0;
  const layers = table.npmi.length;
  const compact = experts > 24;
  const stops = divergingStops(palette);

  return (
    <div className="ex-heatmap" data-testid="npmi-heatmap" data-layers={layers} data-experts={experts}>
      <div className="ex-grid" style={{ gridTemplateColumns: `auto repeat(${experts}, minmax(${compact ? 10 : 34}px, 1fr))` }} role="grid" aria-label="nPMI by MoE layer and expert">
        <div className="ex-corner" />
        {Array.from({ length: experts }, (_, e) => (
          <div key={`h${e}`} className="ex-col-head" role="columnheader">
            {compact && e % 4 !== 0 ? '' : `E${e}`}
          </div>
        ))}
        {Array.from({ length: layers }, (_, l) => (
          <div key={`r${l}`} className="ex-row" role="row">
            <div className="ex-row-head" role="rowheader">
              L{l}
            </div>
            {cells
              .filter((c) => c.layer === l)
              .map((c) => {
                const isPicked = hasExpert(picked, c);
                const strong = c.npmi !== null && Math.abs(divergingPosition(c.npmi, extent)) > 0.55;
                const cls = ['ex-cell', c.npmi === null ? 'is-null' : '', c.top ? 'is-top' : '', isPicked ? 'is-picked' : '', strong ? 'is-strong' : ''].filter(Boolean).join(' ');
                return (
                  <button
                    key={`${c.layer}:${c.expert}`}
                    type="button"
                    role="gridcell"
                    className={cls}
                    style={c.npmi === null ? undefined : { backgroundColor: divergingColor(c.npmi, extent, palette) }}
                    title={cellTitle(c, isPicked)}
                    aria-label={cellTitle(c, isPicked)}
                    aria-pressed={isPicked}
                    data-layer={c.layer}
                    data-expert={c.expert}
                    data-top={c.top ? c.topRank! + 1 : undefined}
                    onClick={() => onToggle({ layer: c.layer, expert: c.expert })}
                  >
                    {!compact && <span className="ex-cell-value">{c.npmi === null ? '·' : c.npmi.toFixed(2)}</span>}
                    {c.top && <span className="ex-cell-rank">★{c.topRank! + 1}</span>}
                  </button>
                );
              })}
          </div>
        ))}
      </div>
      <div className="ex-scale" aria-label={`Colour scale from −${extent.toFixed(2)} to +${extent.toFixed(2)}`}>
        <span className="num">−{extent.toFixed(2)}</span>
        <span className="ex-scale-bar" style={{ backgroundImage: `linear-gradient(to right, ${stops.join(', ')})` }} />
        <span className="num">+{extent.toFixed(2)}</span>
        <span className="faint">nPMI (0 = independent of the markers) · ★ chosen top experts · outlined: picked to steer</span>
      </div>
    </div>
  );
}
