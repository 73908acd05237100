/** Messages of area `cli` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const cli: Readonly<Record<string, string>> = {
};
