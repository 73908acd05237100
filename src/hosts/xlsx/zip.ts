/**
 * The zip container of an .xlsx, read and written without a library: the central directory of an
 * archive in memory (entries with their raw compressed bytes, crc and sizes, so a part can be
 * copied byte for byte), and a writer that streams entries into a file — copied raw, or deflated
 * piece by piece so a million-row sheet is never one string. No zip64: the writer refuses an
 * archive past its 4 GiB / 65,535-entry limits instead of writing a broken one.
 */
import type { FileHandle } from "node:fs/promises";
import { promisify } from "node:util";
import { constants, crc32, deflateRaw, inflateRawSync, type ZlibOptions } from "node:zlib";
import { WorkbookDamagedError } from "./damaged";

const deflateRawAsync = promisify(deflateRaw) as (input: Buffer, options: ZlibOptions) => Promise<Buffer>;

/** One entry of a zip's central directory. */
export interface ZipEntry {
  /** Part name, without a leading `/`. */
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  /** General-purpose flags (bit 11: UTF-8 name). */
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** Uncompressed size. */
  readonly size: number;
  readonly localOffset: number;
}

/** Largest value a classic (non-zip64) zip field holds. */
const MAX32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

/**
 * The central directory of a zip (names → entries, in directory order); throws on a damaged archive.
 * Reads zip64 directories too (other tools write them for big workbooks).
 * @example const dir = readZipDirectory(readFileSync("a.xlsx")); dir.has("xl/workbook.xml") // true
 */
