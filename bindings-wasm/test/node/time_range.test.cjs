// Issue 14, item 3: a JavaScript Date that saifu cannot save is refused by core, coded,
// before it reaches a wallet. Before, `pay` at `new Date("+010000-01-01Z")` succeeded and
// the wallet's own save then failed to load (`state.malformed`); a year -100000 was
// saved as 0000 and entered the payment id.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const saifu = require("../../pkg-node/saifu_wasm.js");
const { t, seedWallet } = require("./fixtures.cjs");

/** The code of the SaifuError `fn` throws. */
function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(saifu.isSaifuError(e), `not a SaifuError: ${e && e.stack}`);
    return e.code;
  }
  assert.fail("nothing was thrown");
}

// Valid JavaScript Dates outside the years 0001-9999 in UTC or in JST (saifu judges
// calendar rules in JST: 9999-12-31T15:00Z is already year 10000 there).
const FAR = [
  new Date("+010000-01-01T00:00:00Z"),
  new Date("9999-12-31T15:00:00Z"),
  new Date("-100000-01-01T00:00:00Z"),
  new Date("0000-12-31T20:00:00Z"),
];

test("a wallet refuses instants it could not save, and its save keeps loading", () => {
  const w = seedWallet(new saifu.Wallet());
  const saved = w.toJson();
  for (const far of FAR) {
    assert.ok(!Number.isNaN(far.getTime()), `${far} is a valid Date`);
    assert.equal(code(() => w.pay("riverside", 1, far)), "time.invalid", String(far));
    assert.equal(code(() => w.quote("riverside", 1, far)), "time.invalid");
    assert.equal(code(() => w.balance(far)), "time.invalid");
    assert.equal(code(() => w.expire(far)), "time.invalid");
  }
  assert.equal(w.toJson(), saved, "nothing changed");
  const loaded = saifu.Wallet.fromJson(w.toJson());
  assert.equal(loaded.toJson(), saved);
  // The last instant of 9999 in JST is usable, and what it makes saves and loads.
  const receipt = w.pay("riverside", 1, new Date("9999-12-31T14:59:59.999Z"));
  assert.match(receipt.paymentId, /99991231\d{12}$/);
  assert.equal(saifu.Wallet.fromJson(w.toJson()).toJson(), w.toJson());
  w.free();
  loaded.free();
});

test("a lot registered or charged outside the range is refused", () => {
  const w = seedWallet(new saifu.Wallet());
  const lot = (registeredAt, expiresOn) => ({
    id: "Z",
    code: "ZZZZ1111zzzz2222",
    managementNo: "d0000000000000001",
    program: "tennozu",
    scope: "allStores",
    registeredAt,
    expiresOn,
    faceValue: 100,
    balance: 100,
  });
  for (const far of FAR) {
    assert.equal(code(() => w.openLot(lot(far, null))), "time.invalid");
    assert.equal(code(() => w.charge("CH-far", "tennozu", far, [lot(t("2026-01-01T00:00:00Z"), null)])), "time.invalid");
  }
  assert.equal(code(() => w.openLot(lot(t("2026-01-01T00:00:00Z"), "0000-12-31"))), "time.invalid");
  assert.equal(saifu.Wallet.fromJson(w.toJson()).toJson(), w.toJson());
  w.free();
});
