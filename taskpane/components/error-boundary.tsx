/** Keeps one screen's bug from blanking the whole pane: shows the error and a way back. */
import { Component, type ReactNode } from "react";
import { Button } from "@fluentui/react-components";
import { ErrorBar } from "./issue-list";

interface Props {
  readonly title: string;
  readonly retry: string;
  readonly children: ReactNode;
}

/** Error boundary around a screen; `key` it by screen so switching tabs starts afresh. */
export class ScreenErrorBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div style={{ display: "flex", flexDirection: "column", gap: "8px" }}>
        <ErrorBar error={this.state.error} title={this.props.title} />
        <div>
          <Button onClick={() => this.setState({ error: null })}>{this.props.retry}</Button>
        </div>
      </div>
    );
  }
}
