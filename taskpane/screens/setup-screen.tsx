/**
 * 台账设置: what the add-in found in the open workbook — each sheet's role and column mapping with
 * the reason — corrections by dropdown (re-imported in memory at once, so the preview of rejected
 * rows follows every correction), then convert (with progress). Source sheets are only read.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge, Button, Card, Dropdown, MessageBar, MessageBarBody, MessageBarTitle, Option, ProgressBar, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { describeIssue } from "../../src/core/i18n";
import type { Issue } from "../../src/core/result";
import { SHEET_ROLES, type SheetRole } from "../../src/core/import/types";
import { columnLetter } from "../../src/core/sheet-spec";
import { describeReason, describeUncertain } from "../../src/core/import/report";
import type { LocatedUncertain } from "../../src/core/import/outcomes";
import { usePane } from "../pane-context";
import { ErrorBar, IssueList } from "../components/issue-list";
import { convertLedger, detectSheets, fieldsOfRole, importFieldLabel, previewImport, type ConvertSummary, type ImportPreview, type SetupOverrides, type SetupPlan, type SetupSheet } from "../ledger-api";

const useStyles = makeStyles({
  col: { display: "flex", flexDirection: "column", gap: "8px" },
  card: { padding: "8px 12px", gap: "6px" },
  head: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  map: { display: "grid", gridTemplateColumns: "minmax(64px, 0.7fr) minmax(0, 1.3fr)", gap: "4px 8px", alignItems: "center" },
  dropdown: { minWidth: "0", width: "100%" },
  reason: { color: tokens.colorNeutralForeground3, fontSize: "12px", overflowWrap: "anywhere" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
  list: { margin: 0, paddingInlineStart: "18px", fontSize: "12px" },
});

type Phase = { kind: "idle" } | { kind: "busy"; what: "detect" | "convert"; done: number; total: number } | { kind: "error"; error: unknown };

const NO_OVERRIDES: SetupOverrides = { roles: {}, mappings: {} };

/** The setup screen. */
export function SetupScreen() {
  const s = useStyles();
  const { services, ui, locale, reload, ledger } = usePane();
  const [plan, setPlan] = useState<SetupPlan | null>(null);
  const [overrides, setOverrides] = useState<SetupOverrides>(NO_OVERRIDES);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [converted, setConverted] = useState<ConvertSummary | null>(null);
  const [convertIssues, setConvertIssues] = useState<readonly Issue[]>([]);
  const first = useRef(true);

  const progress = (what: "detect" | "convert") => (done: number, total: number) => setPhase({ kind: "busy", what, done, total });

  const detect = useCallback(async () => {
    setPhase({ kind: "busy", what: "detect", done: 0, total: 0 });
    try {
      setPlan(await detectSheets(services.port, NO_OVERRIDES, locale, (d, t) => setPhase({ kind: "busy", what: "detect", done: d, total: t })));
      setOverrides(NO_OVERRIDES);
      setPhase({ kind: "idle" });
    } catch (e: unknown) {
      setPhase({ kind: "error", error: e });
    }
  }, [services.port, locale]);

  useEffect(() => {
    void detect();
  }, [detect]);

  // Corrections re-run the import in memory on the grids already read.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let live = true;
    previewImport(services.port, overrides, locale)
      .then((p) => live && setPlan(p))
      .catch((e: unknown) => live && setPhase({ kind: "error", error: e }));
    return () => {
      live = false;
    };
  }, [overrides, services.port, locale]);

  const runConvert = async () => {
    setPhase({ kind: "busy", what: "convert", done: 0, total: 0 });
    setConverted(null);
    setConvertIssues([]);
    try {
      const r = await convertLedger(services.port, overrides, locale, progress("convert"));
      if (r.ok) setConverted(r.value);
      else setConvertIssues(r.issues);
      setPhase({ kind: "idle" });
      await reload();
      if (r.ok) await detect();
    } catch (e: unknown) {
      setPhase({ kind: "error", error: e });
    }
  };

  const setRole = (sheet: string, role: SheetRole) => setOverrides((o) => ({ ...o, roles: { ...o.roles, [sheet]: role } }));
  const setMapping = (sheet: string, field: string, column: string) => setOverrides((o) => ({ ...o, mappings: { ...o.mappings, [sheet]: { ...(o.mappings[sheet] ?? {}), [field]: column } } }));

  const busy = phase.kind === "busy";
  const alreadyConverted = ledger.status === "ready" && ledger.converted;
  const userSheets = plan?.sheets.filter((x) => !x.owned) ?? [];
  const ownedSheets = plan?.sheets.filter((x) => x.owned) ?? [];

  return (
    <section aria-label={ui("tab.setup")} className={s.col} data-testid="setup-screen">
      {alreadyConverted ? (
        <MessageBar intent="success" layout="multiline" data-testid="setup-converted">
          <MessageBarBody>{ui("setup.alreadyConverted", { tables: ledger.status === "ready" ? ledger.tables.join("、") : "" })}</MessageBarBody>
        </MessageBar>
      ) : plan ? (
        <Text>{ui("setup.intro", { n: userSheets.length })}</Text>
      ) : null}
      {!alreadyConverted && plan ? <Text size={200} className={s.reason}>{ui("setup.untouched")}</Text> : null}

      {phase.kind === "busy" ? (
        <div aria-live="polite" data-testid="setup-progress">
          <ProgressBar value={phase.total > 0 ? Math.min(1, phase.done / phase.total) : undefined} thickness="large" aria-label={ui(phase.what === "convert" ? "setup.converting" : "setup.detecting")} />
          <Text size={200}>{phase.total > 0 ? ui("setup.progress", { done: phase.done, total: phase.total }) : ui(phase.what === "convert" ? "setup.converting" : "setup.detecting")}</Text>
        </div>
      ) : null}
      {phase.kind === "error" ? <ErrorBar error={phase.error} title={ui("common.failed")} /> : null}
      {converted ? <ConvertedView summary={converted} /> : null}
      {!alreadyConverted && plan ? <UncertainList items={plan.preview.uncertain} /> : null}
      <IssueList issues={convertIssues} locale={locale} title={ui("setup.convertFailed")} />

      {!alreadyConverted && plan ? (
        <>
          {userSheets.map((sh) => (
            <SheetCard key={sh.name} sheet={sh} onRole={setRole} onMapping={setMapping} />
          ))}
          <PreviewView preview={plan.preview} />
          <div className={s.actions}>
            <Button appearance="primary" onClick={() => void runConvert()} disabled={busy} data-testid="setup-convert">
              {ui("setup.convert")}
            </Button>
            <Button appearance="subtle" onClick={() => void detect()} disabled={busy}>
              {ui("setup.redetect")}
            </Button>
          </div>
        </>
      ) : null}
      {ownedSheets.length > 0 ? (
        <Text size={200} className={s.reason}>
          {ui("setup.ownedList", { sheets: ownedSheets.map((o) => o.name).join("、") })}
        </Text>
      ) : null}
      {!plan && phase.kind !== "error" && phase.kind !== "busy" ? <Spinner label={ui("setup.detecting")} /> : null}
    </section>
  );
}

