// The header bar: which host and database this window talks to, engine status, the theme switch and
// the help button. (Pages carry their own titles.)
import { useEngineStatus } from '../state/engine-status';
import { cycleTheme, useThemePreference } from '../state/theme';
import { EngineIndicator } from './EngineIndicator';
import { Icon } from '../ui/Icon';

export interface AppHeaderProps {
  onHelp: () => void;
}

const themeLabels = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;

/** Top bar of the window. */
export function AppHeader({ onHelp }: AppHeaderProps) {
  const preference = useThemePreference((s) => s.preference);
  const icon = preference === 'system' ? 'system' : preference === 'light' ? 'sun' : 'moon';
  const info = useEngineStatus((s) => s.info);
  return (
    <header className="app-header">
      {info && (
        <div className="app-header-db" title={`Database: ${info.dbPath}`}>
          <span className="faint">{info.host === 'serve' ? 'browser mode' : info.host}</span>
          <span className="mono faint">{info.dbPath}</span>
        </div>
      )}
      <div className="spacer" />
      <EngineIndicator />
      <button type="button" className="header-button" onClick={cycleTheme} title={`${themeLabels[preference]} (click to change)`} aria-label={themeLabels[preference]} data-testid="theme-toggle">
        <Icon name={icon} />
      </button>
      <button type="button" className="header-button" onClick={onHelp} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" aria-keyshortcuts="?">
        <Icon name="help" />
      </button>
    </header>
  );
}
