// Engine notes of a run (NoteEvent) as banners: what a method changed or could not do on this model,
// e.g. "tree verification needs attention_bias: this model verifies paths as a batch instead".
import type { NoteEvent } from '@app/events';

export interface NoteBannersProps {
  notes: readonly NoteEvent[];
}

/** One banner per distinct note, warnings first. */
export function NoteBanners({ notes }: NoteBannersProps) {
  if (notes.length === 0) return null;
  const distinct = [...new Map(notes.map((n) => [`${n.level}:${n.message}`, n])).values()].sort((a, b) => (a.level === b.level ? 0 : a.level === 'warn' ? -1 : 1));
  return (
    <div className="mp-notes" data-testid="method-notes">
      {distinct.map((n) => (
        <div key={`${n.level}:${n.message}`} className={n.level === 'warn' ? 'mp-note is-warn' : 'mp-note'} role={n.level === 'warn' ? 'alert' : 'status'}>
          <span className="mp-note-level">{n.level === 'warn' ? 'note' : 'info'}</span>
          <span>{n.message}</span>
        </div>
      ))}
    </div>
  );
}
