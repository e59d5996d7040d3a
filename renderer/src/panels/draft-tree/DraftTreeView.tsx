// The SVG draft tree of one round: laid out left to right, pan (drag) and zoom (Ctrl/⌘ + wheel or the
// buttons), fit-to-view, subtree collapse by clicking a node, and a tooltip with the full token text,
// draft probability q, target probability p and what happened to the node.
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Ref } from 'react';
import { select } from 'd3-selection';
import type { ZoomBehavior } from 'd3-zoom';
import { zoom, zoomIdentity } from 'd3-zoom';
import { NodeTooltip } from './NodeTooltip';
import type { LaidNode, TreeLayout } from './tree-layout';
import { NODE_HEIGHT, fitTransform, linkPath } from './tree-layout';
import './draft-tree.css';

export interface DraftTreeViewHandle {
  fit(): void;
  zoomBy(factor: number): void;
}

export interface DraftTreeViewProps {
  layout: TreeLayout;
  /** The canvas's accessible name and test id (the search view reuses this canvas). */
  label?: string;
  testId?: string;
  /** Changes when the tree should be refitted (round, filters). */
  fitKey: string;
  onToggleCollapse: (id: number) => void;
  ref?: Ref<DraftTreeViewHandle>;
}

const MIN_HEIGHT = 180;
const MAX_HEIGHT = 520;
// Below this scale token labels stop being readable: the initial view keeps at least this and lets
// the user pan to the rest instead of shrinking an 80-node tree into a smear.
const READABLE_SCALE = 0.8;
// Matches .dt-tooltip's max-width.
const TOOLTIP_WIDTH = 320;

function nodeClass(n: LaidNode): string {
  const d = n.datum;
  const parts = ['dt-node', `dt-${d.status}`];
  if (d.onPath) parts.push('dt-on-path');
  if (d.passedOffPath) parts.push('dt-passed-off-path');
  if (d.collapsed) parts.push('dt-collapsed');
  if (n.hasChildren || d.collapsed) parts.push('dt-expandable');
  return parts.join(' ');
}

function ariaLabel(n: LaidNode): string {
  const d = n.datum;
  const what = d.kind === 'root' ? 'committed token' : d.kind === 'final' ? `${d.status} token` : d.status;
  const more = d.collapsed ? `, collapsed, ${d.hiddenDescendants} hidden` : '';
  return `${JSON.stringify(d.text)} ${what}${more}`;
}

