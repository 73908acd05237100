/** Messages of area `statement` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const statement: Readonly<Record<string, string>> = {
};
