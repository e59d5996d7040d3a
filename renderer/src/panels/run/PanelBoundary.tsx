// An error boundary around views owned by other features (method panels, pages): a bug there shows
// a contained message instead of blanking the app.
import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';

export interface PanelBoundaryProps {
  /** What failed, for the message ("Method panels"). */
  name: string;
  children: ReactNode;
  /** Changing this resets the boundary (e.g. the run id). */
  resetKey?: string;
}

interface State {
  error: Error | null;
  key: string | undefined;
}

/** Catches render errors of its children. */
export class PanelBoundary extends Component<PanelBoundaryProps, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: PanelBoundaryProps, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="error-box" role="alert">
          <span className="error-code">internal</span>: {this.props.name} could not be shown ({this.state.error.message}).
        </div>
      );
    }
    return this.props.children;
  }
}
