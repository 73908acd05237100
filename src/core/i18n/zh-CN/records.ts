/** Messages of area `records` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const records: Readonly<Record<string, string>> = {
};
