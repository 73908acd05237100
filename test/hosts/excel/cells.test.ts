import fc from "fast-check";
import { OP_BYTES, addValues, charWidthToPoints, decodeFormula, decodeTypedValue, decodeValue, encodeSpecRow, encodeWriteRow, formulaTextBytes, isoToSerial, jsonBytes, maskGrid, planWrite, stringValues, textFormula, type EncodedRow } from "../../../src/hosts/excel/cells";
import type { GridChunk } from "../../../src/app/workbook-port";
import { freshFake, portOn, everyFeatureSpec } from "./fixtures";

describe("cell helpers", () => {
  it("date serials, widths, bytes", () => {
    expect([isoToSerial("1900-03-01"), isoToSerial("2025-03-05"), isoToSerial("2025-03-05", true)]).toEqual([61, 45721, 44259]);
    expect(() => isoToSerial("2025/3/5")).toThrow("not a civil date");
    expect([charWidthToPoints(9.140625), charWidthToPoints(10), charWidthToPoints(0)]).toEqual([48, 52.5, 0]); // 9.14 is Excel’s default 8.43 characters + padding
    expect([jsonBytes("ab"), jsonBytes("张"), jsonBytes("😀"), jsonBytes(undefined), jsonBytes("x".repeat(70_000))]).toEqual([4, 5, 6, 4, 70_002]);
  });

  it("decodes values and tells formulas from formula-looking text", () => {
    expect(["", null, undefined, "#REF!", "#N/A!x", 1, false, "a", 10n].map(decodeValue)).toEqual([null, null, null, { error: "#REF!" }, "#N/A!x", 1, false, "a", "10"]);
    expect([decodeFormula("=A1", 3), decodeFormula("=abc", "=abc"), decodeFormula(5, 5), decodeFormula("=", "=")]).toEqual(["=A1", null, null, null]);
  });

  it("with valueTypes, only an Error is an error: a text reading #N/A stays text", () => {
    const cells: [unknown, string | undefined][] = [["#N/A", "String"], ["#N/A", "Error"], ["#REF!", "Error"], ["", "Empty"], [3, "Double"], [true, "Boolean"], ["#REF!", undefined]];
    expect(cells.map(([v, t]) => decodeTypedValue(v, t))).toEqual(["#N/A", { error: "#N/A" }, { error: "#REF!" }, null, 3, true, { error: "#REF!" }]);
  });

  it("encodes spec and table rows: strings masked `@` then restored, dates as serials, formulas apart", () => {
    const spec = encodeSpecRow(["x", "", 1, true, { date: "2025-03-05" }, { formula: "=A1", value: 1 }, null], 8, (c) => (c === 2 || c === 5 || c === 7 ? "0.00" : undefined), false);
    expect(spec).toMatchObject({
      values: ["x", "", 1, true, 45721, null, null, null],
      textMask: ["@", null, null, null, null, null, null, null],
      formulas: [null, null, null, null, null, "=A1", null, null],
      formats: ["General", "General", "0.00", null, "yyyy-mm-dd", "0.00", null, "0.00"],
    });
    expect(encodeSpecRow([1], 1, () => undefined, false)).toMatchObject({ textMask: null, formulas: null, formats: null });
    expect(encodeWriteRow(["a", "", null, 2, { date: "2025-03-05" }], () => "@", true)).toMatchObject({
      values: ["a", "", "", 2, 44259],
      textMask: ["@", null, null, null, null],
      formats: ["@", null, null, null, null],
    });
  });

  it("plans chunks: in order, complete, within rows and bytes unless one row is bigger alone, counting exactly the grids sent", () => {
    const cell = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 6 }), fc.constantFrom("=1+1", "-", "@x", "001"), fc.record({ date: fc.constant("2025-03-05") }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 40 }), fc.integer({ min: 50, max: 3000 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), (cells, maxBytes, maxRows, every) => {
        const width = 3;
        const rows: EncodedRow[] = cells.map((r) => encodeWriteRow(r, () => "0.00", false, every));
        for (const mode of ["range", "append"] as const) {
          const chunks = planWrite(rows, width, mode, maxBytes, maxRows);
          let next = 0;
          for (const ch of chunks) {
            expect(ch.start).toBe(next);
            expect(ch.end - ch.start).toBeLessThanOrEqual(maxRows);
            expect(ch.end - ch.start === 1 || ch.bytes <= maxBytes).toBe(true);
            // Exact: the JSON of the grids the host builds for this chunk, OP_BYTES each, plus each formula-looking string's write.
            const part = rows.slice(ch.start, ch.end);
            const anyMask = part.some((r) => r.textMask !== null);
            const grids = mode === "range"
              ? [maskGrid(part, (r) => r.textMask, width), part.map((r) => r.values), maskGrid(part, (r) => r.formulas, width), maskGrid(part, (r) => r.formats, width)]
              : [part.map(addValues), maskGrid(part, (r) => r.textMask, width), anyMask ? part.map(stringValues) : null, maskGrid(part, (r) => r.formats, width)];
            const sent = grids.reduce((n, g) => (g ? n + OP_BYTES + jsonBytes(g) : n), 0) + part.flatMap((r) => r.formulaTexts ?? []).reduce((n, t) => n + formulaTextBytes(t), 0);
            expect(ch.bytes).toBe(sent);
            next = ch.end;
          }
          expect(next).toBe(rows.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("formula-looking text: apart from the values, as a text formula where a formula can hold it", () => {
    const r = encodeWriteRow(["=SUM(A1)", "+86 138", "-", "@home", "ok"], () => "General", false);
    expect([r.values, r.textMask, r.formulaTexts]).toEqual([[null, null, null, null, "ok"], [null, null, null, null, "@"], [{ col: 0, text: "=SUM(A1)" }, { col: 1, text: "+86 138" }, { col: 2, text: "-" }, { col: 3, text: "@home" }]]);
    expect([textFormula('=say "hi"'), textFormula("a\nb"), textFormula("=".repeat(8190)), textFormula("=".repeat(300))]).toEqual(['="=say ""hi"""', null, null, `="${"=".repeat(255)}"&"${"=".repeat(45)}"`]);
  });
});

describe("text stays text (property, through the fake)", () => {
  it("any string written by writeSheet or appendRows reads back as the same string", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.createTable({ sheetName: "T", tableName: "T", columns: [{ header: "s", field: "s", numberFormat: "#,##0.00" }], rows: [] });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom("=1+1", "+1", "-1", "@a", "001", "1e5", "5%", "TRUE", "2025-03-05", "1,234")), { minLength: 1, maxLength: 5 }), async (strings) => {
        const name = `s${n++}`;
        await port.writeSheet({ ...everyFeatureSpec(name), rows: strings.map((s) => [s]), styles: [], merges: [], links: [] });
        const read: GridChunk[] = [];
        for await (const ch of port.readSheet(name)) read.push(ch);
        const got = read.flatMap((c) => c.values.map((r) => r[0]));
        expect(got.filter((v) => v !== null)).toEqual(strings.filter((s) => s !== ""));
        expect(read.flatMap((c) => c.formulas.flat()).every((f) => f === null)).toBe(true);
        await port.appendRows("T", strings.map((s) => [s]));
      }),
      { numRuns: 60 },
    );
    const table = await port.readTable("T");
    expect(table?.rows.every((r) => typeof r[0] === "string" || r[0] === null)).toBe(true);
  });
});
