import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import fc from "fast-check";
import { rawEntryData, readZipDirectory, unzipEntry, zipInMemory, ZipWriter } from "../../../src/hosts/xlsx/zip";

/** Write entries with a ZipWriter into a new file; returns its bytes. */
async function written(fill: (w: ZipWriter) => Promise<void>): Promise<Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), "zip-")), "t.zip");
  const handle = await open(path, "w");
  try {
    const w = new ZipWriter(handle);
    await fill(w);
    await w.finish();
  } finally {
    await handle.close();
  }
  return readFileSync(path);
}

/** Bytes that do not compress (deterministic). */
function noise(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe("zip writer and reader", () => {
  it("round-trips stored, deflated, streamed, raw-copied, UTF-8 named and empty entries", async () => {
    const big = Array.from({ length: 40_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>客户${i % 97}</t></is></c></row>`);
    const source = zipInMemory([["copied/原样.bin", noise(5000, 7)]]);
    const sourceEntry = readZipDirectory(source).get("copied/原样.bin")!;
    const zip = await written(async (w) => {
      await w.addBuffer("a.txt", Buffer.from("hello hello hello"));
      await w.addBuffer("stored.bin", noise(3000), true);
      await w.addBuffer("xl/工作表/名字 1.xml", Buffer.from("<中文/>"));
      await w.addBuffer("empty", Buffer.alloc(0));
      await w.addBuffer("empty-stored", Buffer.alloc(0), true);
      const s = w.begin("big.xml");
      for (let i = 0; i < big.length; i += 1000) await s.write(big.slice(i, i + 1000).join(""));
      await s.end();
      await w.addRaw("copied/原样.bin", sourceEntry, rawEntryData(source, sourceEntry));
    });
    const dir = readZipDirectory(zip);
    expect([...dir.keys()]).toEqual(["a.txt", "stored.bin", "xl/工作表/名字 1.xml", "empty", "empty-stored", "big.xml", "copied/原样.bin"]);
    const expected: Record<string, Buffer> = {
      "a.txt": Buffer.from("hello hello hello"),
      "stored.bin": noise(3000),
      "xl/工作表/名字 1.xml": Buffer.from("<中文/>"),
      empty: Buffer.alloc(0),
      "empty-stored": Buffer.alloc(0),
      "big.xml": Buffer.from(big.join("")),
      "copied/原样.bin": noise(5000, 7),
    };
    for (const [name, want] of Object.entries(expected)) {
      const e = dir.get(name)!;
      expect([name, unzipEntry(zip, e).equals(want)]).toEqual([name, true]);
      expect([name, e.size, e.crc32]).toEqual([name, want.length, crc32(want) >>> 0]);
    }
    expect(dir.get("stored.bin")!.method).toBe(0);
    expect(dir.get("a.txt")!.method).toBe(8);
    // The streamed entry went through deflate in several pieces and still compressed well.
    expect(dir.get("big.xml")!.size).toBeGreaterThan(2 * 1024 * 1024);
    expect(dir.get("big.xml")!.compressedSize).toBeLessThan(dir.get("big.xml")!.size / 5);
    // A raw copy keeps the compressed bytes.
    expect(rawEntryData(zip, dir.get("copied/原样.bin")!).equals(rawEntryData(source, sourceEntry))).toBe(true);
    // An independent reader agrees (and checks every crc).
    const script = "import sys, zipfile, json; z = zipfile.ZipFile(sys.argv[1]); print(json.dumps([z.testzip(), [(i.filename, i.file_size) for i in z.infolist()]], ensure_ascii=False))";
    const path = join(mkdtempSync(join(tmpdir(), "zip-")), "p.zip");
    writeFileSync(path, zip);
    const [bad, infos] = JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, path], { encoding: "utf8" })) as [string | null, [string, number][]];
    expect(bad).toBeNull();
    expect(infos).toEqual(Object.entries(expected).map(([n, b]) => [n, b.length]));
  });

  it("copies a name not flagged UTF-8 with its original bytes", async () => {
    // "中.x" in GBK, as Chinese zip tools write names: two bytes, no UTF-8 flag.
    const src = zipInMemory([["ab.x", Buffer.from("<x/>")]]);
    const gbk = Buffer.from([0xd6, 0xd0]);
    const centralAt = src.readUInt32LE(src.length - 6);
    for (const [flagAt, nameAt] of [[6, 30], [centralAt + 8, centralAt + 46]] as const) {
      src.writeUInt16LE(0, flagAt);
      gbk.copy(src, nameAt);
    }
    const entry = [...readZipDirectory(src).values()][0]!;
    expect(entry.name).toBe("\u00d6\u00d0.x");
    const zip = await written((w) => w.addRaw(entry.name, entry, rawEntryData(src, entry)));
    const copy = [...readZipDirectory(zip).values()][0]!;
    expect([copy.name, copy.flags & 0x800, unzipEntry(zip, copy).toString()]).toEqual([entry.name, 0, "<x/>"]);
    expect(zip.includes(Buffer.concat([gbk, Buffer.from(".x")]))).toBe(true);
  });

  it("round-trips any entries (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ name: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((n) => !n.startsWith("/")), data: fc.uint8Array({ maxLength: 300 }), store: fc.boolean() }), { selector: (e) => e.name, maxLength: 6 }),
        async (entries) => {
          const zip = await written(async (w) => {
            for (const e of entries) await w.addBuffer(e.name, e.data, e.store);
          });
          const dir = readZipDirectory(zip);
          expect([...dir.keys()]).toEqual(entries.map((e) => e.name));
          for (const e of entries) expect(unzipEntry(zip, dir.get(e.name)!).equals(Buffer.from(e.data))).toBe(true);
          // The in-memory writer makes the same directory.
          const mem = readZipDirectory(zipInMemory(entries.map((e) => [e.name, e.data] as const)));
          expect([...mem.values()].map((e) => [e.name, e.size, e.crc32])).toEqual([...dir.values()].map((e) => [e.name, e.size, e.crc32]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("throws on a damaged archive", () => {
    const zip = zipInMemory([
      ["a.xml", Buffer.from("<a/>")],
      ["b.xml", Buffer.from("<b/>")],
    ]);
    expect(() => readZipDirectory(zip.subarray(0, zip.length - 30))).toThrow(/end of central directory/);
    expect(() => readZipDirectory(Buffer.from("PK\u0003\u0004 not a zip at all"))).toThrow(/end of central directory/);
    const badDir = Buffer.from(zip);
    badDir.writeUInt32LE(0x12345678, badDir.readUInt32LE(badDir.length - 6));
    expect(() => readZipDirectory(badDir)).toThrow(/bad central directory entry/);
    const dir = readZipDirectory(zip);
    const badLocal = Buffer.from(zip);
    badLocal.writeUInt32LE(0, dir.get("b.xml")!.localOffset);
    expect(() => unzipEntry(badLocal, dir.get("b.xml")!)).toThrow(/bad local file header: b.xml/);
    expect(() => unzipEntry(zip, { ...dir.get("a.xml")!, compressedSize: zip.length })).toThrow(/truncated zip entry: a.xml/);
    expect(() => unzipEntry(zip, { ...dir.get("a.xml")!, method: 8 })).toThrow();
    expect(() => unzipEntry(zip, { ...dir.get("a.xml")!, method: 12 })).toThrow(/unsupported zip compression method 12/);
  });

  it("refuses what it cannot write: past 4 GiB, duplicate names, two entries at once", async () => {
    // A file that accepts everything and keeps nothing, and data that is only a length.
    const sink = { write: async (_b: Uint8Array, _o: number, length: number) => ({ bytesWritten: length }) } as unknown as FileHandle;
    const huge = (n: number): Uint8Array => ({ length: n }) as Uint8Array;
    const w = new ZipWriter(sink);
    await w.addRaw("one", { method: 0, crc32: 0, size: 2_500_000_000 }, huge(2_500_000_000));
    await expect(w.addRaw("two", { method: 0, crc32: 0, size: 2_500_000_000 }, huge(2_500_000_000))).rejects.toThrow(/4 GiB \(zip64 is not supported\)/);
    const v = new ZipWriter(sink);
    await v.addBuffer("a", Buffer.from("x"));
    await expect(v.addBuffer("a", Buffer.from("y"))).rejects.toThrow(/duplicate entry a/);
    v.begin("b");
    expect(() => v.begin("c")).toThrow(/still being written/);
    await expect(v.finish()).rejects.toThrow(/still being written/);
  });
});
