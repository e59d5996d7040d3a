// What a hub repository offers before anything is downloaded: the revision resolved to one commit
// (modelInfo), every file with its size and LFS sha256 (listFiles over the tree API), grouped into
// dtype variants. Both calls are @huggingface/hub's, pointed at HF_ENDPOINT with HF_TOKEN.
import os from 'node:os';
import { listFiles, modelInfo, pathsInfo } from '@huggingface/hub';
import { WorkbenchError } from '@app/errors';
import type { HubFile, HubListing, HubRef } from '@app/hub';
import type { HubAccess } from './hub-access';
import { describeHubError } from './hub-access';
import { groupVariants } from './variants';

/** At most this many files are read from a repository's tree (a cap on what one listing may cost). */
const MAX_FILES = 5000;

/** The files of `ref`, grouped into variants; throws one-line errors (offline, gated, not found, no ONNX). */
export async function listHubRepo(ref: HubRef, access: HubAccess, fetchImpl: typeof fetch = fetch): Promise<HubListing> {
  const common = { hubUrl: access.endpoint, accessToken: access.token, fetch: fetchImpl };
  try {
    const info = await modelInfo({ ...common, name: ref.repo, revision: ref.revision, additionalFields: ['sha'] });
    const sha = (info as { sha?: string }).sha ?? ref.revision;
    const files: HubFile[] = [];
    for await (const entry of listFiles({ ...common, repo: { type: 'model', name: ref.repo }, revision: sha, recursive: true })) {
      if (entry.type !== 'file') continue;
      if (files.length >= MAX_FILES) throw new WorkbenchError('invalid_payload', `${ref.repo} has more than ${MAX_FILES} files; not a model export this can pull`);
      files.push(toHubFile(entry));
    }
    const { variants, support } = groupVariants(files);
    if (variants.length === 0) {
      throw new WorkbenchError('model_missing', `${ref.repo}@${ref.revision} has no ONNX graph (${files.length} files); look for an ONNX export of it, e.g. under onnx-community/`, { repo: ref.repo });
    }
    return { repo: ref.repo, revision: ref.revision, sha, variants, support, supportBytes: support.reduce((s, f) => s + f.bytes, 0), gated: Boolean(info.gated), hostMemoryBytes: os.totalmem() };
  } catch (err) {
    throw describeHubError(err, ref.repo, access);
  }
}

/** Fresh size and checksum of each path at commit `sha` (the paths-info API), for verifying a download. */
export async function hubPathsInfo(repo: string, sha: string, paths: string[], access: HubAccess, fetchImpl: typeof fetch = fetch): Promise<HubFile[]> {
  try {
    const infos = await pathsInfo({ hubUrl: access.endpoint, accessToken: access.token, fetch: fetchImpl, repo: { type: 'model', name: repo }, revision: sha, paths });
    const byPath = new Map(infos.map((i) => [i.path, toHubFile(i)]));
    return paths.map((p) => {
      const f = byPath.get(p);
      if (!f) throw new WorkbenchError('not_found', `${repo}@${sha.slice(0, 12)} no longer has ${p}`, { repo, path: p });
      return f;
    });
  } catch (err) {
    throw describeHubError(err, repo, access);
  }
}

function toHubFile(e: { path: string; size: number; oid?: string; lfs?: { oid: string; size: number } }): HubFile {
  if (e.lfs) return { path: e.path, bytes: e.lfs.size, sha256: e.lfs.oid };
  return { path: e.path, bytes: e.size, ...(e.oid ? { gitOid: e.oid } : {}) };
}

/** The URL a file of a commit downloads from: the hub's resolve route (it redirects LFS files to storage). */
export function resolveUrl(access: HubAccess, repo: string, sha: string, file: string): string {
  return `${access.endpoint}/${repo}/resolve/${encodeURIComponent(sha)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}
