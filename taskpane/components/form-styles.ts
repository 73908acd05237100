/**
 * Layout shared by the pane's forms: one column at 320 px, two or three where there is room, and
 * Fluent inputs allowed to shrink (their default min-widths overflow a narrow task pane).
 */
import { makeStyles } from "@fluentui/react-components";

const shrink = { minWidth: "0", maxWidth: "100%", width: "100%", boxSizing: "border-box" } as const;

export const useFormStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    minWidth: "0",
    "& .fui-Input, & .fui-Combobox, & .fui-Dropdown, & .fui-Textarea": shrink,
    "& .fui-Input__input, & .fui-Combobox__input": { minWidth: "0", width: "100%" },
    "& .fui-Dropdown__button": { minWidth: "0", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  },
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(140px, 1fr))", gap: "8px", minWidth: "0" },
  actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});