export function readZipDirectory(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("end of central directory not found");
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (offset === MAX32 || count === MAX_ENTRIES) {
    // Zip64: the locator sits right before the EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== 0x07064b50) throw new Error("zip64 locator not found");
    const rec = Number(buf.readBigUInt64LE(loc + 8));
    count = Number(buf.readBigUInt64LE(rec + 32));
    offset = Number(buf.readBigUInt64LE(rec + 48));
  }
  const out = new Map<string, ZipEntry>();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory entry");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    if (compressedSize === MAX32 || localOffset === MAX32 || size === MAX32) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e);
        const len = buf.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === MAX32) {
            size = Number(buf.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === MAX32) {
            compressedSize = Number(buf.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === MAX32) localOffset = Number(buf.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
    }
    const clean = name.replace(/^\/+/, "");
    out.set(clean, { name: clean, method, flags, crc32: crc, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * An entry's bytes as stored in the archive (still compressed); throws when the local header is not
 * where the directory says.
 */
export function rawEntryData(buf: Buffer, e: ZipEntry): Buffer {
  if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== 0x04034b50) throw new Error(`bad local file header: ${e.name}`);
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  if (start + e.compressedSize > buf.length) throw new Error(`truncated zip entry: ${e.name}`);
  return buf.subarray(start, start + e.compressedSize);
}

/** Most bytes one part may inflate to (a 1,048,576-row sheet of 6 columns is ~260 MB). */
export const MAX_PART_BYTES = 1024 * 1024 * 1024;
/** Most bytes all the parts read from one archive may inflate to, together. */
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;
/** Highest inflated/compressed ratio past `RATIO_FREE_BYTES` (real sheets: 5–30; a deflate bomb: ~1,000). */
export const MAX_RATIO = 100;
/** A part may inflate this far whatever its ratio (small repetitive parts compress very well). */
export const RATIO_FREE_BYTES = 64 * 1024 * 1024;

/** What the parts read from one archive may still inflate to, in total (shared by its reads). */
export interface InflateBudget {
  left: number;
}

/** A budget for reading one archive. */
export function inflateBudget(total = MAX_TOTAL_BYTES): InflateBudget {
  return { left: total };
}

function mib(n: number): string {
  return n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KiB` : `${Math.round(n / (1024 * 1024))} MiB`;
}

/**
 * An entry's uncompressed bytes (stored or deflated). Inflates at most to the limits — per part,
 * by ratio, and what `budget` has left — and throws `WorkbookDamagedError` (`tooLarge`) past them,
 * without ever holding more than the limit; a damaged entry throws `WorkbookDamagedError` too.
 */
export function unzipEntry(buf: Buffer, e: ZipEntry, budget?: InflateBudget): Buffer {
  let data: Buffer;
  try {
    data = rawEntryData(buf, e);
  } catch (err) {
    throw new WorkbookDamagedError("corrupt", err instanceof Error ? err.message : String(err));
  }
  const left = budget ? budget.left : MAX_TOTAL_BYTES;
  const limit = Math.min(MAX_PART_BYTES, left, Math.max(RATIO_FREE_BYTES, data.length * MAX_RATIO));
  const tooLarge = (): WorkbookDamagedError =>
    new WorkbookDamagedError("tooLarge", `${e.name} > ${mib(limit)}${limit === left && left < MAX_PART_BYTES ? " (all parts together)" : ""}, ${mib(data.length)} compressed`);
  let out: Buffer;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    // Refuse on the directory's size when it says too much; and since it may lie, never inflate past
    // it (nor past the limit): a lying bomb stops after the few bytes it claims.
    if (e.size > limit) throw tooLarge();
    const cap = e.size > 0 ? e.size : limit;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        if (cap < limit) throw new WorkbookDamagedError("tooLarge", `${e.name} inflates past the ${mib(cap)} its zip directory gives`);
        throw tooLarge();
      }
      throw new WorkbookDamagedError("corrupt", `${e.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else throw new WorkbookDamagedError("corrupt", `unsupported zip compression method ${e.method}`);
  if (out.length > limit) throw tooLarge();
  if (budget) budget.left -= out.length;
  return out;
}

/**
 * A part's text (UTF-8), or null when the archive has no such part.
 * @example partText(zip, readZipDirectory(zip), "xl/workbook.xml")
 */
export function partText(buf: Buffer, entries: ReadonlyMap<string, ZipEntry>, path: string, budget?: InflateBudget): string | null {
  const e = entries.get(path);
  return e ? unzipEntry(buf, e, budget).toString("utf8") : null;
}

/** What the central directory needs to know about one written entry. */
interface Written {
  readonly nameBytes: Buffer;
  /** Name flagged UTF-8 (general-purpose bit 11). */
  readonly utf8: boolean;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/** DOS date/time of 1980-01-01 00:00: fixed, so the same input gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function localHeader(nameBytes: Buffer, method: number, crc: number, compressedSize: number, size: number, utf8 = true): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(utf8 ? 0x800 : 0, 6);
  h.writeUInt16LE(method, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(compressedSize, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, nameBytes]);
}

/** Text of an entry being streamed: call `write` with pieces, then `end`. */
export interface ZipEntryStream {
  /** Add the next piece (a string is UTF-8 encoded). */
  write(piece: string | Uint8Array): Promise<void>;
  /** Finish the entry (patches its local header with crc and sizes). */
  end(): Promise<void>;
}

/** Pieces are gathered to about this many bytes before one deflate call. */
const PIECE_BYTES = 1 << 20;
/** Pieces being deflated at once (bounded: memory stays a few MiB whatever the entry's size). */
const IN_FLIGHT = 3;

/**
 * Writes a zip archive into an open file, entry by entry. Raw entries are copied as they are;
 * streamed entries are deflated in ~1 MiB pieces (each flushed to a byte boundary, so the pieces
 * join into one deflate stream; a few at a time off the main thread) with a running crc32, and
 * their local header is patched afterwards.
 * @example
 * const w = new ZipWriter(await open("out.zip", "w"));
 * await w.addBuffer("a.txt", Buffer.from("hi"));
 * await w.finish();
 */
export class ZipWriter {
  private position = 0;
  private readonly written: Written[] = [];
  private readonly names = new Set<string>();
  private open = false;

  constructor(private readonly file: FileHandle) {}

  private async put(bytes: Uint8Array, at?: number): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, done, bytes.length - done, at === undefined ? this.position + done : at + done);
      if (bytesWritten <= 0) throw new Error("zip: nothing written");
      done += bytesWritten;
    }
    if (at === undefined) this.position += bytes.length;
  }

  private guard(more: number): void {
    if (this.position + more > MAX32) throw new Error("zip: the archive would pass 4 GiB (zip64 is not supported)");
  }

  private claim(name: string): Buffer {
    if (this.open) throw new Error("zip: an entry is still being written");
    if (this.names.has(name)) throw new Error(`zip: duplicate entry ${name}`);
    if (this.written.length >= MAX_ENTRIES - 1) throw new Error("zip: too many entries (zip64 is not supported)");
    this.names.add(name);
    return Buffer.from(name, "utf8");
  }

  /**
   * Copy an entry as stored elsewhere: its compressed bytes, method, crc and sizes unchanged (and a
   * name not flagged UTF-8 keeps its original bytes).
   */
  async addRaw(name: string, entry: Pick<ZipEntry, "method" | "crc32" | "size"> & Partial<Pick<ZipEntry, "flags">>, data: Uint8Array): Promise<void> {
    const utf8 = entry.flags === undefined || (entry.flags & 0x800) !== 0;
    const claimed = this.claim(name);
    const nameBytes = utf8 ? claimed : Buffer.from(name, "latin1");
    const header = localHeader(nameBytes, entry.method, entry.crc32, data.length, entry.size, utf8);
    this.guard(header.length + data.length);
    const offset = this.position;
    await this.put(header);
    await this.put(data);
    this.written.push({ nameBytes, utf8, method: entry.method, crc: entry.crc32, compressedSize: data.length, size: entry.size, offset });
  }

  /** Add a whole entry from memory (deflated unless `store`). */
  async addBuffer(name: string, data: Uint8Array, store = false): Promise<void> {
    const s = this.begin(name, store);
    await s.write(data);
    await s.end();
  }

  /** Start an entry whose content arrives in pieces (deflated unless `store`). */
  begin(name: string, store = false): ZipEntryStream {
    const nameBytes = this.claim(name);
    this.open = true;
    const method = store ? 0 : 8;
    const offset = this.position;
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let started = false;
    const start = async (): Promise<void> => {
      if (started) return;
      started = true;
      await this.put(localHeader(nameBytes, method, 0, 0, 0));
    };
    // Pieces deflate on libuv's thread pool while the caller makes the next ones; written in order.
    const inflight: Promise<Buffer>[] = [];
    const drain = async (keep: number): Promise<void> => {
      while (inflight.length > keep) {
        const out = await inflight.shift()!;
        this.guard(out.length);
        compressedSize += out.length;
        await this.put(out);
      }
    };
    const emit = async (last: boolean): Promise<void> => {
      await start();
      const input = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      crc = crc32(input, crc);
      size += input.length;
      if (size > MAX32) throw new Error("zip: an entry would pass 4 GiB (zip64 is not supported)");
      // A sync flush ends each piece on a byte boundary without the final bit; the last piece finishes the stream.
      const out = store ? Promise.resolve(input) : deflateRawAsync(input, { finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
      // Awaited in `drain`; until then a failure must not count as unhandled.
      out.catch(() => undefined);
      inflight.push(out);
      await drain(last ? 0 : IN_FLIGHT - 1);
    };
    return {
      write: async (piece) => {
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        if (bytes.length === 0) return;
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= PIECE_BYTES) await emit(false);
      },
      end: async () => {
        await emit(true);
        // Patch crc and sizes into the local header written before the data.
        const fix = Buffer.alloc(12);
        fix.writeUInt32LE(crc >>> 0, 0);
        fix.writeUInt32LE(compressedSize, 4);
        fix.writeUInt32LE(size, 8);
        await this.put(fix, offset + 14);
        this.written.push({ nameBytes, utf8: true, method, crc: crc >>> 0, compressedSize, size, offset });
        this.open = false;
      },
    };
  }

  /** Write the central directory and end record. The file handle stays open (the caller closes it). */
  async finish(): Promise<void> {
    if (this.open) throw new Error("zip: an entry is still being written");
    const start = this.position;
    const parts: Buffer[] = [];
    for (const w of this.written) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(w.utf8 ? 0x800 : 0, 8);
      h.writeUInt16LE(w.method, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(w.crc, 16);
      h.writeUInt32LE(w.compressedSize, 20);
      h.writeUInt32LE(w.size, 24);
      h.writeUInt16LE(w.nameBytes.length, 28);
      h.writeUInt32LE(w.offset, 42);
      parts.push(h, w.nameBytes);
    }
    const dir = Buffer.concat(parts);
    this.guard(dir.length + 22);
    await this.put(dir);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
  }
}

/**
 * A small archive in memory (stored entries): for tests and for parts that are read back at once.
 * @example readZipDirectory(zipInMemory([["a.txt", Buffer.from("hi")]])).get("a.txt")?.size // 2
 */
export function zipInMemory(entries: readonly (readonly [string, Uint8Array])[]): Buffer {
  const chunks: Buffer[] = [];
  const dir: Buffer[] = [];
  let pos = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data) >>> 0;
    const header = localHeader(nameBytes, 0, crc, data.length, data.length);
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x800, 8);
    h.writeUInt32LE(crc, 16);
    h.writeUInt32LE(data.length, 20);
    h.writeUInt32LE(data.length, 24);
    h.writeUInt16LE(nameBytes.length, 28);
    h.writeUInt32LE(pos, 42);
    dir.push(h, nameBytes);
    chunks.push(header, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    pos += header.length + data.length;
  }
  const d = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(d.length, 12);
  end.writeUInt32LE(pos, 16);
  return Buffer.concat([...chunks, d, end]);
}
