/**
 * Webpack entry `commands` (loaded by the shared-runtime page taskpane.html, the manifest's
 * FunctionFile): the ExecuteFunction handlers of the ribbon buttons 生成日报 / 生成月报 / 生成年报 /
 * 生成对账单. Each runs the same use case as the task pane on the Excel host, always calls
 * `event.completed()` (in `finally`), and tells the clerk what happened in a small Office dialog
 * (`Office.context.ui.displayDialogAsync`, the documented way for a command without UI to talk
 * to the user) showing notice.html.
 */
import { pickLocale, t } from "../src/core/i18n";
import { generateReport } from "../src/app/generate-report";
import { generateStatements } from "../src/app/generate-statements";
import { ExcelWorkbook } from "../src/hosts/excel/excel-workbook";
import { COMMAND_FUNCTIONS, runCommand, type CommandKind, type Notice } from "./run-command";
import { noticeUrl } from "./notice-url";

let port: ExcelWorkbook | undefined;
let busy = false;

/** Today's local civil date (the clerk's day). */
function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Show a notice in a dialog; if Office refuses a dialog (one already open), open the task pane instead. */
function showNotice(notice: Notice): void {
  const url = noticeUrl(window.location.href, notice);
  Office.context.ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe: true }, (result) => {
    if (result.status === Office.AsyncResultStatus.Failed) {
      void Office.addin.showAsTaskpane();
      return;
    }
    const dialog = result.value;
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
  });
}

async function handle(kind: CommandKind, event: Office.AddinCommands.Event): Promise<void> {
  const locale = pickLocale(Office.context.displayLanguage);
  let mine = false;
  try {
    if (busy) {
      showNotice({ ok: false, title: t("functions.command.title", {}, locale), message: t("functions.command.busy", {}, locale), sheets: [] });
      return;
    }
    busy = mine = true;
    port ??= new ExcelWorkbook();
    showNotice(await runCommand(kind, { port, today: localToday(), locale, generateReport, generateStatements }));
  } catch (e) {
    showNotice({ ok: false, title: t("functions.command.title", {}, locale), message: t("functions.command.failed", { message: e instanceof Error ? e.message : String(e) }, locale), sheets: [] });
  } finally {
    if (mine) busy = false;
    event.completed();
  }
}

for (const [name, kind] of Object.entries(COMMAND_FUNCTIONS)) {
  Office.actions.associate(name, (event: Office.AddinCommands.Event) => handle(kind, event));
}
