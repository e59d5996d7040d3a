// Toasts: short notices in the corner. Errors stay until dismissed (they carry a code a user may
// need to copy); confirmations fade after a few seconds.
import { create } from 'zustand';
import { errorPayloadOf } from '../api/workbench';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  message?: string;
  /** Error code, shown in monospace before the message. */
  code?: string;
}

interface ToastState {
  toasts: Toast[];
}

const MAX_TOASTS = 5;
const FADE_MS = 5000;
let nextId = 1;

export const useToasts = create<ToastState>(() => ({ toasts: [] }));

/** Shows a toast; returns its id. */
export function pushToast(toast: Omit<Toast, 'id'>): number {
  const id = nextId++;
  useToasts.setState((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
  if (toast.kind !== 'error') setTimeout(() => dismissToast(id), FADE_MS);
  return id;
}

/** Removes a toast. */
export function dismissToast(id: number): void {
  useToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

/** Shows an error with its code, e.g. title "Run failed", "tokenizer_mismatch: ...". */
export function notifyError(title: string, err: unknown): void {
  const p = errorPayloadOf(err);
  pushToast({ kind: 'error', title, code: p.code, message: p.message });
}
