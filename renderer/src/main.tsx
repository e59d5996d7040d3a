// Renderer entry: theme, the host connection (bridge + validating client), live run events and
// engine status subscriptions, the model list, then the app shell.
import './styles/theme.css';
import './styles/base.css';
import { createRoot } from 'react-dom/client';
import { getTransport, initWorkbench } from './api/workbench';
import { App } from './shell/App';
import { connectEngineStatus } from './state/engine-status';
import { connectLiveRuns, resyncLiveRuns } from './state/live-runs';
import { loadModels } from './state/models';
import { initTheme } from './state/theme';

initTheme();
const client = initWorkbench();
connectLiveRuns(client);
connectEngineStatus(client, getTransport(), () => void resyncLiveRuns(client));
void loadModels();

createRoot(document.getElementById('root')!).render(<App />);
