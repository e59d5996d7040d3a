// The "?" overlay: every keyboard shortcut, grouped by where it works.
import { glossary } from '../ui/glossary';
import { Modal } from '../ui/Modal';
import { shortcutGroups } from '../state/shortcuts';

export interface HelpOverlayProps {
  open: boolean;
  onClose: () => void;
}

/** Keyboard shortcut reference. */
export function HelpOverlay({ open, onClose }: HelpOverlayProps) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts and glossary" size="lg">
      <div className="help-grid">
        {shortcutGroups.map((g) => (
          <section key={g.title} className="help-group">
            <h3>{g.title}</h3>
            <dl>
              {g.shortcuts.map((s) => (
                <div key={s.description} className="help-row">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="faint"> or </span>}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <section className="help-group" aria-label="Glossary">
        <h3>Glossary</h3>
        <dl className="help-glossary">
          {Object.entries(glossary).map(([term, definition]) => (
            <div key={term} className="help-row">
              <dt>{term}</dt>
              <dd>{definition}</dd>
            </div>
          ))}
        </dl>
      </section>
      <p className="faint help-note">
        In a browser, Ctrl+1..6 may switch browser tabs instead; the g-sequences always work. Shortcuts other than Ctrl+Enter and Esc are off while typing in a field.
      </p>
    </Modal>
  );
}
