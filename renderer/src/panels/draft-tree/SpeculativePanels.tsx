// The speculative-decoding family's run panels (chain SD, Token Recycling, RSD, DEL, and SpecReason
// with speculation inside): the draft tree by round and the acceptance analytics, sharing the
// selected round. Derived data is memoised on the number of events (the live event array grows in
// place, so its identity does not change).
import { useMemo, useState } from 'react';
import type { DraftRoundEvent, TokenEvent } from '@app/events';
import type { MethodPanelProps } from '../trace/method-panel-props';
import { AcceptancePanel } from './AcceptancePanel';
import { defaultRoundIndex, roundAcceptance } from './acceptance';
import { DraftTreePanel } from './DraftTreePanel';

/** Draft tree + acceptance for a run with draft_round events. */
export function SpeculativePanels({ run, events, live }: MethodPanelProps) {
  const [selected, setSelected] = useState<number | null>(null);
  const count = events.length;
  // `count` is the version: the live array grows in place, so its identity never changes.
  const { rounds, tokens } = useMemo(() => {
    const rounds: DraftRoundEvent[] = [];
    const tokens: TokenEvent[] = [];
    for (let i = 0; i < count; i++) {
      const e = events[i]!;
      if (e.kind === 'draft_round') rounds.push(e);
      else if (e.kind === 'token') tokens.push(e);
    }
    return { rounds, tokens };
  }, [events, count]);
  const rows = useMemo(() => roundAcceptance(rounds), [rounds]);
  const shown = rounds.length === 0 ? 0 : Math.min(rounds.length - 1, selected ?? (live ? rounds.length - 1 : defaultRoundIndex(rows)));

  return (
    <>
      <section className="section" aria-labelledby="mp-tree-h">
        <header>
          <h3 id="mp-tree-h">Draft tree</h3>
        </header>
        <div className="section-body">
          <DraftTreePanel rounds={rounds} rows={rows} tokens={tokens} live={live} selected={selected} onSelect={setSelected} />
        </div>
      </section>
      <section className="section" aria-labelledby="mp-acc-h">
        <header>
          <h3 id="mp-acc-h">Acceptance</h3>
        </header>
        <div className="section-body">
          {rounds.length === 0 ? (
            <div className="mp-empty">Acceptance appears after the first round.</div>
          ) : (
            <AcceptancePanel run={run} rounds={rounds} rows={rows} live={live} selected={shown} onSelectRound={setSelected} />
          )}
        </div>
      </section>
    </>
  );
}
