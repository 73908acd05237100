import { createProgress, progressMode } from "../../src/cli/progress";
import { recordingIo } from "./io";

describe("progressMode", () => {
  it("shows lines when asked, in place on a terminal, else nothing", () => {
    expect([progressMode(true, false), progressMode(true, true), progressMode(false, true), progressMode(false, false)]).toEqual(["lines", "lines", "tty", "off"]);
  });
});

describe("createProgress", () => {
  it("prints one line per whole percent, in the clerk's language", () => {
    const io = recordingIo("/");
    const p = createProgress(io, "lines");
    for (let done = 0; done <= 1000; done += 100) p.percent("cli.progress.reading", { sheet: "销售明细" }, done, 1000);
    p.percent("cli.progress.reading", { sheet: "销售明细" }, 1000, 1000); // the same line again: not repeated
    p.step("cli.progress.importing", { rows: "1,048,575" });
    p.end();
    expect(io.err.split("\n").filter((l) => l !== "")).toMatchInlineSnapshot(`
      [
        "正在读取「销售明细」… 0%",
        "正在读取「销售明细」… 10%",
        "正在读取「销售明细」… 20%",
        "正在读取「销售明细」… 30%",
        "正在读取「销售明细」… 40%",
        "正在读取「销售明细」… 50%",
        "正在读取「销售明细」… 60%",
        "正在读取「销售明细」… 70%",
        "正在读取「销售明细」… 80%",
        "正在读取「销售明细」… 90%",
        "正在读取「销售明细」… 100%",
        "正在识别并导入（已读取 1,048,575 行）…",
      ]
    `);
    expect(io.out).toBe("");
  });

  it("rewrites one terminal line and clears it before the command's output", () => {
    const io = Object.assign(recordingIo("/"), { locale: "en-US" as const });
    const p = createProgress(io, "tty");
    p.percent("cli.progress.reading", { sheet: "Jan" }, 1, 3);
    p.percent("cli.progress.reading", { sheet: "Jan" }, 2, 3);
    p.end();
    expect(JSON.stringify(io.err)).toBe(JSON.stringify("\r\x1b[2KReading “Jan”… 33%\r\x1b[2KReading “Jan”… 66%\r\x1b[2K"));
  });

  it("writes nothing when off, and a zero total reads as done", () => {
    const io = recordingIo("/");
    const off = createProgress(io, "off");
    off.percent("cli.progress.reading", { sheet: "x" }, 1, 2);
    off.step("cli.progress.writing", { path: "a.xlsx" });
    off.end();
    expect(io.err).toBe("");
    createProgress(io, "lines").percent("cli.progress.reading", { sheet: "空表" }, 0, 0);
    expect(io.err).toBe("正在读取「空表」… 100%\n");
  });
});
