// The Compare page: the experiment list (#/compare), the builder of a new experiment
// (#/compare/new), and one experiment's results (#/compare/<id>).
import { useEffect } from 'react';
import { navigate, useRoute } from '../state/router';
import { Button } from '../ui';
import { ExperimentBuilder } from './ExperimentBuilder';
import { ExperimentDetail } from './ExperimentDetail';
import { ExperimentList } from './ExperimentList';
import { followExperiments, loadExperiments, useExperiments } from './experiments-store';
import './compare.css';

/** The Compare page. */
export function ComparePage() {
  const route = useRoute();
  const { experiments, loadError, progress } = useExperiments();
  const sub = route.rest[0];

  useEffect(() => {
    const release = followExperiments();
    void loadExperiments();
    return release;
  }, []);

  if (sub === 'new') {
    return (
      <section className="page cmp-page">
        <header className="page-header">
          <h1>{route.query.from ? 'New experiment from another' : 'New experiment'}</h1>
        </header>
        <ExperimentBuilder initialDatasetId={route.query.dataset} fromExperimentId={route.query.from} />
      </section>
    );
  }
  if (sub) {
    return (
      <section className="page cmp-page">
        <ExperimentDetail key={sub} id={sub} />
      </section>
    );
  }
  return (
    <section className="page cmp-page">
      <header className="page-header">
        <h1>Experiments</h1>
        <span className="muted">methods side by side on the same items</span>
        <span className="spacer" />
        <Button variant="primary" onClick={() => navigate('compare', ['new'])}>
          New experiment
        </Button>
      </header>
      {loadError && <div className="error-box">{loadError}</div>}
      {experiments === null ? (
        <p className="muted">Loading…</p>
      ) : experiments.length === 0 ? (
        <div className="empty-state">
          <p>No experiments yet. An experiment runs several method configs (arms) over the items of a dataset and compares them against a baseline.</p>
        </div>
      ) : (
        <div className="section">
          <ExperimentList experiments={experiments} progress={progress} />
        </div>
      )}
    </section>
  );
}
