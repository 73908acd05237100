/** Messages of area `reports` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const reports: Readonly<Record<string, string>> = {
};
