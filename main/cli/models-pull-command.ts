// `workbench models pull REPO[@REV] [--dtype D] [--list]`: lists the repository's dtype variants with
// their sizes, then downloads one (named, or the most accurate that fits memory) with a progress line
// (file, bytes, speed, ETA) on stderr; Ctrl-C cancels. HF_ENDPOINT and HF_TOKEN are honoured.
import { WorkbenchError } from '@app/errors';
import type { PullProgress } from '@app/hub';
import { defaultPullVariant, parseHubRef, variantFits } from '@app/hub';
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { bool, str } from './args';
import { markdownTable } from './output';

/** 1.5 GB, 820 KB: sizes as people read them. */
export function humanBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

function clock(seconds: number | null): string {
  if (seconds === null) return '--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The one progress line: current file, bytes of the whole pull, speed, time left. */
export function progressLine(p: PullProgress): string {
  const file = p.files.find((f) => f.state === 'downloading') ?? p.files.find((f) => f.state !== 'done');
  const pct = p.bytes > 0 ? Math.floor((p.doneBytes / p.bytes) * 100) : 0;
  const resumes = p.files.reduce((s, f) => s + f.resumes, 0);
  return `${p.state} ${file?.path ?? ''} ${humanBytes(p.doneBytes)}/${humanBytes(p.bytes)} (${pct}%) ${humanBytes(p.bytesPerSecond)}/s ETA ${clock(p.etaSeconds)}${resumes ? ` resumed ${resumes}x` : ''}`;
}

export async function modelsPullCommand(host: Host, args: ParsedArgs): Promise<number> {
  const spec = args.positionals[2];
  if (!spec) throw new Error('usage: workbench models pull REPO[@REVISION] [--dtype fp32|fp16|q4|...] [--list]');
  const ref = parseHubRef(spec);
  const listing = await host.pulls.variants(ref);
  console.log(`${listing.repo}@${listing.revision} (commit ${listing.sha.slice(0, 12)}): config and tokenizer ${humanBytes(listing.supportBytes)}`);
  console.log(
    markdownTable(
      ['dtype', 'files', 'download', 'fits memory'],
      listing.variants.map((v) => [v.dtype, v.files.map((f) => f.path).join(' '), humanBytes(v.bytes + listing.supportBytes), variantFits(listing, v) ? 'yes' : 'no']),
    ),
  );
  if (bool(args, 'list')) return 0;
  const dtype = str(args, 'dtype') ?? defaultPullVariant(listing).dtype;
  if (!listing.variants.some((v) => v.dtype === dtype)) {
    throw new WorkbenchError('not_found', `${listing.repo} has no ${dtype} variant (it has ${listing.variants.map((v) => v.dtype).join(', ')})`);
  }
  console.log(`pulling ${dtype}${str(args, 'dtype') ? '' : ' (the most accurate variant that fits memory; --dtype picks another)'}`);

  const started = host.pulls.start({ repo: ref.repo, revision: ref.revision, dtype });
  const tty = process.stderr.isTTY;
  let lastFileDone = -1;
  const off = host.hub.subscribe((event, payload) => {
    if (event !== 'models.pull.progress') return;
    const p = payload as PullProgress;
    if (p.pullId !== started.pullId) return;
    if (tty) process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
    else {
      const filesDone = p.files.filter((f) => f.state === 'done').length;
      if (filesDone !== lastFileDone) process.stderr.write(`${progressLine(p)}\n`);
      lastFileDone = filesDone;
    }
  });
  const onSigint = () => host.pulls.cancel(started.pullId);
  process.once('SIGINT', onSigint);
  try {
    const final = await host.pulls.finished(started.pullId);
    if (tty) process.stderr.write('\n');
    if (final.state === 'cancelled') {
      console.error(final.message);
      return 130;
    }
    if (final.state !== 'done') throw new WorkbenchError('unavailable', final.message ?? 'the pull failed');
    console.log(final.message);
    return 0;
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
}
