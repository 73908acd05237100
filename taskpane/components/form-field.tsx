/** A labelled Fluent field whose message comes from issues of one form field. */
import { Field } from "@fluentui/react-components";
import type { ReactElement } from "react";
import { describeIssue, type Locale } from "../../src/core/i18n";
import type { Issue } from "../../src/core/result";

export interface FormFieldProps {
  readonly label: string;
  /** The form field name issues carry in `at.field`. */
  readonly field: string;
  readonly issues: readonly Issue[];
  readonly locale: Locale;
  readonly required?: boolean;
  readonly hint?: string;
  readonly children: ReactElement;
}

/** Issues of this field without their location prefix (the field label already says where). */
export function fieldMessages(issues: readonly Issue[], field: string, locale: Locale): { text: string; state: "error" | "warning" } | null {
  const mine = issues.filter((i) => i.at?.field === field);
  if (mine.length === 0) return null;
  const text = mine.map((i) => describeIssue({ ...i, at: undefined }, locale)).join("；");
  return { text, state: mine.some((i) => (i.severity ?? "error") === "error") ? "error" : "warning" };
}

/** The field. */
export function FormField({ label, field, issues, locale, required, hint, children }: FormFieldProps) {
  const msg = fieldMessages(issues, field, locale);
  return (
    <Field
      label={label}
      required={required}
      hint={hint}
      validationState={msg ? msg.state : "none"}
      validationMessage={msg ? msg.text : undefined}
      data-field={field}
    >
      {children}
    </Field>
  );
}
