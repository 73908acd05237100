import type { PivotSpec } from "../../../src/app/workbook-port";
import { META_SHEET, PIVOT_KIND } from "../../../src/hosts/excel/excel-workbook";
import { freshFake, orderRow, ordersTableSpec, portOn } from "./fixtures";

const spec: PivotSpec = {
  sheetName: "透视",
  pivotName: "P",
  sourceTable: "Orders",
  rows: ["客户"],
  values: [{ header: "金额", numberFormat: "#,##0.00", label: "金额合计" }],
  title: "=SUM(A1)",
};

test("one write sync after the probes, calculation and screen updating suspended; the title stays text; the sheet is marked owned", async () => {
  const fake = freshFake();
  const port = portOn(fake);
  await port.createTable(ordersTableSpec([orderRow(1, "甲"), orderRow(2, "乙"), orderRow(3, "甲")]));
  fake.resetLog();
  expect(await port.createPivotTable(spec)).toEqual({ ok: true, replaced: false });
  expect(fake.syncLog.map((s) => [s.failed, s.calcSuspended, s.screenSuspended])).toEqual([["", false, false], ["", false, false], ["", true, true]]);
  expect(fake.cell("透视", 0, 0)).toEqual({ value: "=SUM(A1)", numberFormat: "General" });
  expect([0, 1, 2, 3, 4].map((r) => [fake.cell("透视", 2 + r, 0).value, fake.cell("透视", 2 + r, 1).value])).toEqual([
    ["Row Labels", "金额合计"],
    ["甲", 25 + 50],
    ["乙", 37.5],
    ["Grand Total", 112.5],
    [null, null],
  ]);
  expect(fake.activeSheet).toBe("透视");
  const meta = fake.sheet(META_SHEET);
  expect(meta?.rows.map((r) => r?.v.slice(0, 3)).filter((v) => v?.[1] === "透视")).toEqual([["owned", "透视", PIVOT_KIND]]);
});

test("replaces its own sheet at the same position; refuses a user's sheet and a sheet owned as another kind; no syncs without ExcelApi 1.8", async () => {
  const fake = freshFake();
  const port = portOn(fake);
  await port.createTable(ordersTableSpec([orderRow(1, "甲")]));
  await port.createPivotTable(spec);
  fake.addSheet("最后");
  const order = fake.sheetNames();
  expect(await port.createPivotTable(spec)).toEqual({ ok: true, replaced: true });
  expect(fake.sheetNames()).toEqual(order);
  expect(await port.createPivotTable({ ...spec, sheetName: "Sheet1" })).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "Sheet1" });
  expect(await port.createPivotTable({ ...spec, sheetName: "订单" })).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "订单" });
  expect(await port.createPivotTable({ ...spec, sourceTable: "Nope" })).toEqual({ ok: false, code: "pivot.noSourceTable", table: "Nope" });
  expect(fake.sheetNames()).toEqual(order);
  fake.apiVersion = "1.7";
  fake.resetLog();
  expect(await port.createPivotTable(spec)).toEqual({ ok: false, code: "pivot.unsupported" });
  expect(fake.syncCount).toBe(0);
});
