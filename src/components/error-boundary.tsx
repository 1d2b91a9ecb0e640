import { Component, type ReactNode } from 'react';

interface Props {
  /** What part of the screen this guards, named in the message. */
  area: string;
  children: ReactNode;
}

/** Keeps one broken panel from taking the whole window down; offers a retry without reload. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="m-4 rounded-md border border-rose-800 bg-rose-950/60 p-4 text-sm text-rose-100">
        <p>The {this.props.area} panel ran into a problem and was closed. Your data is safe.</p>
        <button type="button" className="mt-2 underline" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}
