/** Messages of area `values` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const values: Readonly<Record<string, string>> = {
  "money.empty": "金额为空",
  "money.notANumber": "金额无法识别：{value}",
  "money.unsafe": "金额超出可精确计算的范围：{value}",
  "rmb.empty": "大写金额为空",
  "rmb.invalid": "不是规范的大写金额：{value}",
  "date.empty": "日期为空",
  "date.unrecognized": "日期无法识别：{value}",
  "date.impossible": "日期不存在：{value}",
  "date.outOfRange": "日期超出范围（1900–9999 年）：{value}",
  "date.fictitious1900": "Excel 序号 {value} 是不存在的 1900-02-29",
  "date.needsYear": "日期缺少年份：{value}",
};
