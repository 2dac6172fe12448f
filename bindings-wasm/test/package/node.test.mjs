// The installed package from a Node ES module, as an app imports it (scripts/smoke/npm.sh
// copies this file into a fresh project where `saifu` is the packed tarball). No init call.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import * as saifu from "saifu";
import * as checkout from "saifu/checkout";
import { formatMoney, isSaifuError, parseCard, parseMoney, Wallet } from "saifu";

const require = createRequire(import.meta.url);
const installed = path.dirname(require.resolve("saifu/package.json"));
const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));

// What a payment form needs, and what it must not pay for (README.md, src/lib.rs).
const CHECKOUT = [
  "CardNumber", "SecurityCode", "checkCard", "checkPassword", "detectCard", "formatMoney", "isCardExpired",
  "isSaifuError", "maskVoucherCode", "parseCard", "parseCardExpiry", "parseMerchantQr",
  "parseMoney", "parsePaymentNumber", "parseSecurityCode", "parseSmartPit", "saifuVersion",
];
const NOT_CHECKOUT = [
  "Wallet", "Charges", "CardsOnFile", "CardPolicy", "Pin", "OneTimePassword", "SignIn",
  "CustomerQrPayment", "MerchantQrPayment", "PaymentSlip", "canPaySmartPit", "validateSignup",
  "applyRate", "buildMerchantQr", "jpqrMerchantQr", "normalizePurchaseCode",
];

test("import works with no init: cards, money and a coded error", () => {
  const card = parseCard("４２４２　４２４２　４２４２　４２４２");
  assert.equal(card.masked(), "****-****-****-4242");
  card.free();
  assert.equal(formatMoney(parseMoney("１０，０００円"), "voucher"), "10,000円分");
  assert.throws(() => new Wallet().pay("riverside", 500, new Date()), (e) => isSaifuError(e) && e.code === "wallet.unknown_merchant");
});

test("saifu/checkout is ready on import and holds exactly the payment form's exports", () => {
  assert.deepEqual(Object.keys(checkout).sort(), [...CHECKOUT].sort());
  for (const name of NOT_CHECKOUT) assert.ok(name in saifu && !(name in checkout), name);
  assert.equal(checkout.detectCard("3528").brand, "jcb");
  assert.equal(checkout.parseCardExpiry("１２／２８").expiresAt, "2029-01-01T00:00:00+09:00");
  assert.equal(checkout.saifuVersion(), pkg.version);
});

test("one SaifuError class across both entries", () => {
  let thrown;
  try {
    checkout.parseSecurityCode("12", "amex");
  } catch (e) {
    thrown = e;
  }
  assert.ok(saifu.isSaifuError(thrown) && checkout.isSaifuError(thrown));
  assert.equal(thrown.code, "card.invalid_cvc");
  assert.ok(thrown instanceof Error);
});

test("import and require give the same instance, with the same names", () => {
  for (const [name, ns] of [["saifu", saifu], ["saifu/checkout", checkout]]) {
    const cjs = require(name);
    assert.deepEqual(Object.keys(ns).sort(), Object.keys(cjs).sort(), name);
    for (const key of Object.keys(cjs)) assert.equal(ns[key], cjs[key], `${name}: ${key}`);
  }
});

test("the browser entries load (fetch of their .wasm) and export the same names", async () => {
  const real = globalThis.fetch;
  // Node's fetch cannot read file: URLs; a browser's or a bundler's server would serve it.
  globalThis.fetch = async (url) =>
    new Response(fs.readFileSync(new URL(url)), { headers: { "content-type": "application/wasm" } });
  try {
    for (const [dir, ns] of [["saifu", saifu], ["checkout", checkout]]) {
      const web = await import(path.join(installed, pkg.exports[dir === "saifu" ? "." : "./checkout"].browser));
      assert.deepEqual(Object.keys(web).sort(), Object.keys(ns).sort(), dir);
      assert.equal(web.parseCard("4242424242424242").last4(), "4242");
    }
  } finally {
    globalThis.fetch = real;
  }
});

test("package.json: one version, conditions, files, side effects, engines", () => {
  assert.equal(pkg.name, "saifu");
  assert.equal(pkg.version, saifu.saifuVersion()); // the crate's, i.e. the workspace's
  assert.equal(pkg.type, "module");
  assert.ok(pkg.engines.node.startsWith(">="));
  for (const entry of [".", "./checkout"]) {
    const c = pkg.exports[entry];
    assert.deepEqual(Object.keys(c), ["node", "types", "browser", "default"], entry);
    const targets = [c.types, c.browser, c.default, ...Object.values(c.node).flatMap((v) => Object.values(v))];
    for (const t of targets) assert.ok(fs.existsSync(path.join(installed, t)), `${entry}: ${t}`);
    // Every entry file that instantiates a module is marked as having side effects.
    const dir = c.default.split("/")[1];
    assert.ok(pkg.sideEffects.includes(`./${dir}/*`), dir);
  }
  for (const f of ["README.md", "LICENSE-MIT", "LICENSE-APACHE"]) assert.ok(fs.existsSync(path.join(installed, f)), f);
});
