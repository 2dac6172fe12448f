// The seam between JavaScript and saifu-wasm (pkg-node, built by scripts/build-bindings):
// every export reachable, every error a typed SaifuError, the package within budget.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const saifu = require("../../pkg-node/saifu_wasm.js");

const PKGS = ["pkg-node", "pkg-web"].map((p) => path.join(__dirname, "..", "..", p));
const WASM_GZIP_BUDGET = 100 * 1024;

test("saifuVersion returns the crate version", () => {
  assert.match(saifu.saifuVersion(), /^\d+\.\d+\.\d+/);
});

test("checkNotEmpty accepts text", () => {
  assert.equal(saifu.checkNotEmpty("x"), undefined);
});

for (const text of ["", "   ", "\t\n"]) {
  test(`checkNotEmpty(${JSON.stringify(text)}) throws a coded SaifuError`, () => {
    assert.throws(
      () => saifu.checkNotEmpty(text),
      (e) => {
        assert.ok(e instanceof Error, "a real Error, with a stack");
        assert.ok(saifu.isSaifuError(e));
        assert.equal(e.name, "SaifuError");
        assert.equal(e.code, "input.empty");
        assert.match(e.message, /input\.empty/);
        assert.deepEqual(e.details, {});
        assert.equal(Object.getPrototypeOf(e.details), Object.prototype, "a plain object, not a Map");
        return true;
      },
    );
  });
}

test("isSaifuError rejects everything else", () => {
  for (const v of [new Error("x"), { name: "SaifuError", code: "input.empty" }, null, undefined, "x", 1]) {
    assert.equal(saifu.isSaifuError(v), false, String(v));
  }
});

test("no `any` in the generated .d.ts files", () => {
  for (const pkg of PKGS) {
    for (const file of fs.readdirSync(pkg).filter((f) => f.endsWith(".d.ts"))) {
      const code = fs
        .readFileSync(path.join(pkg, file), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      assert.doesNotMatch(code, /\bany\b/, `${path.basename(pkg)}/${file}`);
    }
  }
});

test(`the optimised .wasm is within ${WASM_GZIP_BUDGET / 1024} KB gzipped`, () => {
  for (const pkg of PKGS) {
    const wasm = fs.readFileSync(path.join(pkg, "saifu_wasm_bg.wasm"));
    const gz = zlib.gzipSync(wasm, { level: 9 }).length;
    assert.ok(gz <= WASM_GZIP_BUDGET, `${pkg}: ${gz} bytes gzipped`);
  }
});
