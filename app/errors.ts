// Errors that cross process and transport boundaries: a stable code, a message a user can act on,
// and optional details. Every layer throws WorkbenchError for expected failures (bad input, missing
// files, unsupported methods); anything else is a bug and surfaces as `internal`.
import { z } from 'zod';

export const errorCodes = [
  'invalid_payload',
  'not_found',
  'model_missing',
  'model_corrupt',
  /** The folder holds a model that is already registered from another folder (same fingerprint). */
  'model_duplicate',
  'model_io_unsupported',
  'tokenizer_mismatch',
  'tokenizer_missing',
  'context_overflow',
  'unknown_provider',
  'provider_failed',
  'method_unsupported',
  'dataset_invalid',
  /** The file's items are those of a dataset already imported (same content): it was not imported again. */
  'dataset_duplicate',
  'path_invalid',
  'engine_crashed',
  'cancelled',
  'busy',
  /** A model produced NaN or infinite numbers (logits, logprobs): nothing of them can be stored. */
  'non_finite',
  /** The database refused a write (disk full, a row deleted under a running run). */
  'store_failed',
  /** The request needs something this host does not have (a desktop dialog in browser mode). */
  'unavailable',
  'unauthorized',
  'internal',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

/** An expected failure with a stable code; serialisable across IPC, HTTP and the engine process. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** Turns anything thrown into a payload; unknown errors become `internal` with their message. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof WorkbenchError) return err.toPayload();
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const parsed = ErrorPayload.safeParse(err);
    if (parsed.success) return parsed.data;
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}

/** Rebuilds a WorkbenchError from a payload received over a transport. */
export function fromErrorPayload(payload: ErrorPayload): WorkbenchError {
  return new WorkbenchError(payload.code, payload.message, payload.details);
}
