/** Messages of area `reports` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const reports: Readonly<Record<string, string>> = {
};
