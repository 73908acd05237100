/** Messages of area `functions` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const functions: Readonly<Record<string, string>> = {
};
