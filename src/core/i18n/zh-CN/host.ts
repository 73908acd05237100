/** Messages of area `host` in zh-CN. Keys are issue codes; `{name}` is replaced by a param. */
export const host: Readonly<Record<string, string>> = {
  "sheet.userSheetExists": "工作表「{sheet}」是您自己的工作表，台账助手不会覆盖或修改它。请改名或删除后再试。",
  "table.nameTaken": "工作簿里已有名为「{table}」的表格或名称（公式 ▸ 名称管理器），台账表格「{table}」无法创建。请改名后再试。",
  "host.cellEditMode": "Excel 正在编辑单元格，请按 Enter 或 Esc 结束编辑后再试一次。",
  "host.apiUnsupported": "当前 Excel 版本不支持「{feature}」（需要 ExcelApi {version}），已跳过此项，其余内容已写入。",
  "host.tableNotFound": "找不到表格「{table}」。",
  "host.rowTooLarge": "表格「{sheet}」第 {row} 行的数据超过 Excel 单次传输上限（约 {limit} 字节），无法写入。",
  "host.rowWidthMismatch": "要追加到表格「{table}」的第 {row} 行有 {got} 列，而表格有 {expected} 列。",
  "host.eventsUnavailable": "无法监听表格变化（{detail}），自动刷新已停用，请手动刷新。",
  "host.featureRefused": "Excel 拒绝了「{feature}」（{detail}），已跳过此项，其余内容已写入。",
  "host.mergesCapped": "工作表「{sheet}」的合并单元格太多（Excel 每次最多返回 512 处），只读取了 {count} 处（上限 {cap} 处）；其余合并单元格按未合并处理，表头和分组可能识别不全。",
  "host.formulaTextUnsafe": "「{text}」以 = + - 或 @ 开头；当前 Excel 版本（低于 ExcelApi 1.16）无法保证把它写成文本，它可能显示为公式或错误值，请检查该单元格。",
};
