// Assembles the npm package `saifu` from wasm-bindgen's outputs (scripts/build-bindings
// runs it; nothing here is committed as generated code):
//
//   node assemble.mjs FULL_NODE FULL_WEB CHECKOUT_NODE CHECKOUT_WEB OUT
//
// FULL_* are the whole API bound with `--target nodejs` and `--target web`, CHECKOUT_*
// the same crate built without its `full` feature. OUT becomes:
//
//   package.json, README.md (this directory's), LICENSE-MIT, LICENSE-APACHE
//   saifu/, checkout/    one entry each:
//     saifu_wasm_bg.wasm  the module (wasm-bindgen writes the same bytes for both targets)
//     saifu_wasm.cjs      Node: CommonJS, instantiates the module synchronously on require
//     index.mjs           Node: the ES module entry, re-exporting that one instance
//     saifu_wasm.js       browsers and bundlers: ES module glue (fetches the .wasm)
//     index.js            browsers and bundlers: awaits the glue's init at the top level
//     index.d.ts, .d.cts  the types (the same declarations for ESM and CommonJS)
//   snippets/            the JS modules the Rust code imports (js/), shared by both entries
//                        so `SaifuError` is one class; .js as ES modules, .cjs for require
//
// No entry needs an init call: Node instantiates synchronously, browsers through a
// top-level await (README.md says why). The checks below fail the build rather than ship
// a package whose entries disagree.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..", "..");
const [fullNode, fullWeb, checkoutNode, checkoutWeb, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node assemble.mjs FULL_NODE FULL_WEB CHECKOUT_NODE CHECKOUT_WEB OUT");
  process.exit(2);
}

const fail = (why) => {
  console.error(`assemble: ${why}`);
  process.exit(1);
};
const read = (...p) => fs.readFileSync(path.join(...p), "utf8");
const write = (file, text) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

// One version for every package: the workspace's.
const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(read(root, "Cargo.toml"))?.[1];
if (!version) fail("no [workspace.package] version in Cargo.toml");

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

// The snippets: wasm-bindgen copies src's `module = "/js/…"` files under
// snippets/<crate>-<hash>/. Both builds are of one crate, so the directories match. The
// glue in saifu/ and checkout/ imports them from one level up.
function snippets(dir) {
  const s = path.join(dir, "snippets");
  return fs.readdirSync(s, { recursive: true }).filter((f) => f.endsWith(".js")).sort();
}
const shared = snippets(fullWeb);
for (const dir of [fullNode, checkoutNode, checkoutWeb]) {
  for (const f of snippets(dir)) {
    if (!shared.includes(f)) fail(`${dir}: snippet ${f} is not in the whole API's`);
  }
}
for (const f of shared) {
  const source = read(fullWeb, "snippets", f);
  write(path.join(out, "snippets", f), source);
  write(path.join(out, "snippets", f.replace(/\.js$/, ".cjs")), commonJs(source, f));
}

/**
 * A snippet as CommonJS, for require() under tools that cannot require an ES module
 * (Jest, Node before 20.19). The snippets are dependency-free modules of top-level
 * `export class|function|const` declarations (bindings-wasm/js/); anything else fails.
 */
