// Runs every ```js and ```ts block of the given Markdown files as a new user would: each
// block alone, from the current directory (scripts/smoke/npm.sh runs this in a fresh
// project where `saifu` is the packed tarball), so nothing but the installed package can
// be imported. A ```ts block is first type-checked by `tsc --strict` (module nodenext,
// the default lib) and run as tsc writes it; a ```js block runs as an ES module. A
// block's output must be what its comments say: each line with a `console.log(` and a
// `// text` comment at its end promises one output line, `text`, in order. A ```ts sketch
// block (a sketch of an API, with the caller's values declared rather than made) is only
// type-checked, the same way, and not run. Prints `N passed, N failed`.
//
// Usage: node readme_snippets.mjs FILE.md...
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const tsc = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bindings-wasm", "node_modules", ".bin", "tsc");
const FENCE = /^```(js|ts)( sketch)?\n(.*?)^```$/gms;
const PROMISE = /^.*\bconsole\.log\(.*?\s\/\/ (.+)$/;

function* blocks(file) {
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(FENCE)) {
    const lang = m[2] ? "sketch" : m[1];
    if (lang === "sketch" && m[1] !== "ts") throw new Error(`${file}: only a ts block can be a sketch`);
    yield { where: `${file}:${text.slice(0, m.index).split("\n").length}`, lang, code: m[3] };
  }
}

function run({ lang, code }, n) {
  if (lang === "sketch") return sketch(code, n);
  const expected = code.split("\n").map((l) => PROMISE.exec(l)?.[1].trimEnd()).filter((l) => l !== undefined);
  if (expected.length === 0) return [false, "promises no output (a console.log with a `// output` comment): nothing is checked"];
  const dir = fs.mkdtempSync(path.join(process.cwd(), `.readme-${n}-`));
  try {
    let script = path.join(dir, "snippet.mjs");
    if (lang === "ts") {
      fs.writeFileSync(path.join(dir, "snippet.mts"), code);
      const checked = spawnSync(tsc, ["--ignoreConfig", "--strict", "--module", "nodenext", "--types", "", "--noEmitOnError", "--outDir", dir, path.join(dir, "snippet.mts")], { encoding: "utf8" });
      if (checked.status !== 0) return [false, `tsc --strict:\n${checked.stdout}${checked.stderr}`];
    } else {
      fs.writeFileSync(script, code);
    }
    const done = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 });
    if (done.status !== 0) return [false, `exit ${done.status}\n${done.stderr}`];
    const got = done.stdout.split("\n").map((l) => l.trimEnd());
    if (got.at(-1) === "") got.pop();
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      return [false, `output differs\n  expected: ${JSON.stringify(expected)}\n  got:      ${JSON.stringify(got)}`];
    }
    return [true, `${expected.length} output lines as promised${lang === "ts" ? ", types checked" : ""}`];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// A sketch's types only: `tsc --strict` as for a ```ts block, nothing emitted or run.
function sketch(code, n) {
  const dir = fs.mkdtempSync(path.join(process.cwd(), `.readme-${n}-`));
  try {
    fs.writeFileSync(path.join(dir, "snippet.mts"), code);
    const checked = spawnSync(tsc, ["--ignoreConfig", "--strict", "--module", "nodenext", "--types", "", "--noEmit", path.join(dir, "snippet.mts")], { encoding: "utf8" });
    if (checked.status !== 0) return [false, `tsc --strict:\n${checked.stdout}${checked.stderr}`];
    return [true, `a sketch: types checked, not run (${code.split("\n").length} lines)`];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const found = [...blocks(file)];
  if (found.length === 0) {
    console.log(`FAIL ${file}: no \`\`\`js or \`\`\`ts block`);
    failed++;
  }
  for (const block of found) {
    const [ok, why] = run(block, passed + failed);
    console.log(`${ok ? "ok  " : "FAIL"} ${block.where}: ${why}`);
    ok ? passed++ : failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
