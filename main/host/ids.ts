// Identifiers for records the host creates: time-ordered, unguessable enough for URLs, readable.
import crypto from 'node:crypto';

/** A new id such as `run_lx3k9a2b_8f3c2d1e`: a base-36 timestamp, then random hex. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
}
