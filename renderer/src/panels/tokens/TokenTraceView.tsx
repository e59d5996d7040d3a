// A run's token trace with its controls: stream or table, the coloring mode and its legend.
import { memo } from 'react';
import type { TokenEvent } from '@app/events';
import type { ColorMode, TraceLayout } from '../../state/display-prefs';
import { useDisplayPrefs } from '../../state/display-prefs';
import { Tabs } from '../../ui/Tabs';
import { TokenLegend } from './TokenLegend';
import { TokenStream } from './TokenStream';
import { TokenTable } from './TokenTable';

export interface TokenTraceViewProps {
  tokens: readonly TokenEvent[];
  count: number;
  live?: boolean;
  emptyText?: string;
}

const modeItems: { id: ColorMode; label: string; title: string }[] = [
  { id: 'provenance', label: 'Provenance', title: 'Who produced each token: target, accepted draft, bonus, resampled, small or large model' },
  { id: 'logprob', label: 'Probability', title: 'The probability of each token under the distribution it was drawn from' },
  { id: 'entropy', label: 'Entropy', title: 'The entropy (nats) of the distribution at each position' },
];

const layoutItems: { id: TraceLayout; label: string }[] = [
  { id: 'stream', label: 'Text' },
  { id: 'table', label: 'Table' },
];

function TokenTraceViewInner({ tokens, count, live, emptyText }: TokenTraceViewProps) {
  const { colorMode, layout, setColorMode, setLayout } = useDisplayPrefs();
  return (
    <div className="tk-trace">
      <div className="tk-toolbar">
        <Tabs label="Token view" variant="segmented" items={layoutItems} value={layout} onChange={setLayout} />
        <Tabs label="Color tokens by" variant="segmented" items={modeItems} value={colorMode} onChange={setColorMode} />
        <TokenLegend mode={colorMode} />
      </div>
      {layout === 'stream' ? (
        <TokenStream tokens={tokens} count={count} mode={colorMode} live={live} emptyText={emptyText} />
      ) : (
        <TokenTable tokens={tokens} count={count} mode={colorMode} />
      )}
    </div>
  );
}

/** Token trace with mode and layout switches; memoized so unrelated parent renders skip it. */
export const TokenTraceView = memo(TokenTraceViewInner);