function SheetCard(props: { sheet: SetupSheet; onRole: (sheet: string, role: SheetRole) => void; onMapping: (sheet: string, field: string, column: string) => void }) {
  const s = useStyles();
  const { ui, locale } = usePane();
  const { sheet } = props;
  const byField = new Map(sheet.mapping.map((m) => [m.field as string, m]));
  const roleId = `role-${sheet.name}`;
  // A column choice the import is not sure of opens the mapping: the clerk settles it there.
  const [open, setOpen] = useState(sheet.confidence < 0.6 || sheet.uncertain.length > 0);
  const unsure = new Map(sheet.uncertain.map((u) => [u.field as string, u]));
  const fields = fieldsOfRole(sheet.role);
  const mappedCount = fields.filter((f) => byField.has(f)).length;
  return (
    <Card className={s.card} data-sheet={sheet.name}>
      <div className={s.head}>
        <Text weight="semibold">{sheet.name}</Text>
        <Badge appearance="tint" color={sheet.confidence >= 0.6 ? "success" : "warning"}>
          {ui("setup.confidence", { pct: Math.round(sheet.confidence * 100) })}
        </Badge>
      </div>
      <Text size={200}>{sheet.headerRow === null ? ui("setup.noHeader") : ui("setup.headerRow", { row: sheet.headerRow + 1, rows: sheet.dataRows })}</Text>
      <div className={s.map}>
        <label htmlFor={roleId}>{ui("setup.role")}</label>
        <Dropdown
          id={roleId}
          className={s.dropdown}
          size="small"
          value={ui(`role.${sheet.role}`)}
          selectedOptions={[sheet.role]}
          onOptionSelect={(_e, d) => d.optionValue && props.onRole(sheet.name, d.optionValue as SheetRole)}
          data-testid={`role-${sheet.name}`}
        >
          {SHEET_ROLES.map((r) => (
            <Option key={r} value={r}>
              {ui(`role.${r}`)}
            </Option>
          ))}
        </Dropdown>
      </div>
      {sheet.reasons.length > 0 ? (
        <ul className={`${s.list} ${s.reason}`}>
          {sheet.reasons.map((i, k) => (
            <li key={k}>{describeReason(i, locale)}</li>
          ))}
        </ul>
      ) : null}
      {sheet.role !== "other" && sheet.headers.length > 0 ? (
        <Button appearance="transparent" size="small" aria-expanded={open} onClick={() => setOpen((o) => !o)} style={{ justifyContent: "flex-start", paddingInline: 0 }}>
          {ui(open ? "setup.hideMapping" : "setup.showMapping", { n: mappedCount, total: fields.length })}
        </Button>
      ) : null}
      {open && sheet.role !== "other" && sheet.headers.length > 0 ? (
        <div className={s.map} role="group" aria-label={ui("setup.mapping")}>
          {fields.map((f) => {
            const chosen = byField.get(f);
            const id = `map-${sheet.name}-${f}`;
            const text = (col: number, header: string) => `${columnLetter(col)} · ${header}`;
            return [
              <label key={`${f}-l`} htmlFor={id}>
                {importFieldLabel(f, locale)}
              </label>,
              <div key={`${f}-d`}>
                <Dropdown
                  id={id}
                  className={s.dropdown}
                  size="small"
                  placeholder={ui("setup.unmapped")}
                  value={chosen ? text(chosen.col, chosen.header) : ""}
                  selectedOptions={chosen ? [columnLetter(chosen.col)] : []}
                  onOptionSelect={(_e, d) => d.optionValue && props.onMapping(sheet.name, f, d.optionValue)}
                >
                  {sheet.headers.map((h) => (
                    <Option key={h.col} value={columnLetter(h.col)} text={text(h.col, h.header)}>
                      {text(h.col, h.header)}
                    </Option>
                  ))}
                </Dropdown>
                {chosen ? <div className={s.reason}>{ui(`setup.how.${chosen.how}`, { matched: chosen.matched })}</div> : null}
                {unsure.has(f) ? (
                  <div className={s.reason} data-testid={`uncertain-${sheet.name}-${f}`}>
                    {ui("setup.uncertainHere", { choice: describeUncertain(unsure.get(f)!, locale) })}
                  </div>
                ) : null}
              </div>,
            ];
          })}
        </div>
      ) : null}
    </Card>
  );
}

