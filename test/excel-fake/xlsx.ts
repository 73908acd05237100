/**
 * .xlsx bridge of the fake (test-only, ExcelJS): `toXlsx` exports the fake's state for inspection
 * (open it in Excel or LibreOffice), `fromXlsx` seeds a fake from a real workbook file so the
 * Excel host can be run on the same fixtures as the xlsx host.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { FakeExcel } from "./index";
import { colLetters, parseA1, rectA1, rowAt, serialOf, setFormat, styleAt, type SheetState } from "./model";

function xmlEsc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xmlUnesc(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith("#x")) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith("#")) return String.fromCodePoint(parseInt(k.slice(1), 10));
    return ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[k] ?? "";
  });
}

/**
 * Add the fake's defined names to an exported file's xl/workbook.xml (ExcelJS keeps no name scope,
 * and drops names that are not ranges): workbook-scoped, or `localSheetId` = the sheet's position.
 */
async function withNames(bytes: Buffer, fake: FakeExcel, sheets: readonly SheetState[]): Promise<Buffer> {
  const names = fake.names.filter((n) => !n.sheet?.deleted);
  if (names.length === 0) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  let xml = await zip.file("xl/workbook.xml")!.async("string");
  const tags = names.map((n) => {
    const local = n.sheet ? ` localSheetId="${sheets.indexOf(n.sheet)}"` : "";
    return `<definedName name="${xmlEsc(n.name)}"${local}${n.visible ? "" : ' hidden="1"'}>${xmlEsc(n.formula.slice(1))}</definedName>`;
  }).join("");
  if (xml.includes("</definedNames>")) xml = xml.replace("</definedNames>", `${tags}</definedNames>`);
  else xml = xml.replace("</sheets>", `</sheets><definedNames>${tags}</definedNames>`);
  zip.file("xl/workbook.xml", xml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Every `<definedName>` in xl/workbook.xml (its scope as a sheet name), built-in `_xlnm.*` ones left out. */
async function readNames(buffer: Buffer | ArrayBuffer): Promise<{ name: string; formula: string; sheet: string | null; hidden: boolean }[]> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const out: { name: string; formula: string; sheet: string | null; hidden: boolean }[] = [];
  // localSheetId counts the <sheet> elements in order.
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"/g)].map((m) => xmlUnesc(m[1] ?? ""));
  for (const m of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*?)(?:\/>|>([^<]*)<\/(?:\w+:)?definedName>)/g)) {
    const attr = (k: string): string | undefined => {
      const a = new RegExp(`\\s${k}="([^"]*)"`).exec(m[1] ?? "");
      return a ? xmlUnesc(a[1] ?? "") : undefined;
    };
    const name = attr("name") ?? "";
    if (name === "" || name.toLowerCase().startsWith("_xlnm.")) continue;
    const local = attr("localSheetId");
    const sheet = local === undefined ? null : sheets[Number(local)];
    if (sheet === undefined) continue;
    out.push({ name, formula: `=${xmlUnesc(m[2] ?? "")}`, sheet, hidden: attr("hidden") === "1" || attr("hidden") === "true" });
  }
  return out;
}

const BORDER_EDGES: Record<string, "top" | "bottom" | "left" | "right"> = { EdgeTop: "top", EdgeBottom: "bottom", EdgeLeft: "left", EdgeRight: "right" };

/** Column width in points (what Office.js `format.columnWidth` holds) → OOXML width in characters (Calibri 11: 7 px a digit). */
export function pointsToCharWidth(points: number): number {
  const px = Math.round((points * 4) / 3);
  return Math.round((Math.trunc((px / 7) * 256) / 256) * 100) / 100;
}

/** OOXML width → points (Calibri 11, 7 px a digit): what Excel reports as `format.columnWidth`. */
function charWidthToPointsFake(width: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7) * 0.75;
}

