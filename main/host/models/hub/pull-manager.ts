// Pulls from the hub: one dtype variant of a repository (its graphs and external data, plus config and
// tokenizer files) downloaded file by file into `<models>/.partial/<repo>--<commit>--<dtype>/`, each file
// resumed after a broken connection and verified against the hub's checksum, then the folder renamed
// into place in one step and registered. Until that rename nothing is in the models folder proper and
// nothing is registered; a failed pull keeps its partial files (the next pull of the same commit and
// dtype resumes them), a cancelled one deletes them. Progress goes out as `models.pull.progress`.
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError, toErrorPayload } from '@app/errors';
import type { HubFile, HubListing, HubRef, PullProgress, PullRequest } from '@app/hub';
import type { ModelInfo } from '@app/models';
import { newId } from '../../ids';
import type { HubAccess } from './hub-access';
import { hubAccessFromEnv } from './hub-access';
import { hubPathsInfo, listHubRepo, resolveUrl } from './hub-listing';
import { downloadWithResume } from './range-download';
import { SpeedMeter } from './speed-meter';

/** The marker a finished pull leaves in its folder: where it came from and what was verified. */
export const PULL_MARKER = '.workbench-pull.json';
const PROGRESS_EVERY_MS = 250;
/** Finished pulls kept for `models.pulls` (the UI shows what happened while it was away). */
const KEEP_FINISHED = 20;

export interface PullManagerOptions {
  modelsDir: string;
  /** Registers a placed folder (the model registry's add: inspects it with the engine). */
  register: (folder: string, dtype: string) => Promise<ModelInfo>;
  emit: (progress: PullProgress) => void;
  access?: () => HubAccess;
  fetch?: typeof fetch;
  retryDelayMs?: number;
}

/** The app-data models folder: WORKBENCH_MODELS_DIR, else `models/` beside the database. */
export function defaultModelsDir(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.WORKBENCH_MODELS_DIR || path.join(path.dirname(dbPath), 'models'));
}