function commonJs(source, name) {
  if (/^\s*import\b|^\s*export\s+(default|\{|\*)/m.test(source)) {
    fail(`snippet ${name}: only \`export class|function|const NAME\` can be made CommonJS`);
  }
  const names = [];
  const body = source.replace(/^export\s+(class|function|const|let)\s+([A-Za-z_$][\w$]*)/gm, (_, kind, n) => {
    names.push(n);
    return `${kind} ${n}`;
  });
  if (/^\s*export\b/m.test(body)) fail(`snippet ${name}: an export left after conversion`);
  return `"use strict";\n${body}\nmodule.exports = { ${names.join(", ")} };\n`;
}

// One entry: the glue, the module, the two ES entries and the types.
function entry(name, nodeDir, webDir) {
  const dir = path.join(out, name);
  fs.mkdirSync(dir);
  const wasm = fs.readFileSync(path.join(nodeDir, "saifu_wasm_bg.wasm"));
  if (!wasm.equals(fs.readFileSync(path.join(webDir, "saifu_wasm_bg.wasm")))) {
    fail(`${name}: the nodejs and web targets' .wasm differ; ship both or find out why`);
  }
  fs.writeFileSync(path.join(dir, "saifu_wasm_bg.wasm"), wasm);

  // The `@ts-self-types` line names the glue's own .d.ts, which is not shipped.
  const selfTypes = /^\/\* @ts-self-types=.*\*\/\n/;
  const cjs = read(nodeDir, "saifu_wasm.js")
    .replace(selfTypes, "")
    .replace(/\.\/snippets\/([^`'"]+)\.js/g, "../snippets/$1.cjs");
  if (!cjs.includes("__dirname}/saifu_wasm_bg.wasm")) fail(`${name}: the Node glue no longer reads saifu_wasm_bg.wasm beside it`);
  write(path.join(dir, "saifu_wasm.cjs"), cjs);
  const web = read(webDir, "saifu_wasm.js")
    .replace(selfTypes, "")
    .replace(/\.\/snippets\//g, "../snippets/");
  write(path.join(dir, "saifu_wasm.js"), web);

  // The names every entry exports: what the Node module exports once instantiated.
  const names = Object.keys(createRequire(import.meta.url)(path.resolve(dir, "saifu_wasm.cjs"))).sort();
  const webNames = [...web.matchAll(/^export (?:class|function|const) ([A-Za-z_$][\w$]*)/gm)]
    .map((m) => m[1])
    .concat([...web.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) => m[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop())))
    .filter((n) => n !== "default" && n !== "initSync");
  const missing = names.filter((n) => !webNames.includes(n));
  if (missing.length) fail(`${name}: the web glue lacks ${missing.join(", ")}`);
  const list = names.map((n) => `  ${n},`).join("\n");

  write(
    path.join(dir, "index.mjs"),
    `// saifu${name === "saifu" ? "" : "/" + name} for Node as an ES module: the CommonJS module's one instance, so\n` +
      `// \`import\` and \`require\` share objects and the SaifuError class. Ready on import.\n` +
      `import saifu from "./saifu_wasm.cjs";\n\nexport const {\n${list}\n} = saifu;\n`,
  );
  write(
    path.join(dir, "index.js"),
    `// saifu${name === "saifu" ? "" : "/" + name} for browsers and bundlers: the module is fetched and instantiated\n` +
      `// here, before any importer runs (top-level await), so every export is ready on\n` +
      `// import, as in Node. Bundlers emit saifu_wasm_bg.wasm as an asset\n` +
      `// (\`new URL(…, import.meta.url)\` in the glue).\n` +
      `import init from "./saifu_wasm.js";\n\nawait init();\n\nexport {\n${list}\n} from "./saifu_wasm.js";\n`,
  );

  // Types: the nodejs target's declarations (no init: no entry needs one). Classes
  // declare `[Symbol.dispose]()`, which needs `Symbol.dispose` in the types: TypeScript
  // has it only with lib esnext.disposable, so a strict project on the default lib would
  // fail on this file. It is declared here as @types/node declares it (it merges with
  // the lib's); the glue installs the method only where the engine has the symbol.
  const dts = read(nodeDir, "saifu_wasm.d.ts");
  if (!dts.includes("[Symbol.dispose](): void;")) fail(`${name}: no [Symbol.dispose] in the types; drop the declaration below`);
  const typed = [...dts.matchAll(/^export (?:declare )?(?:class|function|const) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  const untyped = names.filter((n) => !typed.includes(n));
  if (untyped.length) fail(`${name}: exports without a declaration: ${untyped.join(", ")}`);
  const header =
    `// saifu ${version}${name === "saifu" ? "" : ", entry saifu/" + name}: every export, typed (no \`any\`).\n` +
    `declare global {\n  interface SymbolConstructor {\n    readonly dispose: unique symbol;\n  }\n}\n`;
  const body = dts.replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, "");
  write(path.join(dir, "index.d.ts"), header + body);
  write(path.join(dir, "index.d.cts"), header + body);
  return { name, names, wasm: wasm.length };
}

const entries = [entry("saifu", fullNode, fullWeb), entry("checkout", checkoutNode, checkoutWeb)];
const [full, checkout] = entries;
const extra = checkout.names.filter((n) => !full.names.includes(n));
if (extra.length) fail(`checkout exports what the whole API does not: ${extra.join(", ")}`);

// The package. Conditions are tried in order: Node (and Jest, and bundlers building for
// Node) gets the synchronous CommonJS instance, through a thin ES module for `import`;
// browsers and bundlers get the ES module with the top-level await. "types" for tools
// without the node condition (TypeScript's bundler resolution).
const conditions = (dir) => ({
  node: {
    import: { types: `./${dir}/index.d.ts`, default: `./${dir}/index.mjs` },
    require: { types: `./${dir}/index.d.cts`, default: `./${dir}/saifu_wasm.cjs` },
  },
  types: `./${dir}/index.d.ts`,
  browser: `./${dir}/index.js`,
  default: `./${dir}/index.js`,
});
const pkg = {
  name: "saifu",
  version,
  description:
    "Rules of Japanese cashless payments and regional e-money / premium gift vouchers (cards, JPQR, money, a voucher wallet), from one Rust core compiled to WebAssembly.",
  keywords: ["payments", "japan", "wallet", "jpqr", "credit-card", "wasm"],
  license: "MIT OR Apache-2.0",
  homepage: "https://github.com/saifu-rs/saifu",
  repository: { type: "git", url: "git+https://github.com/saifu-rs/saifu.git", directory: "bindings-wasm" },
  type: "module",
  exports: {
    ".": conditions("saifu"),
    "./checkout": conditions("checkout"),
    "./package.json": "./package.json",
  },
  // For tools that predate `exports`.
  main: "./saifu/saifu_wasm.cjs",
  module: "./saifu/index.js",
  types: "./saifu/index.d.ts",
  files: ["saifu/", "checkout/", "snippets/", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  // Loading an entry instantiates its .wasm: a bundler must keep these even when it
  // could reach an export without them (the snippets are plain declarations).
  sideEffects: ["./saifu/*", "./checkout/*"],
  // String.prototype.isWellFormed (20), the WebAssembly features the build enables.
  engines: { node: ">=20" },
};
write(path.join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
fs.copyFileSync(path.join(here, "README.md"), path.join(out, "README.md"));
for (const f of ["LICENSE-MIT", "LICENSE-APACHE"]) fs.copyFileSync(path.join(root, f), path.join(out, f));

for (const e of entries) {
  console.log(`npm: ${e.name === "saifu" ? "saifu" : "saifu/" + e.name}: ${e.names.length} exports, .wasm ${e.wasm} bytes`);
}
console.log(`npm: saifu ${version} assembled in ${path.relative(process.cwd(), out) || "."}`);
