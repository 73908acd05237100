/** Messages of area `values` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const values: Readonly<Record<string, string>> = {
};
