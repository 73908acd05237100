/** Messages of receivable journals, collection logs and bank statements (import) in zh-CN. Keys are issue codes. */
export const journals: Readonly<Record<string, string>> = {
  "import.field.direction": "方向",
  "import.field.dateMonth": "月",
  "import.field.dateDay": "日",
  "import.field.dateYear": "年",
  "import.reason.dateFromMonthDay": "日期由「{month}」「{day}」两列加上年份（年列、期间行或标题里的年份）拼成",
  "import.skip.journalTitle": "往来账的标题行（下面各行记在它写的客户 / 期间下）：{value}",
  "import.journal.unknownDirection": "期初行的方向「{value}」不是借、贷或平，无法确定期初余额是客户欠我们还是我们欠客户",
  "import.warn.unknownDirection": "方向「{value}」不是借、贷或平，这一行的余额没有核对；借贷金额照常导入",
  "import.skip.bankCharge": "银行利息 / 手续费等银行自己的收支，不是客户回款：{value}",
  "import.skip.duplicateReceipt": "与「{sheet}」第 {row} 行是同一笔回款（客户、金额相同，日期相差 {days} 天），只记一次",
  "import.warn.receiptsMatched": "「{log}」与「{bank}」里有 {count} 笔回款客户、金额相同、日期相差不超过 {window} 天，是同一笔钱：按「{log}」记一次，「{bank}」里的这几行跳过。例如：{examples}",
};
