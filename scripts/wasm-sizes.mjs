#!/usr/bin/env node
// Prints where the bytes of a wasm module go: code size per function, grouped
// by crate and module path, read from the module's name section. Used on a
// build that kept its names (`scripts/build --names`); a module without a
// name section is reported as one group.
//
//   node scripts/wasm-sizes.mjs FILE.wasm [depth] [top]
//
// depth: how many path segments form a group (default 2: `jixiao::rules`);
// top: how many groups and functions to list (default 40).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [file, depthArg, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/wasm-sizes.mjs FILE.wasm [depth] [top]");
  process.exit(2);
}
const depth = Number(depthArg ?? 2);
const top = Number(topArg ?? 40);
const buf = readFileSync(file);

let pos = 8;
function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return result;
  }
}
function name() {
  const len = leb();
  const s = buf.toString("utf8", pos, pos + len);
  pos += len;
  return s;
}

let importedFuncs = 0;
const bodies = [];
const names = new Map();
const sections = [];
let dataBytes = 0;
while (pos < buf.length) {
  const id = buf[pos++];
  const size = leb();
  const start = pos;
  const end = pos + size;
  if (id === 0) {
    const n = name();
    sections.push([`custom:${n}`, size]);
    if (n === "name") {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const idx = leb();
            names.set(idx, name());
          }
        }
        pos = subEnd;
      }
    }
  } else {
    sections.push([["type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"][id - 1] ?? `id${id}`, size]);
    if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        name();
        name();
        const kind = buf[pos++];
        if (kind === 0) {
          leb();
          importedFuncs++;
        } else if (kind === 1) {
          pos++;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 3) {
          pos += 2;
        }
      }
    } else if (id === 10) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const len = leb();
        bodies.push({ index: importedFuncs + i, start: pos, size: len });
        pos += len;
      }
    } else if (id === 11) {
      dataBytes = size;
    }
  }
  pos = end;
  if (pos !== end || start > end) break;
}

// Rust symbol names: strip hashes and generic arguments, then group by the
// first `depth` path segments. `<T as Trait>::f` is grouped under T's path.
function group(raw) {
  let n = raw.replace(/::h[0-9a-f]{16}$/, "");
  if (n.startsWith("<")) {
    n = n.slice(1);
    if (n.startsWith("&")) n = n.slice(1).replace(/^mut /, "");
  }
  n = n.replace(/<.*$/s, "").replace(/ as .*$/s, "");
  const parts = n.split("::").filter(Boolean);
  if (parts.length <= 1) return raw.startsWith("__wbg") || raw.startsWith("__wbindgen") ? "wasm-bindgen glue" : "(unnamed or C)";
  return parts.slice(0, depth).join("::");
}

const groups = new Map();
let codeTotal = 0;
for (const b of bodies) {
  const n = names.get(b.index) ?? `func${b.index}`;
  b.name = n;
  const g = group(n);
  const e = groups.get(g) ?? { size: 0, count: 0, parts: [] };
  e.size += b.size;
  e.count++;
  e.parts.push(buf.subarray(b.start, b.start + b.size));
  groups.set(g, e);
  codeTotal += b.size;
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${file}: ${kb(buf.length)} KB raw, ${kb(gzipSync(buf, { level: 9 }).length)} KB gzip`);
console.log("sections:");
for (const [n, s] of sections) console.log(`  ${n.padEnd(24)} ${kb(s)} KB`);
console.log(`code: ${bodies.length} functions, ${kb(codeTotal)} KB; data: ${kb(dataBytes)} KB`);
console.log(`\ngroups (depth ${depth}), raw KB, gzip KB if compressed alone, functions:`);
const sorted = [...groups.entries()].sort((a, b) => b[1].size - a[1].size);
for (const [g, e] of sorted.slice(0, top)) {
  const gz = gzipSync(Buffer.concat(e.parts), { level: 9 }).length;
  console.log(`${kb(e.size)} ${kb(gz)} ${String(e.count).padStart(6)}  ${g}`);
}
console.log(`\nlargest functions:`);
for (const b of [...bodies].sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`${kb(b.size)}  ${b.name.slice(0, 160)}`);
}
