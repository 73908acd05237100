/** Messages of area `entry` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const entry: Readonly<Record<string, string>> = {
};
