/**
 * 对账: the confirmed balances the ledger no longer agrees with (a line edited inside a period the
 * customer already confirmed), as a warning list on top of the screen, so the clerk sees them
 * before she sends or records anything. Nothing when there are none.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import type { Issue } from "../../src/core/result";
import { usePane } from "../pane-context";
import { breachRows } from "../confirmation-breaches";

/** Most rows shown; the rest are counted (a 320 px pane). */
const MAX_SHOWN = 10;

/** The warning list of confirmation breaches among the ledger's load `issues`. */
export function ConfirmationBreaches({ issues }: { readonly issues: readonly Issue[] }) {
  const { ui } = usePane();
  const rows = breachRows(issues);
  if (rows.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="confirmation-breaches">
      <MessageBarBody>
        <MessageBarTitle>{ui("reconcile.breachesTitle", { n: rows.length })}</MessageBarTitle>
        <ul style={{ margin: "4px 0", paddingInlineStart: "18px" }}>
          {rows.slice(0, MAX_SHOWN).map((r) => (
            <li key={`${r.asOf}|${r.customer}`} data-breach={r.customer}>
              {ui("reconcile.breach", { ...r })}
            </li>
          ))}
          {rows.length > MAX_SHOWN ? <li>{ui("common.more", { n: rows.length - MAX_SHOWN })}</li> : null}
        </ul>
        <Text size={200}>{ui("reconcile.breachesHint")}</Text>
      </MessageBarBody>
    </MessageBar>
  );
}
