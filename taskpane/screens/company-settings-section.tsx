/**
 * 本公司信息 · 对账设置: the collapsible top section of the 对账 screen where the clerk fills in her
 * company's header (名称, 地址, 电话, 开户行及账号) and the settlement cut-off day, kept in the
 * workbook's settings. Open by itself while the company name is missing.
 */
import { useRef, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Issue } from "../../src/core/result";
import { COMPANY_SETTINGS, STATEMENT_SETTINGS, DEFAULT_CUTOFF_DAY, parseCutoffDay } from "../../src/app/generate-statements";
import { usePane } from "../pane-context";
import { useFormStyles } from "../components/form-styles";
import { FormField } from "../components/form-field";
import { ErrorBar, IssueList } from "../components/issue-list";
import { CALENDAR_MONTH_CUTOFF, checkCompanySettings, formFromSettings, type CompanySettingsForm, type StoredSettings } from "../company-settings";
import { saveCompanySettings } from "../ledger-api";

const useStyles = makeStyles({
  item: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, minWidth: "0" },
  header: { minWidth: "0", "& .fui-AccordionHeader__button": { minWidth: "0", height: "auto", paddingBlock: "6px" } },
  headerText: { display: "flex", flexDirection: "column", minWidth: "0" },
  summary: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  missing: { color: tokens.colorPaletteDarkOrangeForeground1 },
  panel: { marginInline: "12px", paddingBottom: "12px" },
});

/** The settings as the 对账 screen holds them. */
export type SettingsState =
  | { readonly status: "loading" }
  | { readonly status: "error"; readonly error: unknown }
  | { readonly status: "ready"; readonly stored: StoredSettings };

/** The cut-off day the stored settings say (25 when unset). */
export function storedCutoff(stored: StoredSettings): number {
  return parseCutoffDay(stored[STATEMENT_SETTINGS.cutoffDay] ?? null) ?? DEFAULT_CUTOFF_DAY;
}

export interface CompanySettingsSectionProps {
  readonly settings: SettingsState;
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly onSaved: (stored: StoredSettings) => void;
}

const ITEM = "company";

/** 每月 25 日截止 / 自然月. */
function cutoffWords(ui: ReturnType<typeof usePane>["ui"], cutoff: number): string {
  return cutoff === CALENDAR_MONTH_CUTOFF ? ui("company.cutoffIsMonth") : ui("company.cutoffIsDay", { day: cutoff });
}

/** The section. */
export function CompanySettingsSection({ settings, open, onOpenChange, onSaved }: CompanySettingsSectionProps) {
  const s = { ...useStyles(), ...useFormStyles() };
  const { ui } = usePane();
  const name = settings.status === "ready" ? (settings.stored[COMPANY_SETTINGS.name] ?? "") : "";
  const cutoff = settings.status === "ready" ? storedCutoff(settings.stored) : DEFAULT_CUTOFF_DAY;

  return (
    <Accordion collapsible openItems={open ? [ITEM] : []} onToggle={(_e, d) => onOpenChange(d.openItems.includes(ITEM))}>
      <AccordionItem value={ITEM} className={s.item} data-testid="company-settings">
        <AccordionHeader className={s.header} data-testid="company-toggle">
          <span className={s.headerText}>
            <Text weight="semibold">{ui("company.title")}</Text>
            {settings.status === "ready" ? (
              <Text size={200} className={name ? s.summary : s.missing} data-testid="company-summary">
                {name ? ui("company.summary", { name, cutoff: cutoffWords(ui, cutoff) }) : ui("company.notSet")}
              </Text>
            ) : null}
          </span>
        </AccordionHeader>
        <AccordionPanel className={s.panel}>
          {settings.status === "loading" ? <Spinner size="tiny" label={ui("company.loading")} /> : null}
          {settings.status === "error" ? <ErrorBar error={settings.error} title={ui("company.loadFailed")} /> : null}
          {settings.status === "ready" ? <SettingsForm stored={settings.stored} onSaved={onSaved} /> : null}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

function SettingsForm({ stored, onSaved }: { stored: StoredSettings; onSaved: (stored: StoredSettings) => void }) {
  const s = { ...useStyles(), ...useFormStyles() };
  const { services, ui, locale } = usePane();
  const [form, setForm] = useState<CompanySettingsForm>(() => formFromSettings(stored));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Field messages appear after the first save attempt, then follow the typing.
  const issues: readonly Issue[] = tried ? checkCompanySettings(form) : [];
  const set = (patch: Partial<CompanySettingsForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(null);
  };

  const save = async () => {
    setTried(true);
    setError(null);
    setSaved(null);
    if (checkCompanySettings(form).length > 0) {
      // Keyboard users land on the first field to fix.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const r = await saveCompanySettings(services.port, form, stored);
      // Not ok only for an invalid form, whose field messages already show (tried is set).
      if (!r.ok) return;
      setSaved(ui("company.saved", { name: form.name.trim(), cutoff: cutoffWords(ui, storedCutoff(r.value)) }));
      onSaved(r.value);
    } catch (e: unknown) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const general = issues.filter((i) => !i.at?.field);
  return (
    <form
      ref={formRef}
      className={s.form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="company-form"
    >
      <Text size={200}>{ui("company.intro")}</Text>
      <FormField label={ui("company.name")} field="name" issues={issues} locale={locale} required>
        <Input value={form.name} onChange={(_e, d) => set({ name: d.value })} autoComplete="organization" />
      </FormField>
      <FormField label={ui("company.address")} field="address" issues={issues} locale={locale}>
        <Input value={form.address} onChange={(_e, d) => set({ address: d.value })} autoComplete="street-address" />
      </FormField>
      <FormField label={ui("company.phone")} field="phone" issues={issues} locale={locale}>
        <Input type="tel" value={form.phone} onChange={(_e, d) => set({ phone: d.value })} autoComplete="tel" />
      </FormField>
      <FormField label={ui("company.bank")} field="bank" issues={issues} locale={locale}>
        <Input value={form.bank} onChange={(_e, d) => set({ bank: d.value })} />
      </FormField>
      <FormField label={ui("company.cutoff")} field="cutoffMode" issues={issues} locale={locale}>
        <RadioGroup value={form.cutoffMode} onChange={(_e, d) => set({ cutoffMode: d.value === "month" ? "month" : "day" })}>
          <Radio value="day" label={ui("company.cutoffByDay")} />
          <Radio value="month" label={ui("company.cutoffByMonth")} />
        </RadioGroup>
      </FormField>
      {form.cutoffMode === "day" ? (
        <FormField label={ui("company.cutoffDay")} field="cutoffDay" issues={issues} locale={locale} required hint={ui("company.cutoffDayHint")}>
          <Input inputMode="numeric" value={form.cutoffText} onChange={(_e, d) => set({ cutoffText: d.value })} />
        </FormField>
      ) : null}
      {general.length > 0 ? <IssueList issues={general} locale={locale} /> : null}
      {error ? <ErrorBar error={error} title={ui("common.failed")} /> : null}
      {saved ? (
        <MessageBar intent="success" layout="multiline" data-testid="company-saved">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="company-save">
          {busy ? <Spinner size="tiny" /> : ui("company.save")}
        </Button>
      </div>
    </form>
  );
}
