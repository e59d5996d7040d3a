// The app shell: navigation rail, header, the routed page, toasts and the shortcut overlay.
import { useCallback, useState } from 'react';
import { ComparePage } from '../compare/ComparePage';
import { DatasetsPage } from '../datasets/DatasetsPage';
import { ExpertsPage } from '../experts/ExpertsPage';
import { ModelsPage } from '../models/ModelsPage';
import { PlaygroundPage } from '../playground/PlaygroundPage';
import { PanelBoundary } from '../panels/run/PanelBoundary';
import { RunsPage } from '../runs/RunsPage';
import { RunViewPage } from '../runs/RunViewPage';
import { RunComparePage } from '../runs/compare-view/RunComparePage';
import type { Route } from '../state/router';
import { useRoute } from '../state/router';
import { AppHeader } from './AppHeader';
import { HelpOverlay } from './HelpOverlay';
import { NavRail } from './NavRail';
import { ToastArea } from './ToastArea';
import { navItems } from '../state/shortcuts';
import { useGlobalShortcuts } from './use-global-shortcuts';
import './shell.css';

function titleOf(route: Route): string {
  if (route.page === 'runs' && route.rest[0] === 'compare') return 'Compare runs';
  if (route.page === 'runs' && route.rest[0]) return 'Run';
  return navItems.find((n) => n.page === route.page)?.label ?? '';
}

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'playground':
      return <PlaygroundPage fromRunId={route.query.from ?? null} />;
    case 'runs':
      if (route.rest[0] === 'compare') return <RunComparePage ids={(route.query.ids ?? '').split(',').filter(Boolean)} backHash={route.query.back} backLabel={route.query.backLabel} />;
      return route.rest[0] ? <RunViewPage runId={route.rest[0]} /> : <RunsPage />;
    case 'compare':
      return <ComparePage />;
    case 'datasets':
      return <DatasetsPage />;
    case 'models':
      return <ModelsPage />;
    case 'experts':
      return <ExpertsPage />;
  }
}

/** The whole window. */
export function App() {
  const route = useRoute();
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useGlobalShortcuts(toggleHelp);
  const pageKey = `${route.page}/${route.rest.join('/')}`;
  return (
    <div className="app">
      <NavRail current={route.page} />
      <div className="app-main">
        <AppHeader onHelp={toggleHelp} />
        <main className="app-content" id="content" data-page={route.page}>
          <PanelBoundary name={`The ${titleOf(route)} page`} resetKey={pageKey}>
            <PageFor route={route} />
          </PanelBoundary>
        </main>
      </div>
      <ToastArea />
      <HelpOverlay open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