/** A repository path as a relative path that stays inside the folder it is joined to (else throws). */
function safeRelative(p: string): string {
  const norm = path.posix.normalize(p);
  if (!p || norm.startsWith('..') || path.posix.isAbsolute(norm) || norm.includes('\0') || norm.split('/').some((s) => s === '..' || s === '')) {
    throw new WorkbenchError('path_invalid', `the hub listed a file path that would leave the model folder: ${JSON.stringify(p)}`);
  }
  return norm;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

interface ActivePull {
  progress: PullProgress;
  abort: AbortController;
  done: Promise<PullProgress>;
}

export class PullManager {
  private readonly pulls = new Map<string, ActivePull>();

  constructor(private readonly o: PullManagerOptions) {}

  private access(): HubAccess {
    return (this.o.access ?? hubAccessFromEnv)();
  }

  /** The dtype variants of `ref` with their sizes (nothing is downloaded). */
  async variants(ref: HubRef): Promise<HubListing> {
    return listHubRepo(ref, this.access(), this.o.fetch);
  }

  /** Starts pulling one variant; returns its id at once (progress follows as events). */
  start(req: PullRequest): PullProgress {
    const key = `${req.repo}@${req.revision}:${req.dtype}`;
    for (const p of this.pulls.values()) {
      if (`${p.progress.repo}@${p.progress.revision}:${p.progress.dtype}` === key && !isFinished(p.progress)) {
        throw new WorkbenchError('busy', `${req.repo} (${req.dtype}) is already being pulled`, { pullId: p.progress.pullId });
      }
    }
    const progress: PullProgress = {
      pullId: newId('pull'),
      repo: req.repo,
      revision: req.revision,
      sha: null,
      dtype: req.dtype,
      state: 'listing',
      files: [],
      bytes: 0,
      doneBytes: 0,
      bytesPerSecond: 0,
      etaSeconds: null,
      modelId: null,
      message: null,
      startedAt: new Date().toISOString(),
    };
    const abort = new AbortController();
    const active: ActivePull = { progress, abort, done: Promise.resolve(progress) };
    this.pulls.set(progress.pullId, active);
    this.prune();
    active.done = this.run(active, req);
    return { ...progress };
  }

  /** Resolves with the pull's final state. */
  async finished(pullId: string): Promise<PullProgress> {
    return this.get(pullId).done;
  }

  /** Cancels a pull in flight (its partial files are deleted); a finished pull is left as it is. */
  cancel(pullId: string): PullProgress {
    const p = this.get(pullId);
    if (!isFinished(p.progress)) p.abort.abort();
    return { ...p.progress };
  }

  /** Pulls in flight and the last finished ones, newest first. */
  list(): PullProgress[] {
    return [...this.pulls.values()].map((p) => ({ ...p.progress, files: p.progress.files.map((f) => ({ ...f })) })).reverse();
  }

  /** Cancels every pull in flight (host shutdown) and waits for them to stop. */
  async shutdown(): Promise<void> {
    const running = [...this.pulls.values()].filter((p) => !isFinished(p.progress));
    for (const p of running) p.abort.abort();
    await Promise.all(running.map((p) => p.done));
  }

  private get(pullId: string): ActivePull {
    const p = this.pulls.get(pullId);
    if (!p) throw new WorkbenchError('not_found', `no pull ${pullId}`);
    return p;
  }

  private prune(): void {
    const finished = [...this.pulls.values()].filter((p) => isFinished(p.progress));
    for (const p of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.pulls.delete(p.progress.pullId);
  }

  private async run(active: ActivePull, req: PullRequest): Promise<PullProgress> {
    const { progress, abort } = active;
    const meter = new SpeedMeter();
    let lastEmit = 0;
    let trailing: NodeJS.Timeout | null = null;
    const emit = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastEmit < PROGRESS_EVERY_MS) {
        // Throttled, but the latest bytes still go out (a download may pause right after this chunk).
        trailing ??= setTimeout(() => emit(true), PROGRESS_EVERY_MS - (now - lastEmit));
        return;
      }
      if (trailing) clearTimeout(trailing);
      trailing = null;
      lastEmit = now;
      meter.sample(now, progress.doneBytes);
      progress.bytesPerSecond = Math.round(meter.bytesPerSecond());
      const eta = meter.etaSeconds(progress.bytes - progress.doneBytes);
      progress.etaSeconds = eta === null ? null : Math.round(eta);
      this.o.emit({ ...progress, files: progress.files.map((f) => ({ ...f })) });
    };
    let partialDir: string | null = null;
    try {
      emit(true);
      const access = this.access();
      const listing = await listHubRepo({ repo: req.repo, revision: req.revision }, access, this.o.fetch);
      const variant = listing.variants.find((v) => v.dtype === req.dtype);
      if (!variant) {
        throw new WorkbenchError('not_found', `${req.repo} has no ${req.dtype} variant (it has ${listing.variants.map((v) => v.dtype).join(', ')})`, { repo: req.repo });
      }
      progress.sha = listing.sha;
      const wanted = [...variant.files, ...listing.support].map((f) => safeRelative(f.path));
      // The checksums come from paths-info at the pinned commit, the hub's word on each file.
      const files = await hubPathsInfo(req.repo, listing.sha, wanted, access, this.o.fetch);
      this.throwIfCancelled(abort);
      const name = `${slug(req.repo.replace('/', '--'))}--${slug(req.dtype)}`;
      fs.mkdirSync(this.o.modelsDir, { recursive: true });
      partialDir = path.join(this.o.modelsDir, '.partial', `${name}--${listing.sha.slice(0, 12)}`);
      progress.files = files.map((f) => ({ path: f.path, bytes: f.bytes, done: 0, state: 'pending' as const, resumes: 0 }));
      progress.bytes = files.reduce((s, f) => s + f.bytes, 0);

      const already = this.alreadyPulled(name, listing.sha);
      if (!already) {
        progress.state = 'downloading';
        emit(true);
        for (const [i, file] of files.entries()) await this.downloadOne(access, req.repo, listing.sha, file, partialDir, progress.files[i]!, abort, progress, emit);
        fs.writeFileSync(path.join(partialDir, PULL_MARKER), JSON.stringify({ repo: req.repo, revision: req.revision, sha: listing.sha, dtype: req.dtype, files, pulledAt: new Date().toISOString() }, null, 2));
      }
      this.throwIfCancelled(abort);
      const finalDir = already ?? this.place(partialDir, name, listing.sha);
      partialDir = null;
      progress.state = 'registering';
      progress.message = finalDir;
      emit(true);
      let info: ModelInfo;
      try {
        info = await this.o.register(finalDir, req.dtype);
      } catch (err) {
        const e = toErrorPayload(err);
        throw new WorkbenchError(e.code, `downloaded to ${finalDir}, but it cannot be added: ${e.message}`, e.details);
      }
      progress.modelId = info.id;
      progress.state = 'done';
      progress.message = `added ${info.id} from ${finalDir}`;
    } catch (err) {
      const e = toErrorPayload(err);
      if (abort.signal.aborted || e.code === 'cancelled') {
        progress.state = 'cancelled';
        progress.message = 'cancelled; the partial download was deleted';
        if (partialDir) fs.rmSync(partialDir, { recursive: true, force: true });
      } else {
        progress.state = 'failed';
        const kept = partialDir && fs.existsSync(partialDir) && e.code !== 'model_corrupt' ? ' (partial files kept: pull again to resume)' : '';
        progress.message = `${e.message}${kept}`;
      }
      for (const f of progress.files) if (f.state !== 'done') f.state = f.state === 'pending' ? 'pending' : 'failed';
    }
    progress.bytesPerSecond = 0;
    progress.etaSeconds = progress.state === 'done' ? 0 : null;
    emit(true);
    return { ...progress };
  }

  private throwIfCancelled(abort: AbortController): void {
    if (abort.signal.aborted) throw new WorkbenchError('cancelled', 'download cancelled');
  }

  private async downloadOne(
    access: HubAccess,
    repo: string,
    sha: string,
    file: HubFile,
    dir: string,
    fp: PullProgress['files'][number],
    abort: AbortController,
    progress: PullProgress,
    emit: (force: boolean) => void,
  ): Promise<void> {
    const base = progress.doneBytes;
    fp.state = 'downloading';
    emit(true);
    try {
      await downloadWithResume({
        access,
        url: resolveUrl(access, repo, sha, file.path),
        file,
        dest: path.join(dir, file.path),
        signal: abort.signal,
        retryDelayMs: this.o.retryDelayMs,
        onBytes: (done) => {
          fp.done = done;
          progress.doneBytes = base + done;
          emit(false);
        },
        onResume: () => {
          fp.resumes += 1;
          emit(true);
        },
      });
    } catch (err) {
      fp.state = 'failed';
      throw err;
    }
    fp.state = 'done';
    progress.doneBytes = base + file.bytes;
    emit(true);
  }

  /** The folder of an earlier complete pull of the same commit and dtype, if one is in place. */
  private alreadyPulled(name: string, sha: string): string | null {
    for (const dir of [path.join(this.o.modelsDir, name), path.join(this.o.modelsDir, `${name}--${sha.slice(0, 7)}`)]) {
      try {
        const marker = JSON.parse(fs.readFileSync(path.join(dir, PULL_MARKER), 'utf8')) as { sha?: string };
        if (marker.sha === sha) return dir;
      } catch {
        // no complete pull there
      }
    }
    return null;
  }

  /** Renames the finished partial folder into the models folder (one rename: all or nothing). */
  private place(partialDir: string, name: string, sha: string): string {
    let target = path.join(this.o.modelsDir, name);
    if (fs.existsSync(target)) target = path.join(this.o.modelsDir, `${name}--${sha.slice(0, 7)}`);
    if (fs.existsSync(target)) throw new WorkbenchError('path_invalid', `${target} already exists and is not this pull; move it away and pull again`);
    fs.renameSync(partialDir, target);
    return target;
  }
}

function isFinished(p: PullProgress): boolean {
  return p.state === 'done' || p.state === 'failed' || p.state === 'cancelled';
}
