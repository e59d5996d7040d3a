// The facts of one round beside its tree: accepted / drafted, what ended the path, verification mode
// and timings, and the method's own fields (Token Recycling matrix hits, chain gamma, DEL exit layer
// and draft length with its per-layer acceptance estimates as a small bar chart).
import type { DraftRoundEvent } from '@app/events';
import { roundShape } from './tree-model';
import { glossary } from '../../ui/glossary';
import { Term } from '../../ui/Term';

export interface RoundDetailsProps {
  round: DraftRoundEvent;
}

const verifyModeText: Record<DraftRoundEvent['verifyMode'], string> = {
  chain: 'chain: the drafts in one causal pass',
  tree: 'tree: every node in one pass with tree attention',
  batch: 'batch: each root-to-leaf path as a row (the model has no attention_bias)',
};

function ms(v: number): string {
  return v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`;
}

function fact(k: string, v: string | number, title?: string) {
  return (
    <div key={k} title={glossary[k] ? undefined : title}>
      <span className="dt-fact-key">
        <Term term={k} />
      </span>
      <span className="dt-fact-value">{v}</span>
    </div>
  );
}

/** Per-round facts. */
export function RoundDetails({ round }: RoundDetailsProps) {
  const shape = roundShape(round);
  const final = round.finalToken;
  return (
    <div className="dt-details">
      <div className="dt-facts" data-testid="round-facts">
        {fact('accepted', `${round.acceptedPath.length} / ${round.nodes.length}`, 'Accepted draft tokens / drafted nodes')}
        {fact('emitted', round.emitted, 'Tokens this round added to the output (accepted + the final token, fewer when a stop cut it short)')}
        {fact('final', final ? `${final.kind} ${JSON.stringify(final.text)}` : 'none (stopped)')}
        {fact('rejected · unverified', `${shape.rejected} · ${shape.unverified}`)}
        {fact('depth · widest level', `${shape.depth} · ${shape.widest}`)}
        {fact('verify', round.verifyMode, verifyModeText[round.verifyMode])}
        {fact('draft', ms(round.draftMs))}
        {fact('verify time', ms(round.verifyMs))}
        {round.matrixHits !== undefined &&
          fact('matrix hits', `${round.matrixHits} / ${round.nodes.length}`, 'Token Recycling: nodes filled from adjacency-matrix rows written earlier (the rest came from zero rows)')}
        {round.gamma !== undefined && fact('gamma', round.gamma, 'Draft tokens this round (adaptive gamma: +2 after a full accept, −1 otherwise)')}
        {round.exitLayer !== undefined && fact('exit layer', round.exitLayer, 'DEL: the layer whose exit head drafted this round')}
        {round.draftLength !== undefined && fact('draft length', round.draftLength, 'DEL: speculation length chosen with the exit layer')}
      </div>
      {round.layerAcceptance && round.layerAcceptance.length > 0 && (
        <div className="dt-layer-acceptance">
          <div className="mp-chart-title">
            per-layer acceptance estimates <span className="mp-chart-sub">α by exit layer; the chosen layer highlighted</span>
          </div>
          <div className="dt-layer-bars" role="img" aria-label={`Acceptance estimates by layer: ${round.layerAcceptance.map((a, i) => `layer ${i + 1} ${a.toFixed(2)}`).join(', ')}`}>
            {round.layerAcceptance.map((a, i) => (
              <div key={i} className={round.exitLayer === i + 1 ? 'dt-layer-bar is-chosen' : 'dt-layer-bar'} title={`layer ${i + 1}: α = ${a.toFixed(3)}`}>
                <span className="dt-layer-value">{a.toFixed(2)}</span>
                <span style={{ height: `${Math.max(2, Math.round(a * 30))}px` }} />
                <span>L{i + 1}</span>
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
