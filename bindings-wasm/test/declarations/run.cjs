// The shipped TypeScript declarations against what the module really returns (issue 15
// item 3: a test that fails when the .d.ts drifts from the code).
//
// wasm-bindgen writes the exports' signatures, but the objects they return are built by
// hand in bindings-wasm/src (`input::object`) and declared by hand beside them
// (`typescript_custom_section`). This runs the Node suites that call the whole API
// (conformance, saifu, accounts, integrity) in this process with every export,
// static, method and getter of the module wrapped, keeps up to SAMPLES distinct values each
// returned, and writes them as typed constants:
//
//     const v12: ReturnType<saifu.Wallet["quote"]> = { allocations: [...], ... };
//
// `tsc` (strict, exactOptionalPropertyTypes) then checks every value against its declared
// type: a property the declaration lacks (an object literal's excess property), one it
// requires that the value lacks, a wrong type or a string outside a literal union are
// errors. A control copy with one property added must fail, so the check can fail.
// Ends with `ts declarations: N passed, N failed` (values that type-check, values that do
// not).
"use strict";

const { after } = require("node:test");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const ROOT = path.join(__dirname, "..", "..");
const MODULE = path.join(ROOT, "pkg-node", "saifu_wasm.js");
const SAMPLES = 12;
const saifu = require(MODULE);

/** call → { type: its TypeScript type, values: Map(JSON key → value) } */
const seen = new Map();

const isClass = (f) => typeof f === "function" && /^class\s/.test(Function.prototype.toString.call(f));

function keep(call, type, value) {
  let entry = seen.get(call);
  if (!entry) seen.set(call, (entry = { type, values: new Map() }));
  if (entry.values.size >= SAMPLES) return;
  const key = literal(value);
  if (key !== null && !entry.values.has(key)) entry.values.set(key, value);
}

function wrap(target, name, call, type) {
  const original = target[name];
  target[name] = function (...args) {
    const result = original.apply(this, args);
    keep(call, type, result);
    return result;
  };
}

for (const [name, value] of Object.entries(saifu)) {
  if (typeof value !== "function" || name === "isSaifuError") continue;
  if (!isClass(value)) {
    wrap(saifu, name, name, `ReturnType<typeof saifu.${name}>`);
    continue;
  }
  for (const s of Object.getOwnPropertyNames(value)) {
    const d = Object.getOwnPropertyDescriptor(value, s);
    if (typeof d.value === "function" && !s.startsWith("__") && !["length", "name", "prototype"].includes(s)) {
      wrap(value, s, `${name}.${s}`, `ReturnType<typeof saifu.${name}.${s}>`);
    }
  }
  for (const m of Object.getOwnPropertyNames(value.prototype)) {
    if (m === "constructor" || m === "free" || m.startsWith("__")) continue;
    const d = Object.getOwnPropertyDescriptor(value.prototype, m);
    if (d.get) {
      const get = d.get;
      Object.defineProperty(value.prototype, m, {
        ...d,
        get() {
          const result = get.call(this);
          keep(`${name}#${m}`, `saifu.${name}["${m}"]`, result);
          return result;
        },
      });
    } else if (typeof d.value === "function") {
      wrap(value.prototype, m, `${name}#${m}`, `ReturnType<saifu.${name}["${m}"]>`);
    }
  }
}

/** `value` as a TypeScript expression of the same shape, or null for a value that holds a
 * class instance (wasm-bindgen types those itself). Long strings are cut: a string's type
 * is what is checked, and no literal union has long members. */
function literal(value) {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "boolean":
      return String(value);
    case "number":
      return Object.is(value, -0) ? "-0" : Number.isFinite(value) ? String(value) : value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
    case "bigint":
      return `${value}n`;
    case "string":
      return JSON.stringify(value.length > 120 ? value.slice(0, 120) : value);
    case "object":
      break;
    default:
      return null;
  }
  if (value instanceof Date) return `new Date(${Number.isNaN(value.getTime()) ? "NaN" : JSON.stringify(value.toISOString())})`;
  if (value instanceof Uint8Array) return `new Uint8Array([${[...value].join(", ")}])`;
  if ("__wbg_ptr" in value) return null;
  const parts = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const l = literal(item);
      if (l === null) return null;
      parts.push(l);
    }
    return `[${parts.join(", ")}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return null;
  for (const [k, v] of Object.entries(value)) {
    const l = literal(v);
    if (l === null) return null;
    parts.push(`${JSON.stringify(k)}: ${l}`);
  }
  return `{ ${parts.join(", ")} }`;
}

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "preserve",
    moduleResolution: "bundler",
    lib: ["ES2022", "DOM", "ESNext.Disposable"],
    types: [],
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
  },
  include: ["*.ts"],
};

/** tsc's error lines for `source`, [] when it type-checks. */
function typecheck(dir, source) {
  fs.writeFileSync(path.join(dir, "values.ts"), source);
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
  try {
    execFileSync(path.join(ROOT, "node_modules", ".bin", "tsc"), ["-p", dir], { encoding: "utf8" });
    return [];
  } catch (e) {
    return String(e.stdout).split("\n").filter((l) => /error TS/.test(l));
  }
}

after(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "saifu-dts-"));
  const header = `import * as saifu from ${JSON.stringify(MODULE)};\n`;
  const lines = [];
  const where = []; // line → call
  for (const [call, { type, values }] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    for (const l of values.keys()) {
      where.push(call);
      lines.push(`export const v${lines.length}: ${type} = ${l};`);
    }
  }
  const errors = typecheck(dir, header + lines.join("\n") + "\n");
  const bad = new Set();
  for (const e of errors) {
    const m = /values\.ts\((\d+),/.exec(e);
    const line = m ? Number(m[1]) - 2 : -1; // the header is line 1
    bad.add(line);
    console.log(`drift: ${where[line] ?? "?"}: ${e.replace(/^.*error /, "error ")}`);
    if (line >= 0) console.log(`  value: ${lines[line].slice(0, 400)}`);
  }
  // The control: the first object value with a property its type does not declare.
  const first = lines.findIndex((l) => / = \{ "/.test(l));
  const control = [...lines];
  control[first] = control[first].replace(/ = \{ /, ' = { "notDeclared": 1, ');
  const caught = typecheck(dir, header + control.join("\n") + "\n").length > errors.length;
  fs.rmSync(dir, { recursive: true, force: true });

  const calls = [...seen.values()].filter((e) => e.values.size > 0).length;
  const unseen = [];
  for (const [name, value] of Object.entries(saifu)) {
    if (!isClass(value) && typeof value === "function" && name !== "isSaifuError" && !seen.has(name)) unseen.push(name);
  }
  console.log(`ts declarations: ${lines.length} values of ${calls} calls checked against saifu_wasm.d.ts`);
  if (unseen.length) console.log(`  free functions no suite called: ${unseen.join(", ")}`);
  console.log(`  the control (an undeclared property added) ${caught ? "fails, as it must" : "PASSED: the check cannot fail"}`);
  const failed = bad.size + (caught ? 0 : 1);
  console.log(`ts declarations: ${lines.length - bad.size} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
});

// The suites that call the API, run here against the wrapped module (require's cache
// gives them this same module object).
for (const suite of ["conformance", "saifu", "accounts", "integrity", "numbers"]) {
  require(path.join(ROOT, "test", "node", `${suite}.test.cjs`));
}
