import fs from "fs";
import os from "os";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const root = path.resolve(__dirname, "../..");
const source = path.join(root, "functions/functions.ts");

interface Param {
  name: string;
  description?: string;
  type?: string;
  optional?: boolean;
  dimensionality?: string;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result?: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}
interface Metadata {
  functions: Fn[];
}

/** Metadata as the webpack plugin generates it (same package, same call). */
async function generate(file: string): Promise<{ metadata: Metadata | undefined; errors: string[] }> {
  const r = await generateCustomFunctionsMetadata([file]);
  return { metadata: r.metadataJson ? (JSON.parse(r.metadataJson) as Metadata) : undefined, errors: r.errors };
}

/** Everything but the words: what must be identical between the languages. */
function shape(m: Metadata): unknown {
  return m.functions.map((f) => ({ id: f.id, result: f.result, options: f.options, parameters: f.parameters.map((p) => ({ type: p.type, optional: p.optional ?? false, dimensionality: p.dimensionality })) }));
}

const zh = JSON.parse(fs.readFileSync(path.join(root, "functions/functions-zh-CN.json"), "utf8")) as Metadata;

describe("functions.json generated from the JSDoc", () => {
  it("is what we expect (a JSDoc change shows up here)", async () => {
    const { metadata, errors } = await generate(source);
    expect(errors).toEqual([]);
    expect(metadata).toMatchSnapshot();
  });

  it("lists the nine LEDGER functions, streaming except DAXIE, TOPCUSTOMERS as a matrix", async () => {
    const { metadata } = await generate(source);
    const summary = metadata!.functions.map((f) => `${f.id}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(",")})${f.options?.stream ? " stream" : ""}${f.result?.dimensionality === "matrix" ? " matrix" : ""}`);
    expect(summary).toEqual([
      "SALES(customer,[model],[from],[to]) stream",
      "QTY(customer,[model],[from],[to]) stream",
      "COLLECTED(customer,[from],[to]) stream",
      "BALANCE(customer,[asOf]) stream",
      "AGING(customer,bucket,[asOf]) stream",
      "ORDERSTATUS(orderNo) stream",
      "LASTORDER(customer) stream",
      "TOPCUSTOMERS(n,[from],[to]) stream matrix",
      "DAXIE(amount)",
    ]);
  });

  it("changes when the JSDoc has a typo (shown on a broken copy)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-fn-"));
    try {
      const copy = path.join(dir, "functions.ts");
      fs.writeFileSync(copy, fs.readFileSync(source, "utf8").replace("@customfunction SALES", "@customfuntion SALES").replace("@param bucket current", "@param bucke current"));
      const { metadata } = await generate(copy);
      const ids = metadata!.functions.map((f) => f.id);
      expect(ids).not.toContain("SALES"); // the misspelt tag drops the function
      expect(metadata!.functions.find((f) => f.id === "AGING")!.parameters[1]!.description).toBeUndefined(); // the misspelt param loses its help
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("functions-zh-CN.json (localized metadata)", () => {
  it("has the same ids, parameters, types and options as the generated functions.json", async () => {
    const { metadata } = await generate(source);
    expect(shape(zh)).toEqual(shape(metadata!));
  });

  it("localizes every function and parameter: Chinese names and help, valid Excel names", () => {
    const cjk = /[\u4e00-\u9fff]/;
    const problems: string[] = [];
    const names = new Set<string>();
    for (const f of zh.functions) {
      // Excel: a name starts with a letter, has ≥ 3 characters, only letters, digits, "." and "_".
      if (!/^\p{L}[\p{L}\d._]{2,}$/u.test(f.name)) problems.push(`${f.id}: invalid name ${f.name}`);
      if (!cjk.test(f.name) || !cjk.test(f.description ?? "")) problems.push(`${f.id}: not localized`);
      if (names.has(f.name)) problems.push(`${f.id}: duplicate name ${f.name}`);
      names.add(f.name);
      for (const p of f.parameters) if (!cjk.test(p.name) || !cjk.test(p.description ?? "")) problems.push(`${f.id}.${p.name}: not localized`);
    }
    expect(problems).toEqual([]);
    expect(zh.functions.map((f) => `${f.id}=${f.name}`)).toEqual([
      "SALES=销售额",
      "QTY=销售数量",
      "COLLECTED=回款额",
      "BALANCE=应收余额",
      "AGING=账龄金额",
      "ORDERSTATUS=订单状态",
      "LASTORDER=最近下单日",
      "TOPCUSTOMERS=客户排行",
      "DAXIE=金额大写",
    ]);
  });
});