export function PreviewView({ preview }: { preview: ImportPreview }) {
  const s = useStyles();
  const { ui, locale } = usePane();
  return (
    <Card className={s.card} data-testid="setup-preview-result">
      <Text weight="semibold">{ui("setup.previewTitle")}</Text>
      <ul className={s.list}>
        {preview.tallies.map((t) => (
          <li key={t.sheet}>{ui("setup.tally", { sheet: t.sheet, role: ui(`role.${t.role}`), imported: t.imported, rejected: t.rejected, skipped: t.skipped })}</li>
        ))}
      </ul>
      {preview.rejected.length === 0 ? (
        <Text>{ui("setup.noRejected")}</Text>
      ) : (
        <>
          <Text>{ui("setup.rejectedN", { n: preview.rejected.length })}</Text>
          <ul className={s.list} data-testid="setup-rejected">
            {preview.rejected.slice(0, 50).map((r, k) => (
              <li key={k}>{r.issues.map((i) => describeIssue({ ...i, at: { sheet: r.sheet, row: r.row, ...(i.at ?? {}) } }, locale)).join("；")}</li>
            ))}
            {preview.rejected.length > 50 ? <li>{ui("common.more", { n: preview.rejected.length - 50 })}</li> : null}
          </ul>
        </>
      )}
      <IssueList issues={preview.warnings} locale={locale} title={ui("setup.warningsN", { n: preview.warnings.length })} max={8} moreText={(n) => ui("common.more", { n })} testId="setup-warnings" />
    </Card>
  );
}

/** The column choices the import is not sure of, every sheet's, before anything else. */
export function UncertainList({ items }: { items: readonly LocatedUncertain[] }) {
  const s = useStyles();
  const { ui, locale } = usePane();
  if (items.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="setup-uncertain">
      <MessageBarBody>
        <MessageBarTitle>{ui("setup.uncertainTitle", { n: items.length })}</MessageBarTitle>
        <ul className={s.list}>
          {items.map((u, k) => (
            <li key={k}>{ui("setup.uncertainLine", { sheet: u.sheet, choice: describeUncertain(u.choice, locale), field: importFieldLabel(u.choice.field, locale) })}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** What a conversion did: the sheets made, the counts, then the choices to confirm and every warning. */
export function ConvertedView({ summary }: { summary: ConvertSummary }) {
  const { ui, locale } = usePane();
  return (
    <>
      <MessageBar intent="success" layout="multiline" data-testid="setup-done">
        <MessageBarBody>
          <MessageBarTitle>{ui("setup.done")}</MessageBarTitle>
          {ui("setup.doneDetail", { sheets: summary.createdSheets.join("、"), orders: summary.orders, payments: summary.payments, rejected: summary.rejected })}
          {summary.issues.length > 0 ? ` ${ui("setup.doneWarnings", { n: summary.issues.length })}` : ""}
        </MessageBarBody>
      </MessageBar>
      <UncertainList items={summary.uncertain} />
      <IssueList issues={summary.issues} locale={locale} title={ui("setup.warningsN", { n: summary.issues.length })} max={8} moreText={(n) => ui("common.more", { n })} testId="setup-done-warnings" />
    </>
  );
}
