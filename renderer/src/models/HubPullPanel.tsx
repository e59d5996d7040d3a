// "Download from Hugging Face": a repository (owner/name[@revision]) is listed first, its dtype
// variants with their download sizes and whether each fits this machine's memory; one is chosen (the
// most accurate that fits, by default) and pulled. Pulls show a progress bar with the file in
// flight, bytes, speed and time left, resumes after broken connections, and a Cancel button.
import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import type { HubListing, PullProgress } from '@app/hub';
import { defaultPullVariant, parseHubRef, variantFits } from '@app/hub';
import { errorText, getClient } from '../api/workbench';
import { cancelPull, startPull, usePulls, watchPulls } from '../state/pulls';
import { notifyError } from '../state/toasts';
import { formatBytes } from '../panels/run/format';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';

function eta(seconds: number | null): string {
  if (seconds === null) return 'ETA –';
  if (seconds < 60) return `ETA ${seconds} s`;
  return `ETA ${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const STATE_TONE = { done: 'success', failed: 'danger', cancelled: 'neutral' } as const;

/** One pull: state, progress bar, current file, speed, ETA, cancel. */
function PullRow({ pull }: { pull: PullProgress }) {
  const share = pull.bytes > 0 ? pull.doneBytes / pull.bytes : 0;
  const current = pull.files.find((f) => f.state === 'downloading' || f.state === 'verifying');
  const resumes = pull.files.reduce((s, f) => s + f.resumes, 0);
  const active = !['done', 'failed', 'cancelled'].includes(pull.state);
  return (
    <li className="pull-row" data-testid="pull-row" data-state={pull.state} data-repo={pull.repo}>
      <div className="pull-head">
        <span className="mono">{pull.repo}</span>
        <Badge>{pull.dtype}</Badge>
        <Badge tone={STATE_TONE[pull.state as keyof typeof STATE_TONE] ?? 'info'}>{pull.state}</Badge>
        <div className="spacer" />
        {active && (
          <Button size="sm" variant="ghost" onClick={() => void cancelPull(pull.pullId).catch((err) => notifyError('Could not cancel', err))} aria-label={`Cancel pulling ${pull.repo}`}>
            Cancel
          </Button>
        )}
      </div>
      <div className="pull-bar" role="progressbar" aria-label={`Downloading ${pull.repo}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(share * 100)}>
        <div className="pull-bar-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <div className="pull-meta num" data-testid="pull-meta">
        {formatBytes(pull.doneBytes)} / {formatBytes(pull.bytes)}
        {active && pull.bytesPerSecond > 0 && ` · ${formatBytes(pull.bytesPerSecond)}/s · ${eta(pull.etaSeconds)}`}
        {current && <span className="mono"> · {current.path}</span>}
        {resumes > 0 && ` · resumed ${resumes}×`}
      </div>
      {pull.message && (pull.state === 'failed' || pull.state === 'done' || pull.state === 'cancelled') && (
        <div className={pull.state === 'failed' ? 'pull-message pull-error' : 'pull-message muted'} data-testid="pull-message">
          {pull.message}
        </div>
      )}
    </li>
  );
}

/** The hub download panel of the Models page. */
export function HubPullPanel() {
  const pulls = usePulls((s) => s.pulls);
  const [spec, setSpec] = useState('');
  const [listing, setListing] = useState<HubListing | null>(null);
  const [dtype, setDtype] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => watchPulls(), []);

  const list = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setListing(null);
    let ref;
    try {
      ref = parseHubRef(spec.trim());
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setBusy(true);
    try {
      const l = await getClient().call('models.hubVariants', ref);
      setListing(l);
      setDtype(defaultPullVariant(l).dtype);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const pull = async () => {
    if (!listing) return;
    setError(null);
    try {
      await startPull(listing.repo, listing.revision, dtype);
      setListing(null);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section className="hub-pull section" aria-label="Download from Hugging Face">
      <header>
        <h2>Download from Hugging Face</h2>
      </header>
      <div className="section-body">
        <form onSubmit={(e) => void list(e)}>
          <Field label="Repository" htmlFor="hub-repo" help="owner/name or owner/name@revision of an ONNX export (e.g. onnx-community/…). HF_TOKEN and HF_ENDPOINT are read by the host." error={error}>
            <div className="add-model-row">
              <input
                id="hub-repo"
                type="text"
                className="input input-md mono"
                placeholder="onnx-community/Qwen2.5-0.5B-Instruct"
                value={spec}
                onChange={(e) => setSpec(e.currentTarget.value)}
                data-testid="hub-repo"
                spellCheck={false}
                aria-invalid={error ? true : undefined}
              />
              <Button type="submit" disabled={busy || !spec.trim()} data-testid="hub-list">
                {busy ? 'Listing…' : 'List variants'}
              </Button>
            </div>
          </Field>
        </form>
        {listing && (
          <div className="hub-variants" data-testid="hub-variants">
            <p className="muted">
              {listing.repo}@{listing.revision} · commit <span className="mono">{listing.sha.slice(0, 12)}</span> · config and tokenizer {formatBytes(listing.supportBytes)}
            </p>
            <table className="hub-table">
              <thead>
                <tr>
                  <th />
                  <th>dtype</th>
                  <th>files</th>
                  <th className="num">download</th>
                  <th>memory</th>
                </tr>
              </thead>
              <tbody>
                {listing.variants.map((v) => (
                  <tr key={v.dtype} data-testid="hub-variant" data-dtype={v.dtype}>
                    <td>
                      <input type="radio" name="hub-dtype" value={v.dtype} checked={dtype === v.dtype} onChange={() => setDtype(v.dtype)} aria-label={`Variant ${v.dtype}`} />
                    </td>
                    <td className="mono">{v.dtype}</td>
                    <td className="mono faint">{v.files.map((f) => f.path).join(', ')}</td>
                    <td className="num">{formatBytes(v.bytes + listing.supportBytes)}</td>
                    <td>{variantFits(listing, v) ? <Badge tone="success">fits</Badge> : <Badge tone="warning">too large</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Button variant="primary" onClick={() => void pull()} disabled={!dtype} data-testid="hub-pull">
              Download {dtype}
            </Button>
          </div>
        )}
        {pulls.length > 0 && (
          <ul className="pull-list" aria-label="Downloads">
            {pulls.map((p) => (
              <PullRow key={p.pullId} pull={p} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
