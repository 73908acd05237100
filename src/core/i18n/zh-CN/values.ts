/** Messages of area `values` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const values: Readonly<Record<string, string>> = {
};
