// Renderer entry: mounts the app.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>Reasoning Workbench</div>);
