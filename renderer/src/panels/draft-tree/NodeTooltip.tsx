// Hover card of a draft-tree node: the full token text (escaped), its id, what verification did with
// it, the draft probability q and the target probability p (with p/q, the speculative-sampling ratio).
import { Fragment } from 'react';
import type { LaidNode } from './tree-layout';

export interface NodeTooltipProps {
  node: LaidNode;
  /** Position inside the tree canvas (px). */
  left: number;
  top: number;
  /** Shown to the left of `left` (the node is near the right edge). */
  flip?: boolean;
}

const statusText: Record<string, string> = {
  root: 'the committed token the round drafted from',
  accepted: 'accepted: on the path the target verified',
  rejected: 'rejected: the target disagreed here',
  unverified: 'unverified: its parent was rejected, so it was never examined',
  bonus: "bonus: the target's own next token after the accepted path",
  resampled: "resampled: the target's correction where the path stopped",
};

function prob(v: number | null): string {
  if (v === null) return '—';
  if (v >= 0.9995) return '1.000';
  if (v >= 0.001) return v.toFixed(3);
  return v.toExponential(1);
}

/** Tooltip for one node. */
export function NodeTooltip({ node, left, top, flip }: NodeTooltipProps) {
  const d = node.datum;
  const escaped = JSON.stringify(d.text);
  const ratio = d.p !== null && d.q !== null && d.q > 0 ? d.p / d.q : null;
  if (d.details) {
    return (
      <div className="dt-tooltip" role="tooltip" style={{ left, top, transform: flip ? 'translateX(-100%)' : undefined }}>
        <div className="dt-tooltip-token mono">{escaped}</div>
        <div className="dt-tooltip-status">{d.details.caption}</div>
        <dl className="kv">
          {d.details.rows.map((r) => (
            <Fragment key={r.label}>
              <dt>{r.label}</dt>
              <dd className="mono">{r.value}</dd>
            </Fragment>
          ))}
        </dl>
      </div>
    );
  }
  return (
    <div className="dt-tooltip" role="tooltip" style={{ left, top, transform: flip ? 'translateX(-100%)' : undefined }}>
      <div className="dt-tooltip-token mono">{escaped}</div>
      <div className="dt-tooltip-status">
        {d.passedOffPath ? 'passed verification, but a deeper path was chosen' : statusText[d.status]}
      </div>
      <dl className="kv">
        {d.token !== null && (
          <>
            <dt>token id</dt>
            <dd className="mono">{d.token}</dd>
          </>
        )}
        {d.kind === 'draft' && (
          <>
            <dt>node · depth</dt>
            <dd className="mono">
              #{d.id} · {d.depth}
            </dd>
            <dt>draft q</dt>
            <dd className="mono">{d.q === null ? 'n/a (no draft distribution)' : prob(d.q)}</dd>
            <dt>target p</dt>
            <dd className="mono">{d.p === null ? (d.status === 'unverified' ? 'not computed' : '—') : prob(d.p)}</dd>
            {ratio !== null && (
              <>
                <dt>p / q</dt>
                <dd className="mono">{ratio >= 100 ? ratio.toExponential(1) : ratio.toFixed(2)}</dd>
              </>
            )}
          </>
        )}
        {d.kind === 'final' && d.p !== null && (
          <>
            <dt>target p</dt>
            <dd className="mono">{prob(d.p)}</dd>
          </>
        )}
        {d.hiddenDescendants > 0 && (
          <>
            <dt>hidden below</dt>
            <dd>
              {d.hiddenDescendants} node{d.hiddenDescendants === 1 ? '' : 's'}
              {d.collapsed ? ' (click to expand)' : ''}
            </dd>
          </>
        )}
      </dl>
      {d.kind === 'draft' && (node.hasChildren || d.collapsed) && !d.onPath && !d.collapsed && <div className="dt-tooltip-hint">click to collapse</div>}
    </div>
  );
}
