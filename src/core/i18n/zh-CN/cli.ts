/** Messages of area `cli` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const cli: Readonly<Record<string, string>> = {
};
