// The installed package from CommonJS, as an app requires it (scripts/smoke/npm.sh). No
// init call: the module is instantiated by require.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const util = require("node:util");

const saifu = require("saifu");
const checkout = require("saifu/checkout");

test("require works with no init", () => {
  const card = saifu.parseCard("3530 1113 3330 0000");
  assert.equal(card.brand, "jcb");
  assert.ok(!util.inspect(card).includes("3530"), "no digits in util.inspect");
  assert.ok(!JSON.stringify(card).includes("3530"), "no digits in JSON");
  card.free();
  assert.deepEqual(saifu.parseMoney("¥1,980"), { minor: 1980, currency: "JPY" });
});

test("saifu/checkout: a card form's calls, and what it leaves out", () => {
  assert.equal(checkout.detectCard("4242 42").brand, "visa");
  assert.equal(checkout.maskVoucherCode("N7af3c1d7AV9b2e4"), "N7af****7AV9****");
  assert.equal(checkout.Wallet, undefined);
  assert.equal(checkout.Charges, undefined);
  for (const key of Object.keys(checkout)) assert.ok(key in saifu, key);
  assert.throws(() => checkout.checkPassword("short"), (e) => saifu.isSaifuError(e) && e.code.startsWith("password."));
});
