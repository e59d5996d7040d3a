// Models from the Hugging Face hub: how a repository is named (`owner/name[@revision]`), the dtype
// variants of its ONNX export with their sizes (listed before anything is downloaded), and the
// progress of a pull (per file: bytes done, speed, ETA; then verify, place, register).
import { z } from 'zod';

/** `owner/name`, as the hub spells repositories (letters, digits, `-`, `_`, `.`). */
const REPO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/;
/** A branch, tag or commit: no `..`, no leading `/`, no whitespace. */
const REVISION_PATTERN = /^(?!.*\.\.)[A-Za-z0-9_.\-/]{1,255}$/;

export const HubRepo = z.string().regex(REPO_PATTERN, 'a hub repository is owner/name (letters, digits, "-", "_", ".")');
export const HubRevision = z.string().regex(REVISION_PATTERN, 'a revision is a branch, tag or commit hash');

/** A repository and revision (default `main`), as `workbench models pull REPO[@REV]` takes it. */
export const HubRef = z.object({ repo: HubRepo, revision: HubRevision.default('main') });
export type HubRef = z.infer<typeof HubRef>;

/** Parses `owner/name[@revision]`; throws with the reason when it is not one. */
export function parseHubRef(text: string): HubRef {
  const at = text.indexOf('@');
  const repo = at < 0 ? text : text.slice(0, at);
  const revision = at < 0 ? undefined : text.slice(at + 1);
  const parsed = HubRef.safeParse({ repo, revision });
  if (!parsed.success) throw new Error(`"${text}" is not a hub model: ${parsed.error.issues.map((i) => i.message).join('; ')} (e.g. onnx-community/Qwen2.5-0.5B-Instruct@main)`);
  return parsed.data;
}

export const HubFile = z.object({
  /** Path inside the repository (posix). */
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  /** sha256 of the content for LFS files (what the download is verified against). */
  sha256: z.string().optional(),
  /** Git blob id (sha1 of "blob <size>\0" + content) for files kept in git itself. */
  gitOid: z.string().optional(),
});
export type HubFile = z.infer<typeof HubFile>;

/** One dtype variant of a repository's export: its graphs and their external data. */
export const HubVariant = z.object({
  /** fp32, fp16, int8, uint8, q8, quantized, q4, q4f16, bnb4: the graph-name suffixes (app/models DTYPE_ACCURACY_ORDER). */
  dtype: z.string(),
  files: z.array(HubFile),
  /** Bytes of the variant's own files (the support files are counted in HubListing.supportBytes). */
  bytes: z.number().int().nonnegative(),
});
export type HubVariant = z.infer<typeof HubVariant>;

export const HubListing = z.object({
  repo: z.string(),
  /** The revision asked for (branch, tag or commit). */
  revision: z.string(),
  /** The commit it resolved to: every file of a pull comes from this one commit. */
  sha: z.string(),
  /** Most accurate first (DTYPE_ACCURACY_ORDER). */
  variants: z.array(HubVariant),
  /** Config and tokenizer files every variant needs. */
  support: z.array(HubFile),
  supportBytes: z.number().int().nonnegative(),
  gated: z.boolean().default(false),
  /** Memory of the machine that would load it (the default pick is the most accurate variant that fits). */
  hostMemoryBytes: z.number().int().nonnegative(),
});
export type HubListing = z.infer<typeof HubListing>;

/** Share of the machine's memory a model's files may take and still count as fitting (weights, KV cache, runtime). */
export const FITS_MEMORY_SHARE = 0.6;

/** True when the variant's files (plus support files) fit the host's memory by FITS_MEMORY_SHARE. */
export function variantFits(listing: HubListing, variant: HubVariant): boolean {
  return variant.bytes + listing.supportBytes <= listing.hostMemoryBytes * FITS_MEMORY_SHARE;
}

/** The variant pulled when none is named: the most accurate that fits memory, else the smallest. */
export function defaultPullVariant(listing: HubListing): HubVariant {
  const fitting = listing.variants.find((v) => variantFits(listing, v));
  return fitting ?? [...listing.variants].sort((a, b) => a.bytes - b.bytes)[0]!;
}

export const PullState = z.enum(['listing', 'downloading', 'verifying', 'registering', 'done', 'failed', 'cancelled']);
export type PullState = z.infer<typeof PullState>;

export const PullFileState = z.enum(['pending', 'downloading', 'verifying', 'done', 'failed']);

export const PullFileProgress = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  state: PullFileState,
  /** Times the connection broke and the download resumed from where it stopped (HTTP Range). */
  resumes: z.number().int().nonnegative().default(0),
});
export type PullFileProgress = z.infer<typeof PullFileProgress>;

/** The state of one pull, pushed as `models.pull.progress` while it runs and kept for `models.pulls`. */
export const PullProgress = z.object({
  pullId: z.string(),
  repo: z.string(),
  revision: z.string(),
  sha: z.string().nullable(),
  dtype: z.string(),
  state: PullState,
  files: z.array(PullFileProgress),
  bytes: z.number().int().nonnegative(),
  doneBytes: z.number().int().nonnegative(),
  /** Recent download speed (bytes per second, smoothed); 0 before the first bytes. */
  bytesPerSecond: z.number().nonnegative(),
  /** Seconds left at the recent speed; null while unknown. */
  etaSeconds: z.number().nonnegative().nullable(),
  /** The registered model once `done`. */
  modelId: z.string().nullable(),
  /** Why it failed, or what it is doing, in one line. */
  message: z.string().nullable(),
  startedAt: z.string(),
});
export type PullProgress = z.infer<typeof PullProgress>;

export const PullRequest = z.object({
  repo: HubRepo,
  revision: HubRevision.default('main'),
  dtype: z.string().min(1).max(32),
});
export type PullRequest = z.infer<typeof PullRequest>;
