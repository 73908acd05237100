import { ok, fail } from "../../src/core/result";
import { COMMAND_FUNCTIONS, lastEndedPeriod, runCommand, type CommandDeps } from "../../commands/run-command";
import { noticeUrl, readNotice } from "../../commands/notice-url";
import type { WorkbookPort } from "../../src/app/workbook-port";
import type { GenerateReportOutcome } from "../../src/app/generate-report";
import { STATEMENT_SETTINGS, type GenerateStatementsOutcome } from "../../src/app/generate-statements";
import { MemoryPort } from "../builders/memory-port";

// No settings: the statement cut-off is the default 25.
const port = { getSetting: async () => null } as unknown as WorkbookPort;

function deps(over: Partial<CommandDeps> = {}): CommandDeps {
  return {
    port,
    today: "2025-03-27",
    locale: "zh-CN",
    generateReport: jest.fn(async (_p, _l, req) => ok({ sheet: `报表 ${req.period}`, replaced: false, loadIssues: [] } as unknown as GenerateReportOutcome)),
    generateStatements: jest.fn(async () => ok({ written: [{ sheet: "对账单 长沙华兴" }, { sheet: "对账单 郑州宏达" }], issues: [], loadIssues: [] } as unknown as GenerateStatementsOutcome)),
    ...over,
  };
}

describe("runCommand (what the ribbon buttons do)", () => {
  it("asks the report use case for today, this month and this year", async () => {
    const d = deps();
    const notices = [await runCommand("daily", d), await runCommand("monthly", d), await runCommand("annual", d)];
    expect((d.generateReport as jest.Mock).mock.calls.map((c) => [c[0], c[1], c[2]])).toEqual([
      [port, undefined, { kind: "daily", period: "2025-03-27", today: "2025-03-27", locale: "zh-CN" }],
      [port, undefined, { kind: "monthly", period: "2025-03", today: "2025-03-27", locale: "zh-CN" }],
      [port, undefined, { kind: "annual", period: "2025", today: "2025-03-27", locale: "zh-CN" }],
    ]);
    expect(notices.map((n) => [n.ok, n.message])).toEqual([
      [true, "已生成：报表 2025-03-27"],
      [true, "已生成：报表 2025-03"],
      [true, "已生成：报表 2025"],
    ]);
  });

  it("makes statements for every 月结 customer for the latest settlement period that has ended", async () => {
    const d = deps({ today: "2025-03-10" });
    const n = await runCommand("statements", d);
    expect((d.generateStatements as jest.Mock).mock.calls[0]?.[2]).toEqual({ customers: "all-monthly", from: "2025-01-26", to: "2025-02-25", locale: "zh-CN" });
    expect(n).toEqual({ ok: true, title: "销售台账", message: "已生成：对账单 长沙华兴、对账单 郑州宏达", sheets: ["对账单 长沙华兴", "对账单 郑州宏达"] });
    expect(lastEndedPeriod("2025-03-27")).toEqual({ from: "2025-02-26", to: "2025-03-25" });
    expect(lastEndedPeriod("2025-03-25")).toEqual({ from: "2025-02-26", to: "2025-03-25" });
    expect(lastEndedPeriod("2025-01-05")).toEqual({ from: "2024-11-26", to: "2024-12-25" });
  });

  it("uses the cut-off day the clerk set in the workbook (自然月 = 31); an explicit cutoffDay wins", async () => {
    const periodFor = async (setting: string | null, over: Partial<CommandDeps> = {}) => {
      const d = deps({ today: "2025-03-10", port: new MemoryPort({ settings: setting === null ? {} : { [STATEMENT_SETTINGS.cutoffDay]: setting } }), ...over });
      await runCommand("statements", d);
      const req = (d.generateStatements as jest.Mock).mock.calls[0]?.[2] as { from: string; to: string };
      return `${req.from}~${req.to}`;
    };
    expect(await periodFor("31")).toBe("2025-02-01~2025-02-28");
    expect(await periodFor("5")).toBe("2025-02-06~2025-03-05");
    expect(await periodFor("10")).toBe("2025-02-11~2025-03-10");
    expect(await periodFor("乱填")).toBe("2025-01-26~2025-02-25");
    expect(await periodFor("31", { cutoffDay: 20 })).toBe("2025-01-21~2025-02-20");
  });

  it("reports a refused sheet, an empty batch and a crash as failures with words, never throws", async () => {
    const refused = await runCommand("daily", deps({ generateReport: jest.fn(async () => fail({ code: "sheet.userSheetExists", params: { sheet: "日报 2025-03-27" } })) }));
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^操作失败：/);
    const none = await runCommand("statements", deps({ generateStatements: jest.fn(async () => ok({ written: [], issues: [], loadIssues: [] } as unknown as GenerateStatementsOutcome)) }));
    expect(none).toMatchObject({ ok: false, message: "没有可生成的内容：2025-02-26 ~ 2025-03-25" });
    const crash = await runCommand("monthly", deps({ generateReport: jest.fn(async () => { throw new Error("RichApi.Error: 工作表被保护"); }) }));
    expect(crash).toEqual({ ok: false, title: "销售台账", message: "操作失败：RichApi.Error: 工作表被保护", sheets: [] });
    const en = await runCommand("monthly", deps({ locale: "en-US", generateReport: jest.fn(async () => { throw new Error("boom"); }) }));
    expect(en.message).toBe("Failed: boom");
  });
});

