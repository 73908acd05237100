// Draws the add-in's icons (16/32/64/80/128 px PNG) without an image library: a green ledger card
// with ruled white lines and a red bookmark. Run `node assets/make-icons.js` to regenerate.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 4;

/** CRC-32 as PNG chunks need it. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA colour of the icon at unit coordinates (0..1), or null for transparent. */
function paint(x, y) {
  const r = 0.16; // corner radius of the card
  const inside = (px, py, x0, y0, x1, y1, rad) => {
    if (px < x0 || px > x1 || py < y0 || py > y1) return false;
    const cx = Math.min(Math.max(px, x0 + rad), x1 - rad);
    const cy = Math.min(Math.max(py, y0 + rad), y1 - rad);
    return (px - cx) ** 2 + (py - cy) ** 2 <= rad * rad;
  };
  if (!inside(x, y, 0.04, 0.04, 0.96, 0.96, r)) return null;
  // red bookmark ribbon at the top right
  if (x > 0.66 && x < 0.8 && y > 0.04 && y < 0.36 && !(y > 0.28 && Math.abs(x - 0.73) < (y - 0.28))) return [214, 69, 65, 255];
  // white ruled page
  if (inside(x, y, 0.2, 0.22, 0.8, 0.82, 0.04)) {
    const rows = [0.36, 0.48, 0.6, 0.72];
    if (rows.some((ry) => Math.abs(y - ry) < 0.025) && x > 0.27 && x < 0.73) return [33, 115, 70, 255];
    if (Math.abs(x - 0.42) < 0.018 && y > 0.3 && y < 0.76) return [33, 115, 70, 255];
    return [255, 255, 255, 255];
  }
  return [33, 115, 70, 255];
}

function png(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = paint((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (c) { r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3]; }
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const n = SUPERSAMPLE * SUPERSAMPLE;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round(a / n);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  const file = path.join(__dirname, `icon-${size}.png`);
  fs.writeFileSync(file, png(size));
  console.log(file);
}
