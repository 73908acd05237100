import { headerKey, matchHeader } from "../../../src/core/import/synonyms";

describe("headerKey", () => {
  it("drops units, brackets, spaces and case", () => {
    expect(["金额（元）", "数量(㎡)", "单 价", "Customer Name", "Order Date", "金额/元", "单价【含税】", "ＱＴＹ"].map(headerKey)).toEqual([
      "金额",
      "数量",
      "单价",
      "customername",
      "orderdate",
      "金额",
      "单价",
      "qty",
    ]);
  });
});

describe("matchHeader", () => {
  const field = (h: string): string | undefined => matchHeader(h)?.field;

  it("maps the headers clerks use, Chinese and English", () => {
    const table: [string, string][] = [
      ["客户", "customer"],
      ["客户名称", "customer"],
      ["购货单位", "customer"],
      ["单位名称", "customer"],
      ["Customer Name", "customer"],
      ["型号", "model"],
      ["规格型号", "model"],
      ["商品编码", "model"],
      ["产品编号", "model"],
      ["日期", "date"],
      ["订单日期", "date"],
      ["下单日期", "date"],
      ["购药时间", "date"],
      ["销售日期", "date"],
      ["Order Date", "date"],
      ["数量", "qty"],
      ["销售数量", "qty"],
      ["数量(㎡)", "qty"],
      ["单价", "price"],
      ["单 价", "price"],
      ["售价", "price"],
      ["金额", "amount"],
      ["金额（元）", "amount"],
      ["实收金额", "amount"],
      ["销售额", "amount"],
      ["价税合计", "amount"],
      ["应收金额", "listAmount"],
      ["交期", "shipDate"],
      ["发货日期", "shipDate"],
      ["Ship Date", "shipDate"],
      ["回款金额(元)", "amount"],
      ["客户编码", "code"],
      ["车型大类", "series"],
    ];
    expect(table.filter(([h, f]) => field(h) !== f).map(([h]) => [h, field(h)])).toEqual([]);
  });

  it("finds a synonym inside a longer header, preferring the head word at the end", () => {
    expect([field("本月销售金额"), field("含税销售单价"), field("实际发货数量"), field("备注说明")]).toEqual(["amount", "price", "qty", "notes"]);
    expect(matchHeader("本月销售金额")?.how).toBe("contains");
  });

  it("does not take durations or unknown words for fields", () => {
    expect([field("库龄时间（天）"), field("序号"), field("车架号"), field(""), field("这是一段很长很长很长很长很长的说明文字不是表头")]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