describe("notice URL", () => {
  it("carries the notice to notice.html on the add-in's own origin and back", () => {
    const url = noticeUrl("https://localhost:3000/taskpane.html?_host_Info=Excel", { ok: false, title: "销售台账", message: "操作失败：<b>x</b> & y", sheets: [] });
    expect(url.startsWith("https://localhost:3000/notice.html?")).toBe(true);
    expect(readNotice(new URL(url).search)).toEqual({ ok: false, title: "销售台账", message: "操作失败：<b>x</b> & y" });
    expect(noticeUrl("https://a.example/x/taskpane.html", { ok: true, title: "t", message: "长".repeat(5000), sheets: [] }).length).toBeLessThan(2048 * 4);
  });
});

describe("commands.ts (ExecuteFunction handlers on Office)", () => {
  type Handler = (event: { completed: jest.Mock }) => Promise<void>;
  const handlers = new Map<string, Handler>();
  const dialogs: string[] = [];
  let runImpl: jest.Mock;

  beforeAll(() => {
    (globalThis as unknown as { Office: unknown }).Office = {
      actions: { associate: (name: string, fn: Handler) => handlers.set(name, fn) },
      context: {
        displayLanguage: "zh-CN",
        ui: { displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => { dialogs.push(url); cb({ status: "succeeded", value: { addEventHandler: () => undefined, close: () => undefined } }); } },
      },
      AsyncResultStatus: { Failed: "failed", Succeeded: "succeeded" },
      EventType: { DialogMessageReceived: "dialogMessageReceived" },
      addin: { showAsTaskpane: jest.fn(async () => undefined) },
    };
    (globalThis as unknown as { window: unknown }).window = { location: { href: "https://localhost:3000/taskpane.html" } };
    runImpl = jest.fn();
    jest.doMock("../../src/hosts/excel/excel-workbook", () => ({ ExcelWorkbook: class {} }));
    jest.doMock("../../src/app/generate-report", () => ({ generateReport: jest.fn() }));
    jest.doMock("../../src/app/generate-statements", () => ({ generateStatements: jest.fn() }));
    jest.doMock("../../commands/run-command", () => ({ ...jest.requireActual("../../commands/run-command"), runCommand: (...a: unknown[]) => runImpl(...a) }));
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("../../commands/commands");
    });
  });

  afterAll(() => {
    delete (globalThis as { Office?: unknown }).Office;
    delete (globalThis as { window?: unknown }).window;
  });

  it("registers one handler per manifest FunctionName", () => {
    expect([...handlers.keys()].sort()).toEqual(Object.keys(COMMAND_FUNCTIONS).sort());
  });

  it("always calls event.completed(), shows the outcome, and refuses a second click while busy", async () => {
    runImpl.mockResolvedValueOnce({ ok: true, title: "销售台账", message: "已生成：日报 2025-03-27", sheets: ["日报 2025-03-27"] });
    const e1 = { completed: jest.fn() };
    await handlers.get("generateDailyReport")!(e1);
    expect(e1.completed).toHaveBeenCalledTimes(1);
    expect(readNotice(new URL(dialogs.at(-1)!).search)).toEqual({ ok: true, title: "销售台账", message: "已生成：日报 2025-03-27" });

    runImpl.mockRejectedValueOnce(new Error("boom")); // even a bug in the command path
    const e2 = { completed: jest.fn() };
    await handlers.get("generateMonthlyReport")!(e2);
    expect(e2.completed).toHaveBeenCalledTimes(1);
    expect(readNotice(new URL(dialogs.at(-1)!).search).message).toBe("操作失败：boom");

    let release: (v: unknown) => void = () => undefined;
    runImpl.mockImplementationOnce(() => new Promise((r) => (release = r)));
    const slow = { completed: jest.fn() };
    const first = handlers.get("generateAnnualReport")!(slow);
    const second = { completed: jest.fn() };
    await handlers.get("generateStatements")!(second);
    expect(second.completed).toHaveBeenCalledTimes(1);
    expect(readNotice(new URL(dialogs.at(-1)!).search).message).toBe("上一个操作还没有完成，请稍候");
    release({ ok: true, title: "销售台账", message: "已生成：年报 2025", sheets: [] });
    await first;
    expect(slow.completed).toHaveBeenCalledTimes(1);
    expect(runImpl).toHaveBeenCalledTimes(3);
  });
});
