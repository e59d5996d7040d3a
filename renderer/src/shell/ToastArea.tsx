// The toast stack (bottom right): errors with their code, confirmations; a polite live region.
import { dismissToast, useToasts } from '../state/toasts';

/** Renders the current toasts. */
export function ToastArea() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="toast-area" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <div className="toast-body">
            <div className="toast-title">{t.title}</div>
            {(t.code || t.message) && (
              <div className="toast-message">
                {t.code && <span className="error-code">{t.code}</span>}
                {t.code && t.message ? ': ' : ''}
                {t.message}
              </div>
            )}
          </div>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
