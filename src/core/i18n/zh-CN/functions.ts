/** Messages of area `functions` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const functions: Readonly<Record<string, string>> = {
};
