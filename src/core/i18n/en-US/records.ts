/** Messages of area `records` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const records: Readonly<Record<string, string>> = {
};
