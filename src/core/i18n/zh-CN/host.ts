/** Messages of area `host` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const host: Readonly<Record<string, string>> = {
};
