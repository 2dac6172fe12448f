// After `vite build` (scripts/smoke/npm.sh): the app's bundle carries saifu/checkout's
// .wasm, and only it, as an asset, and the built chunk runs: top-level await, the
// asset's URL and the calls, with no init call.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dist = path.resolve("dist", "assets");
const files = fs.readdirSync(dist);
const installed = path.dirname(createRequire(import.meta.url).resolve("saifu/package.json"));

test("the build emits checkout's .wasm as an asset, and not the whole API's", () => {
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, wasm.join(", "));
  const shipped = fs.readFileSync(path.join(installed, "checkout", "saifu_wasm_bg.wasm"));
  assert.ok(fs.readFileSync(path.join(dist, wasm[0])).equals(shipped));
});

test("the built chunk runs with no init call", async () => {
  const real = globalThis.fetch;
  globalThis.fetch = async (url) =>
    new Response(fs.readFileSync(new URL(url)), { headers: { "content-type": "application/wasm" } });
  try {
    const chunk = files.find((f) => f.endsWith(".js"));
    await import(pathToFileURL(path.join(dist, chunk)).href);
  } finally {
    globalThis.fetch = real;
  }
  assert.deepEqual(globalThis.saifuApp, { brand: "jcb", amount: "¥1,980", cvc: "card.invalid_cvc" });
});
