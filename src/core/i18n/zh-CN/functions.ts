/** Messages of area `functions` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const functions: Readonly<Record<string, string>> = {
  // Worksheet functions (LEDGER.*): shown in the cell's error tooltip (#N/A / #VALUE!).
  "functions.customerRequired": "请填写客户名称",
  "functions.unknownCustomer": "未找到客户：{customer}",
  "functions.unknownModel": "未找到型号：{model}",
  "functions.badModel": "型号无法识别：{value}",
  "functions.orderNoRequired": "请填写订单号",
  "functions.unknownOrder": "未找到订单：{orderNo}",
  "functions.noOrders": "客户「{customer}」还没有订单",
  "functions.noSales": "期间内没有销售",
  "functions.missingTable": "缺少台账表「{sheet}」（{table}）：请先在任务窗格「台账设置」中转换工作簿",
  "functions.loadFailed": "读取台账失败：{message}",
  "functions.loadTimeout": "读取台账超时，读完后会自动更新",
  "functions.notReady": "台账加载项尚未启动，请稍候",
  "functions.badDate": "日期无法识别：{value}",
  "functions.badPeriod": "起始日期 {from} 晚于截止日期 {to}",
  "functions.badBucket": "账龄区间无效：{value}（可用：未到期、1-30、31-60、61-90、91-120、120+、合计）",
  "functions.badAmount": "金额无法识别：{value}",
  "functions.badTopN": "名次数必须是 1 到 {max} 的整数：{value}",
  // Ribbon buttons (生成日报 / 生成月报 / 生成年报 / 生成对账单).
  "functions.command.done": "已生成：{sheets}",
  "functions.command.nothing": "没有可生成的内容：{reason}",
  "functions.command.failed": "操作失败：{message}",
  "functions.command.busy": "上一个操作还没有完成，请稍候",
  "functions.command.title": "销售台账",
};
