/** Issues (from the app and core) worded by the core catalogues, as a Fluent message bar list. */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { describeIssue, type Locale } from "../../src/core/i18n";
import type { Issue } from "../../src/core/result";

export interface IssueListProps {
  readonly issues: readonly Issue[];
  readonly locale: Locale;
  readonly title?: string;
  /** Most shown; the rest summarized (a clerk does not read 500 lines in a 320 px pane). */
  readonly max?: number;
  readonly moreText?: (n: number) => string;
  readonly testId?: string;
}

/** Renders issues; errors red, warnings yellow. Nothing when empty. */
export function IssueList({ issues, locale, title, max = 20, moreText, testId }: IssueListProps) {
  if (issues.length === 0) return null;
  const hasError = issues.some((i) => (i.severity ?? "error") === "error");
  const shown = issues.slice(0, max);
  return (
    <MessageBar intent={hasError ? "error" : "warning"} layout="multiline" data-testid={testId}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        <ul style={{ margin: "4px 0 0", paddingInlineStart: "18px" }}>
          {shown.map((i, k) => (
            <li key={k}>{describeIssue(i, locale)}</li>
          ))}
          {issues.length > max && moreText ? <li>{moreText(issues.length - max)}</li> : null}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** An unexpected error (a bug or a host failure), shown with its message rather than swallowed. */
export function ErrorBar({ error, title }: { readonly error: unknown; readonly title: string }) {
  const text = error instanceof Error ? error.message : String(error);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {text}
      </MessageBarBody>
    </MessageBar>
  );
}
