/** Messages of area `import` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const import_: Readonly<Record<string, string>> = {
};
