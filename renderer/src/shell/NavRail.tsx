// The left navigation: one entry per page with its icon and shortcut.
import type { PageId } from '../state/router';
import { routeHash } from '../state/router';
import { Icon } from '../ui/Icon';
import { navItems } from '../state/shortcuts';

export interface NavRailProps {
  current: PageId;
}

/** Page links; the current one is marked with aria-current. */
export function NavRail({ current }: NavRailProps) {
  return (
    <nav className="nav-rail" aria-label="Pages">
      <div className="nav-brand">
        <span className="nav-logo" aria-hidden="true">
          RW
        </span>
        <span className="nav-title">Reasoning Workbench</span>
      </div>
      <ul>
        {navItems.map((item) => (
          <li key={item.page}>
            <a
              href={routeHash(item.page)}
              className="nav-link"
              aria-current={current === item.page ? 'page' : undefined}
              aria-keyshortcuts={`g ${item.key} Control+${item.digit}`}
              title={`${item.label} (g ${item.key})`}
            >
              <Icon name={item.page} />
              <span className="nav-label">{item.label}</span>
              <kbd className="nav-kbd">g {item.key}</kbd>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
