/** Messages of area `host` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const host: Readonly<Record<string, string>> = {
};
