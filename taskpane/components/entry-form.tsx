/**
 * What the 回款 and 退货 forms share: form state as typed, field messages shown once a field was
 * touched (or saving was tried), saving through a use case, and the footer (why saving failed, the
 * saved message, the submit button).
 */
import { useMemo, useState, type FormEvent } from "react";
import { Button, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import type { WorkbookPort } from "../../src/app/workbook-port";
import { describeIssue } from "../../src/core/i18n";
import type { Ledger } from "../../src/core/ledger";
import type { Issue, Result } from "../../src/core/result";
import { ErrorBar } from "./issue-list";
import { usePane } from "../pane-context";

/** How one entry form is checked and saved (module functions, so they are stable between renders). */
export interface EntryFormSpec<F, S> {
  /** A blank form dated `today`. */
  readonly empty: (today: string) => F;
  /** Field issues (errors and warnings) of the form as typed. */
  readonly check: (form: F, ledger: Ledger, today: string) => readonly Issue[];
  /** Appends the record; `S` is what the saved message shows. */
  readonly submit: (port: WorkbookPort, form: F, ledger: Ledger, today: string) => Promise<Result<S>>;
}

/** An entry form's state and handlers (see `useEntryForm`). */
export interface EntryFormState<F, S> {
  readonly today: string;
  readonly form: F;
  /** Field issues to show now: touched fields, or all once saving was tried. */
  readonly visible: readonly Issue[];
  readonly busy: boolean;
  /** What the last save returned, until the clerk types again. */
  readonly saved: S | null;
  /** Why the last save was refused (issues found when writing). */
  readonly submitIssues: readonly Issue[];
  /** An unexpected failure of the last save (a bug or a host failure). */
  readonly error: unknown;
  /** Sets one field as typed (and marks it touched). */
  readonly set: <K extends keyof F & string>(field: K, value: F[K]) => void;
  readonly onSubmit: (e: FormEvent) => Promise<void>;
}

/**
 * State of an entry form over `ledger`: saving is refused while a field has an error; after a save
 * the form is blank again and the ledger reloaded.
 */
export function useEntryForm<F extends object, S>(spec: EntryFormSpec<F, S>, ledger: Ledger): EntryFormState<F, S> {
  const { services, reload } = usePane();
  const today = services.today();
  const [form, setForm] = useState<F>(() => spec.empty(today));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<S | null>(null);
  const [submitIssues, setSubmitIssues] = useState<readonly Issue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const { check } = spec;
  const issues = useMemo(() => check(form, ledger, today), [check, form, ledger, today]);
  const visible = issues.filter((i) => attempted || touched.has(i.at?.field ?? ""));

  const set = <K extends keyof F & string>(field: K, value: F[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((t) => new Set(t).add(field));
    setSaved(null);
    setSubmitIssues([]);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setError(null);
    if (issues.some((i) => (i.severity ?? "error") === "error")) return;
    setBusy(true);
    try {
      const r = await spec.submit(services.port, form, ledger, today);
      if (r.ok) {
        setSaved(r.value);
        setForm(spec.empty(today));
        setTouched(new Set());
        setAttempted(false);
        await reload();
      } else setSubmitIssues(r.issues);
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { today, form, visible, busy, saved, submitIssues, error, set, onSubmit };
}

/** The end of an entry form: refused-save issues, an unexpected error, the saved message, the submit button. */
export function EntryFormFooter<S>({ state, savedText, savedTestId, submitLabel }: { readonly state: Pick<EntryFormState<object, S>, "submitIssues" | "error" | "saved" | "busy">; readonly savedText: (saved: S) => string; readonly savedTestId: string; readonly submitLabel: string }) {
  const { ui, locale } = usePane();
  const { submitIssues, error, saved, busy } = state;
  return (
    <>
      {submitIssues.length > 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{submitIssues.map((i) => describeIssue(i, locale)).join("；")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? <ErrorBar error={error} title={ui("common.failed")} /> : null}
      {saved ? (
        <MessageBar intent="success" data-testid={savedTestId}>
          <MessageBarBody>{savedText(saved)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {submitLabel}
        </Button>
        {busy ? <Spinner size="tiny" label={ui("common.saving")} /> : null}
      </div>
    </>
  );
}
