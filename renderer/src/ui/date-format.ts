// The one date format of the app: 2026-11-25 22:10:21 in the viewer's local time (ISO order, 24 h,
// the same in every locale), its date and time halves, and "5 min ago" for recent moments. Every
// date the UI shows goes through here; stored timestamps stay ISO 8601 UTC.

/** What a missing or unreadable date shows. */
const MISSING = '–';

const pad = (n: number) => String(n).padStart(2, '0');

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-11-25 22:10:21" in local time; "–" when missing, the text itself when it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return iso ? iso : MISSING;
  return `${formatDateOf(d)} ${formatTimeOf(d)}`;
}

/** "2026-11-25" in local time. */
export function formatDate(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? formatDateOf(d) : iso ? iso : MISSING;
}

/** "22:10:21" in local time. */
export function formatTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? formatTimeOf(d) : iso ? iso : MISSING;
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatRelative(iso: string, now = Date.now()): string {
  const t = new Date(iso).getTime();
  const s = Math.round((now - t) / 1000);
  if (!Number.isFinite(s)) return iso;
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return formatDate(iso);
}

function formatDateOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function formatTimeOf(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