/** Export the fake's workbook as an .xlsx buffer. */
export async function toXlsx(fake: FakeExcel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (fake.date1904) wb.properties.date1904 = true;
  const live = fake.sheets.filter((x) => !x.deleted);
  for (const s of live) {
    const ws = wb.addWorksheet(s.name, { state: s.visibility === "VeryHidden" ? "veryHidden" : s.visibility === "Hidden" ? "hidden" : "visible" });
    const tables = fake.tables.filter((t) => t.sheet === s);
    s.rows.forEach((row, r) => {
      if (!row) return;
      const width = Math.max(row.v.length, row.f?.length ?? 0, row.nf?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const v = row.v[c];
        const f = row.f?.[c];
        const nf = row.nf?.[c];
        if ((v === null || v === undefined) && f === undefined && nf === undefined) continue;
        const cell = ws.getCell(r + 1, c + 1);
        if (f !== undefined) cell.value = { formula: f.slice(1), result: (v ?? undefined) as never };
        else if (v !== null && v !== undefined) cell.value = typeof v === "object" ? { error: v.error } as never : v;
        if (nf !== undefined) cell.numFmt = nf;
      }
    });
    for (const [key, st] of s.styles) {
      const [r, c] = key.split(":").map(Number) as [number, number];
      const cell = ws.getCell(r + 1, c + 1);
      const font: Partial<ExcelJS.Font> = {};
      if (st.bold) font.bold = true;
      if (st.italic) font.italic = true;
      if (st.fontSize) font.size = st.fontSize;
      if (st.fontColor) font.color = { argb: `FF${st.fontColor.slice(1)}` };
      if (Object.keys(font).length) cell.font = font;
      if (st.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${st.fill.slice(1)}` } };
      const al: Partial<ExcelJS.Alignment> = {};
      if (st.hAlign) al.horizontal = st.hAlign.toLowerCase() as ExcelJS.Alignment["horizontal"];
      if (st.vAlign) al.vertical = (st.vAlign === "Center" ? "middle" : st.vAlign.toLowerCase()) as ExcelJS.Alignment["vertical"];
      if (st.wrap) al.wrapText = true;
      if (Object.keys(al).length) cell.alignment = al;
      if (st.borders) {
        const b: Partial<ExcelJS.Borders> = {};
        for (const [edge, spec] of Object.entries(st.borders)) {
          const side = BORDER_EDGES[edge];
          if (side && spec.style !== "None") b[side] = { style: spec.weight === "Medium" ? "medium" : spec.weight === "Thick" ? "thick" : "thin" };
        }
        cell.border = b;
      }
      if (st.hyperlink?.documentReference) cell.value = { text: String(cell.value ?? st.hyperlink.textToDisplay ?? ""), hyperlink: `#${st.hyperlink.documentReference}` };
    }
    for (const m of s.merges) ws.mergeCells(rectA1(m));
    for (const [c, pt] of s.columnWidths) ws.getColumn(c + 1).width = pointsToCharWidth(pt);
    if (s.freeze) ws.views = [{ state: "frozen", xSplit: s.freeze.cols, ySplit: s.freeze.rows }];
    const pl = s.pageLayout;
    if (pl.paperSize === "A4") ws.pageSetup.paperSize = 9;
    if (pl.orientation) ws.pageSetup.orientation = pl.orientation === "Landscape" ? "landscape" : "portrait";
    if (pl.zoom?.horizontalFitToPages !== undefined) {
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = pl.zoom.horizontalFitToPages;
      ws.pageSetup.fitToHeight = pl.zoom.verticalFitToPages ?? 0;
    }
    if (pl.printTitleRows) ws.pageSetup.printTitlesRow = pl.printTitleRows.replace(/\$/g, "");
    if (pl.centerFooter) ws.headerFooter.oddFooter = `&C${pl.centerFooter}`;
    for (const v of s.validations) {
      const rule = v.rule as Record<string, Record<string, unknown>>;
      const kind = Object.keys(rule)[0] as string;
      const body = rule[kind] as Record<string, unknown>;
      const ref = rectA1(v.rect);
      if (kind === "list") (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(ref, { type: "list", allowBlank: true, formulae: [`"${String(body.source)}"`] });
      else (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(ref, { type: kind as "decimal", allowBlank: true, operator: lcFirst(String(body.operator)) as "between", formulae: [body.formula1, body.formula2].filter((x) => x !== undefined) as never });
    }
    for (const t of tables) {
      const header = Array.from({ length: t.rect.cols }, (_, c) => String(s.rows[t.rect.row]?.v[t.rect.col + c] ?? `Column${c + 1}`));
      const rows: unknown[][] = [];
      for (let r = t.rect.row + 1; r < t.rect.row + t.rect.rows; r++) rows.push(Array.from({ length: t.rect.cols }, (_, c) => ws.getCell(r + 1, t.rect.col + c + 1).value ?? null));
      ws.addTable({ name: t.name, ref: `${colLetters(t.rect.col)}${t.rect.row + 1}`, headerRow: true, columns: header.map((name) => ({ name })), rows: rows as never });
    }
  }
  return withNames(Buffer.from(await wb.xlsx.writeBuffer()), fake, live);
}

function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function excelDateSerial(d: Date, date1904: boolean): number {
  const days = serialOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  const frac = (d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds()) / 86400;
  return days + frac - (date1904 ? 1462 : 0);
}

type Plain = string | number | boolean | null | { error: string };

function plainValue(v: ExcelJS.CellValue, date1904: boolean): { value: Plain; formula?: string } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) return { value: excelDateSerial(v, date1904) };
  const o = v as unknown as Record<string, unknown>;
  if ("error" in o) return { value: { error: String(o.error) } };
  if ("richText" in o) return { value: (o.richText as { text: string }[]).map((x) => x.text).join("") };
  if ("formula" in o || "sharedFormula" in o) {
    const res = plainValue((o.result ?? null) as ExcelJS.CellValue, date1904).value;
    return { value: res, formula: `=${String(o.formula ?? o.sharedFormula)}` };
  }
  if ("text" in o) return { value: typeof o.text === "string" ? o.text : plainValue(o.text as ExcelJS.CellValue, date1904).value };
  return { value: String(v) };
}

/** Seed a fake from an .xlsx buffer: values (dates as serials), cached formula results, formats, merges, tables, visibility, defined names (with their scope). */
export async function fromXlsx(buffer: Buffer | ArrayBuffer): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const fake = new FakeExcel();
  fake.date1904 = Boolean(wb.properties.date1904);
  wb.eachSheet((ws) => {
    const s: SheetState = fake.addSheet(ws.name, [], { visibility: ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible" });
    ws.eachRow({ includeEmpty: false }, (row, rn) => {
      row.eachCell({ includeEmpty: false }, (cell, cn) => {
        if (cell.isMerged && cell.master !== cell) return; // Excel keeps only the top-left value of a merge
        const p = plainValue(cell.value, fake.date1904);
        const rs = rowAt(s, rn - 1);
        rs.v[cn - 1] = p.value;
        if (p.formula !== undefined) {
          rs.f ??= [];
          rs.f[cn - 1] = p.formula;
        }
        if (cell.numFmt) setFormat(s, rn - 1, cn - 1, cell.numFmt);
        if (cell.font?.bold) styleAt(s, rn - 1, cn - 1).bold = true;
      });
    });
    (ws.columns ?? []).forEach((col, i) => {
      if (col.width !== undefined) s.columnWidths.set(i, charWidthToPointsFake(col.width));
    });
    const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
    for (const m of merges) {
      const p = parseA1(m);
      if (p) s.merges.push(p.rect);
    }
    const tables = (ws as unknown as { tables?: Record<string, { table?: { name?: string; tableRef?: string; ref?: string } }> }).tables ?? {};
    for (const [name, t] of Object.entries(tables)) {
      const ref = t.table?.tableRef ?? t.table?.ref;
      const p = ref ? parseA1(ref) : null;
      if (p) {
        const rect = p.rect.rows === 1 ? { ...p.rect } : p.rect;
        fake.addTable(ws.name, t.table?.name ?? name, rect);
      }
    }
  });
  // Names come from the file itself: ExcelJS forgets their scope and the ones that are not ranges.
  for (const n of await readNames(buffer)) {
    const sheet = n.sheet === null ? null : (fake.sheet(n.sheet) ?? null);
    if (n.sheet !== null && !sheet) continue;
    fake.names.push({ name: n.name, formula: n.formula, sheet, visible: !n.hidden, comment: "" });
  }
  return fake;
}
