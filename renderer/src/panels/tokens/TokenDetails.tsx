// The details of one token (tooltip body): text, index, probability, logprob, entropy, source,
// time, and the top alternatives with probability bars.
import type { TokenEvent } from '@app/events';
import { escapedText, formatLogprob, percent, sourceLabels } from './token-colors';

export interface TokenDetailsProps {
  token: TokenEvent;
}

/** Tooltip content for a token. */
export function TokenDetails({ token }: TokenDetailsProps) {
  return (
    <div className="tk-details">
      <div className="tk-details-head">
        <code className="tk-details-text">{escapedText(token.text) || '∅'}</code>
        <span className={`tk-source-chip src-${token.source}`}>{sourceLabels[token.source]}</span>
      </div>
      <dl className="kv tk-details-kv">
        <dt>index</dt>
        <dd className="num">
          #{token.index} <span className="faint">id {token.id}</span>
        </dd>
        <dt>probability</dt>
        <dd className="num">
          {percent(token.logprob)} <span className="faint">logprob {formatLogprob(token.logprob)}</span>
        </dd>
        <dt>entropy</dt>
        <dd className="num">{token.entropy.toFixed(3)} nats</dd>
        {token.rollingEntropy !== undefined && (
          <>
            <dt>rolling entropy</dt>
            <dd className="num">{token.rollingEntropy.toFixed(3)}</dd>
          </>
        )}
        <dt>time</dt>
        <dd className="num">{token.tMs.toFixed(1)} ms</dd>
      </dl>
      {token.top.length > 0 && (
        <table className="tk-alts">
          <caption className="visually-hidden">Top alternatives</caption>
          <tbody>
            {token.top.map((alt) => (
              <tr key={alt.id} className={alt.id === token.id ? 'is-chosen' : undefined}>
                <td className="tk-alt-text">
                  <code>{escapedText(alt.text) || '∅'}</code>
                </td>
                <td className="tk-alt-bar">
                  <span className="tk-bar" style={{ width: `${Math.max(1, Math.exp(alt.logprob) * 100)}%` }} />
                </td>
                <td className="tk-alt-p num">{percent(alt.logprob)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