/** The tree canvas. */
export function DraftTreeView({ layout, fitKey, onToggleCollapse, ref, label = 'Draft tree', testId = 'draft-tree' }: DraftTreeViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [hover, setHover] = useState<{ node: LaidNode; left: number; top: number; flip: boolean } | null>(null);

  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, layout.bounds.y1 - layout.bounds.y0 + 40)));
  const widths = useMemo(() => new Map(layout.nodes.map((n) => [n.datum.key, n.width])), [layout]);
  // The committed path is drawn last, over the other links.
  const links = useMemo(() => [...layout.links].sort((a, b) => Number(a.onPath) - Number(b.onPath)), [layout]);

  // A layout effect, so the behaviour exists before the first fit below.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const g = gRef.current;
    if (!svg || !g) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.15, 4])
      // Plain wheel scrolls the page; Ctrl/⌘ + wheel (and trackpad pinch) zooms.
      .filter((e: Event) => (e.type === 'wheel' ? (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey : !(e as MouseEvent).button))
      .on('zoom', (e: { transform: { toString(): string } }) => {
        g.setAttribute('transform', e.transform.toString());
      });
    select(svg).call(z).on('dblclick.zoom', null);
    zoomRef.current = z;
    return () => {
      select(svg).on('.zoom', null);
    };
  }, []);

  const fit = useCallback(
    (readable: boolean) => {
      const svg = svgRef.current;
      const z = zoomRef.current;
      if (!svg || !z) return;
      const w = svg.clientWidth || 600;
      const t = fitTransform(layout.bounds, w, height);
      let { x, y, k } = t;
      if (readable && k < READABLE_SCALE) {
        // Keep labels legible: anchor the root at the left edge, centre on the accepted path.
        k = READABLE_SCALE;
        const path = layout.nodes.filter((n) => n.datum.onPath);
        const cy = path.length > 0 ? path.reduce((a, n) => a + n.y, 0) / path.length : 0;
        x = 16 - layout.bounds.x0 * k;
        y = height / 2 - cy * k;
        const top = 16 - layout.bounds.y0 * k;
        const bottom = height - 16 - layout.bounds.y1 * k;
        y = Math.min(top, Math.max(bottom, y));
      }
      select(svg).call(z.transform, zoomIdentity.translate(x, y).scale(k));
    },
    [layout, height],
  );

  useImperativeHandle(
    ref,
    () => ({
      fit: () => fit(false),
      zoomBy: (factor: number) => {
        const svg = svgRef.current;
        if (svg && zoomRef.current) select(svg).call(zoomRef.current.scaleBy, factor);
      },
    }),
    [fit],
  );

  // Refit when the round or the filters change (not on collapse, which keeps the user's view).
  const fitRef = useRef(fit);
  useLayoutEffect(() => {
    fitRef.current = fit;
  }, [fit]);
  useLayoutEffect(() => {
    fitRef.current(true);
  }, [fitKey]);

  const showTip = (node: LaidNode, target: Element) => {
    const box = boxRef.current?.getBoundingClientRect();
    const r = target.getBoundingClientRect();
    if (!box) return;
    // Beside the node, on the side with room for the card.
    const flip = r.right + TOOLTIP_WIDTH + 12 > box.right;
    setHover({ node, left: flip ? r.left - box.left - 6 : r.right - box.left + 6, top: Math.max(0, r.top - box.top - 4), flip });
  };

  const onNodeKey = (e: ReactKeyboardEvent, n: LaidNode) => {
    if ((e.key === 'Enter' || e.key === ' ') && n.datum.kind === 'draft') {
      e.preventDefault();
      onToggleCollapse(n.datum.id);
    }
  };

  return (
    <div className="dt-canvas-wrap" ref={boxRef}>
      <div className="dt-canvas" style={{ height }}>
        <svg ref={svgRef} className="dt-svg" width="100%" height={height} role="group" aria-label={label} data-testid={testId} data-nodes={layout.nodes.length}>
          <g ref={gRef}>
            <g className="dt-links">
              {links.map((l) => {
                const cls = ['dt-link', l.onPath ? 'dt-link-path' : '', l.toFinal ? 'dt-link-final' : '', l.rejected ? 'dt-link-rejected' : '', l.unverified ? 'dt-link-unverified' : ''].filter(Boolean).join(' ');
                return <path key={l.key} className={cls} d={linkPath(l, widths.get(l.sourceKey) ?? 0, widths.get(l.targetKey) ?? 0)} />;
              })}
            </g>
            <g className="dt-nodes">
              {layout.nodes.map((n) => {
                const d = n.datum;
                const expandable = d.kind === 'draft' && (n.hasChildren || d.collapsed);
                return (
                  <g
                    key={d.key}
                    className={nodeClass(n)}
                    transform={`translate(${n.x},${n.y})`}
                    data-status={d.status}
                    data-kind={d.kind}
                    data-on-path={d.onPath ? 'true' : undefined}
                    tabIndex={expandable ? 0 : undefined}
                    role={expandable ? 'button' : 'img'}
                    aria-label={ariaLabel(n)}
                    aria-expanded={expandable ? !d.collapsed : undefined}
                    onMouseEnter={(e) => showTip(n, e.currentTarget)}
                    onMouseLeave={() => setHover(null)}
                    onFocus={(e) => showTip(n, e.currentTarget)}
                    onBlur={() => setHover(null)}
                    onClick={expandable ? () => onToggleCollapse(d.id) : undefined}
                    onKeyDown={expandable ? (e) => onNodeKey(e, n) : undefined}
                  >
                    <rect x={-n.width / 2} y={-NODE_HEIGHT / 2} width={n.width} height={NODE_HEIGHT} rx={d.kind === 'final' ? NODE_HEIGHT / 2 : 3} style={d.fill ? { fill: d.fill } : undefined} />
                    <text className="dt-label" dy="0.35em" textAnchor="middle">
                      {n.label}
                    </text>
                    {d.hiddenDescendants > 0 && (
                      <text className="dt-hidden-count" x={n.width / 2 + 4} dy="0.35em">
                        +{d.hiddenDescendants}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          </g>
        </svg>
      </div>
      {hover && <NodeTooltip node={hover.node} left={hover.left} top={hover.top} flip={hover.flip} />}
    </div>
  );
}
