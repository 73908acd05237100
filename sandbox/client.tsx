/**
 * The sandbox page (browser): loads /workbook.json into the in-memory Excel fake, wraps the fake's
 * `run` in the real Office.js WorkbookPort (src/hosts/excel), and renders the real task pane on the
 * left and the workbook grid on the right. `?lang=en-US` switches the pane to English; `?today=`
 * pins the pane's date (the e2e tests do, so defaults are reproducible); `?paneWidth=320` narrows it.
 */
import { StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { FakeExcel } from "../test/excel-fake";
import { pickLocale } from "../src/core/i18n";
import { App } from "../taskpane/app";
import { localIsoDate, type PaneServices } from "../taskpane/services";
import { createFakePort } from "./fake-port";
import { observePort, type PortChange } from "./observe-port";
import { Grid } from "./grid";
import type { WorkbookSnapshot } from "./snapshot";

// test/excel-fake measures payloads with Node's Buffer.byteLength; the page gives it the same count.
const g = globalThis as unknown as { Buffer?: unknown };
if (g.Buffer === undefined) {
  const utf8 = new TextEncoder();
  g.Buffer = { byteLength: (s: string) => utf8.encode(s).length };
}

/** Loads a snapshot into a fresh fake workbook. */
export function loadSnapshot(snapshot: WorkbookSnapshot): FakeExcel {
  const fake = new FakeExcel();
  fake.date1904 = snapshot.date1904;
  for (const sh of snapshot.sheets) {
    const state = fake.addSheet(sh.name, sh.values, {
      formats: sh.formats,
      formulas: sh.formulas,
      visibility: sh.visibility === "visible" ? "Visible" : sh.visibility === "hidden" ? "Hidden" : "VeryHidden",
    });
    for (const m of sh.merges) state.merges.push({ row: m.row, col: m.col, rows: m.rowEnd - m.row + 1, cols: m.colEnd - m.col + 1 });
  }
  fake.resetLog();
  return fake;
}

function Sandbox({ fake, params }: { fake: FakeExcel; params: URLSearchParams }) {
  const [version, setVersion] = useState(0);
  const [focus, setFocus] = useState<string | null>(null);
  const services = useMemo<PaneServices>(() => {
    const onChange = (c: PortChange) => {
      setVersion((v) => v + 1);
      if (c.kind === "table") setFocus(null);
      if (c.kind === "sheet") setFocus(c.sheet);
    };
    const host = createFakePort(fake);
    const today = params.get("today");
    return {
      port: observePort(host, onChange),
      locale: pickLocale(params.get("lang") ?? "zh-CN"),
      today: () => today ?? localIsoDate(new Date()),
      // The host's own subscription (workbook tables.onChanged), served by the fake's table events.
      onTablesChanged: (cb) => host.onTablesChanged(cb),
    };
  }, [fake, params]);
  (window as unknown as { sandbox: unknown }).sandbox = { fake, port: services.port };
  return (
    <div className="sandbox">
      <aside className="pane" aria-label="任务窗格" data-testid="taskpane" style={paneStyle(params)}>
        <App services={services} />
      </aside>
      <div className="sheet" data-testid="grid">
        <Grid port={services.port} version={version} focusSheet={focus} />
        <p className="syncs" data-testid="sync-count">
          sync × {fake.syncCount}
        </p>
      </div>
    </div>
  );
}

/** `?paneWidth=320`: the narrowest task pane Excel gives. */
function paneStyle(params: URLSearchParams): { width: string; flexBasis: string } | undefined {
  const w = Number(params.get("paneWidth"));
  return Number.isFinite(w) && w >= 200 ? { width: `${w}px`, flexBasis: `${w}px` } : undefined;
}

async function main(): Promise<void> {
  const root = document.getElementById("root");
  if (!root) throw new Error("sandbox page has no #root");
  const res = await fetch("/workbook.json");
  if (!res.ok) throw new Error(`workbook.json: HTTP ${res.status}`);
  const snapshot = (await res.json()) as WorkbookSnapshot;
  const fake = loadSnapshot(snapshot);
  document.title = `${snapshot.source} · 销售内勤台账沙盒`;
  createRoot(root).render(
    <StrictMode>
      <Sandbox fake={fake} params={new URLSearchParams(location.search)} />
    </StrictMode>,
  );
}

main().catch((e: unknown) => {
  const root = document.getElementById("root");
  if (root) root.textContent = `沙盒启动失败：${e instanceof Error ? e.message : String(e)}`;
  throw e;
});
