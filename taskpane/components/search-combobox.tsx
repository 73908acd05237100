/**
 * A type-to-search combobox over a list of names (customers, models, warehouses): free text is
 * allowed (a new name is legal), the list narrows as the clerk types, Enter/click picks.
 */
import { Combobox, Option, type ComboboxProps } from "@fluentui/react-components";
import { useMemo } from "react";
import { nameKey } from "../../src/core/text";

/** At most this many suggestions (the list must stay usable at 320 px). */
const MAX_OPTIONS = 30;

export interface SearchComboboxProps {
  readonly value: string;
  readonly options: readonly string[];
  /** Text typed or picked. `picked` is true when chosen from the list. */
  readonly onChange: (value: string, picked: boolean) => void;
  readonly placeholder?: string;
  readonly id?: string;
  readonly "aria-describedby"?: string;
  readonly noMatchText: string;
  readonly describe?: (option: string) => string | undefined;
}

/** The combobox. */
export function SearchCombobox(props: SearchComboboxProps & Pick<ComboboxProps, "appearance" | "size">) {
  const { value, options, onChange, placeholder, noMatchText, describe, ...rest } = props;
  const matches = useMemo(() => {
    const k = nameKey(value);
    if (!k) return options.slice(0, MAX_OPTIONS);
    const starts = options.filter((o) => nameKey(o).startsWith(k));
    const contains = options.filter((o) => !nameKey(o).startsWith(k) && nameKey(o).includes(k));
    return [...starts, ...contains].slice(0, MAX_OPTIONS);
  }, [value, options]);
  return (
    <Combobox
      {...rest}
      freeform
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange((e.target as HTMLInputElement).value, false)}
      onOptionSelect={(_e, d) => {
        if (d.optionText !== undefined) onChange(d.optionText, true);
      }}
    >
      {matches.length === 0 ? (
        <Option key="__none" value="__none" text={value} disabled>
          {noMatchText}
        </Option>
      ) : (
        matches.map((o) => {
          const extra = describe?.(o);
          return (
            <Option key={o} value={o} text={o}>
              {extra ? `${o}（${extra}）` : o}
            </Option>
          );
        })
      )}
    </Combobox>
  );
}
