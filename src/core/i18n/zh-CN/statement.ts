/** Messages of area `statement` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const statement: Readonly<Record<string, string>> = {
};
