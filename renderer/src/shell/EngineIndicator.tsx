// Engine and connection status for the header: the engine process (starting, ready, crashed with
// its message), the event socket in browser mode, and the host kind and version on hover.
import { useEngineStatus } from '../state/engine-status';
import { Badge } from '../ui/Badge';
import { Tooltip } from '../ui/Tooltip';

/** Badges for engine and socket state. */
export function EngineIndicator() {
  const { info, engine, message, connection, hostError } = useEngineStatus();
  if (hostError) {
    return (
      <Badge tone="danger" dot data-testid="engine-status" data-engine="unreachable" title={hostError}>
        host unreachable
      </Badge>
    );
  }
  const tone = engine === 'ready' ? 'success' : engine === 'crashed' ? 'danger' : 'warning';
  const detail = (
    <div className="engine-detail">
      <div>
        Engine: <strong>{engine}</strong>
        {message ? ` (${message})` : ''}
      </div>
      {info && (
        <>
          <div>
            Host: {info.host} · v{info.version} · pid {info.engine.pid ?? '–'}
          </div>
          <div className="mono">{info.dbPath}</div>
        </>
      )}
    </div>
  );
  return (
    <div className="engine-indicator">
      {connection !== 'open' && (
        <Badge tone="warning" dot live data-testid="connection-status">
          {connection === 'connecting' ? 'connecting' : 'reconnecting'}
        </Badge>
      )}
      <Tooltip content={detail} placement="bottom">
        <span tabIndex={0} className="engine-badge-wrap">
          <Badge tone={tone} dot live={engine === 'starting'} data-testid="engine-status" data-engine={engine}>
            engine {engine === 'unknown' ? '…' : engine}
          </Badge>
        </span>
      </Tooltip>
      {engine === 'crashed' && message && <span className="engine-message">{message}</span>}
    </div>
  );
}
