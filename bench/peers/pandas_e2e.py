#!/usr/bin/python3
"""Peer for the CLI end-to-end case: what an analyst would write with pandas instead of our CLI.

Reads the clerk workbook (read_excel, openpyxl engine), cleans it (header under the title row,
小计/合计 rows dropped, text dates and ¥-amounts parsed, names trimmed), builds the daily,
monthly, annual and aging reports with pivot_table / groupby, and writes them to one .xlsx
(to_excel). Prints one JSON object of totals (fen) so the benchmark can compare with ours.

usage: pandas_e2e.py <in.xlsx> <out.xlsx> <day YYYY-MM-DD> <month YYYY-MM> <year> <as-of YYYY-MM-DD>
"""
import json
import re
import sys

import pandas as pd


def to_date(s):
    """Excel dates arrive as datetimes; text ones like 2025.3.5 are parsed; others become NaT."""
    direct = pd.to_datetime(s.where(s.map(lambda v: not isinstance(v, str))), errors="coerce")
    text = s.where(s.map(lambda v: isinstance(v, str))).astype("string").str.replace(r"[./年月]", "-", regex=True).str.rstrip("日")
    return direct.fillna(pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")).dt.normalize()


def to_money(s):
    """Numbers stay; text like ¥1,234.50 loses the symbol and commas. Result in fen (int)."""
    num = pd.to_numeric(s, errors="coerce")
    text = s.where(num.isna()).astype("string").str.replace(r"[¥￥,，元\s]", "", regex=True)
    yuan = num.fillna(pd.to_numeric(text, errors="coerce")).fillna(0)
    return (yuan * 100).round().astype("int64")


def main():
    src, out, day, month, year, as_of = sys.argv[1:7]
    sheets = pd.read_excel(src, sheet_name=None, header=None, engine="openpyxl")

    frames = []
    for name, raw in sheets.items():
        if not name.endswith("年销售"):
            continue
        header_row = raw.index[raw.iloc[:, 0].astype(str).str.strip() == "日期"][0]
        df = raw.iloc[header_row + 1:].copy()
        df.columns = [str(c).strip() for c in raw.iloc[header_row]]
        frames.append(df)
    orders = pd.concat(frames, ignore_index=True)
    first = orders["日期"].astype(str).str.strip()
    orders = orders[~first.isin(["小计", "合计"]) & orders["日期"].notna()]
    orders["日期"] = to_date(orders["日期"])
    orders["发货日期"] = to_date(orders["发货日期"])
    orders["客户名称"] = orders["客户名称"].astype(str).str.strip()
    orders["数量"] = pd.to_numeric(orders["数量"], errors="coerce").fillna(0)
    orders["金额"] = to_money(orders["金额"])
    live = orders[orders["状态"] != "已取消"]

    pay = sheets["回款"]
    pay.columns = [str(c).strip() for c in pay.iloc[0]]
    pay = pay.iloc[1:].copy()
    pay["日期"] = to_date(pay["日期"])
    pay["金额"] = to_money(pay["金额"])
    pay["折让"] = pay["方式"] == "折让"
    ret = sheets["退货"]
    ret.columns = [str(c).strip() for c in ret.iloc[0]]
    ret = ret.iloc[1:].copy()
    ret["日期"] = to_date(ret["日期"])
    ret["金额"] = to_money(ret["金额"])
    cust = sheets["客户资料"]
    cust.columns = [str(c).strip() for c in cust.iloc[0]]
    cust = cust.iloc[1:].copy()
    cust["期初应收"] = to_money(cust["期初应收"])
    cust["账期(天)"] = pd.to_numeric(cust["账期(天)"], errors="coerce").fillna(0).astype(int)

    d = pd.Timestamp(day)
    m0 = d.replace(day=1)
    mtd = live[(live["日期"] >= m0) & (live["日期"] <= d)]
    daily = mtd.pivot_table(index=["客户名称", "型号"], values=["数量", "金额"], aggfunc="sum")
    today_only = mtd[mtd["日期"] == d].pivot_table(index=["客户名称", "型号"], values=["数量", "金额"], aggfunc="sum")
    daily = daily.join(today_only, rsuffix="_当日", how="left").fillna(0)
    coll_day = pay[(pay["日期"] == d) & ~pay["折让"]].pivot_table(index=["账户", "客户名称"], values="金额", aggfunc="sum")

    mstart = pd.Timestamp(month + "-01")
    mend = mstart + pd.offsets.MonthEnd(0)
    in_month = live[(live["日期"] >= mstart) & (live["日期"] <= mend)]
    monthly = in_month.pivot_table(index=["客户名称", "型号"], values=["数量", "金额"], aggfunc="sum", margins=True, margins_name="合计")

    # Receivables: ship date else order date; credits negative.
    recv = pd.concat([
        pd.DataFrame({"客户名称": live["客户名称"], "日期": live["发货日期"].fillna(live["日期"]), "金额": live["金额"]}),
        pd.DataFrame({"客户名称": ret["客户名称"], "日期": ret["日期"], "金额": -ret["金额"]}),
        pd.DataFrame({"客户名称": pay["客户名称"], "日期": pay["日期"], "金额": -pay["金额"]}),
    ], ignore_index=True)
    closing = recv[recv["日期"] <= mend].groupby("客户名称")["金额"].sum()
    summary = pd.DataFrame({
        "销售": in_month[in_month["金额"] > 0].groupby("客户名称")["金额"].sum(),
        "回款": pay[(pay["日期"] >= mstart) & (pay["日期"] <= mend) & ~pay["折让"]].groupby("客户名称")["金额"].sum(),
    }).reindex(cust["客户名称"]).fillna(0)
    summary["期末应收"] = (cust.set_index("客户名称")["期初应收"] + closing.reindex(cust["客户名称"]).fillna(0)).values

    in_year = live[live["日期"].dt.year == int(year)].assign(月份=lambda x: x["日期"].dt.strftime("%Y-%m"))
    annual = in_year.pivot_table(index="客户名称", columns="月份", values="金额", aggfunc="sum", fill_value=0, margins=True, margins_name="合计")
    pay_year = pay[(pay["日期"].dt.year == int(year)) & ~pay["折让"]].assign(月份=lambda x: x["日期"].dt.strftime("%Y-%m"))
    annual_coll = pay_year.pivot_table(index="客户名称", columns="月份", values="金额", aggfunc="sum", fill_value=0, margins=True, margins_name="合计")

    # Aging, FIFO: the open part of a balance is the newest debits up to it.
    t = pd.Timestamp(as_of)
    upto = recv[recv["日期"] <= t]
    opening = pd.DataFrame({"客户名称": cust["客户名称"], "日期": pd.Timestamp("2022-12-31"), "金额": cust["期初应收"]})
    allrows = pd.concat([upto, opening], ignore_index=True)
    balance = allrows.groupby("客户名称")["金额"].sum()
    debits = allrows[allrows["金额"] > 0].sort_values(["客户名称", "日期"], ascending=[True, False]).copy()
    debits["newer"] = debits.groupby("客户名称")["金额"].cumsum()
    debits["bal"] = debits["客户名称"].map(balance)
    debits["open"] = (debits["bal"] - (debits["newer"] - debits["金额"])).clip(lower=0).clip(upper=debits["金额"])
    days = cust.set_index("客户名称")["账期(天)"]
    debits["past"] = (t - (debits["日期"] + pd.to_timedelta(debits["客户名称"].map(days).fillna(0), unit="D"))).dt.days
    debits["bucket"] = pd.cut(debits["past"], [-10**9, 0, 30, 60, 90, 120, 10**9], labels=["未到期", "1-30", "31-60", "61-90", "91-120", "120+"])
    aging = debits.pivot_table(index="客户名称", columns="bucket", values="open", aggfunc="sum", fill_value=0)
    aging["余额"] = balance

    with pd.ExcelWriter(out, engine="openpyxl") as xw:
        daily.to_excel(xw, sheet_name="日报")
        coll_day.to_excel(xw, sheet_name="日报回款")
        monthly.to_excel(xw, sheet_name="月报")
        summary.to_excel(xw, sheet_name="月报汇总")
        annual.to_excel(xw, sheet_name="年报")
        annual_coll.to_excel(xw, sheet_name="年报回款")
        aging.to_excel(xw, sheet_name="账龄")

    print(json.dumps({
        "dayAmountFen": int(today_only["金额"].sum()) if len(today_only) else 0,
        "mtdAmountFen": int(mtd["金额"].sum()),
        "monthAmountFen": int(in_month["金额"].sum()),
        "closingFen": int(summary["期末应收"].sum()),
        "yearAmountFen": int(in_year["金额"].sum()),
        "balanceFen": int(balance.sum()),
        "orders": int(len(orders)),
    }))


if __name__ == "__main__":
    main()
