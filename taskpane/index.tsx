/**
 * Task pane entry (webpack entry `taskpane/index.tsx`, template `taskpane/taskpane.html`): waits for
 * Office, wraps the workbook in the Office.js WorkbookPort and renders the pane.
 */
import { createRoot } from "react-dom/client";
import { pickLocale } from "../src/core/i18n";
import { App } from "./app";
import { createOfficePort, officeTablesChanged } from "./office-host";
import { localIsoDate, type PaneServices } from "./services";

Office.onReady(() => {
  const root = document.getElementById("root");
  if (!root) throw new Error("taskpane.html has no #root element");
  const port = createOfficePort();
  const services: PaneServices = {
    port,
    locale: pickLocale(Office.context.displayLanguage),
    today: () => localIsoDate(new Date()),
    // Table events need ExcelApi 1.7; without them the pane says auto-refresh is unavailable.
    ...(Office.context.requirements.isSetSupported("ExcelApi", "1.7") ? { onTablesChanged: officeTablesChanged(port) } : {}),
  };
  createRoot(root).render(<App services={services} />);
});
