// Issue 21 item 2, the part no conformance vector can carry: wrong types at every number
// parameter. JavaScript lets a caller pass anything where the API expects a `number`; each
// must give a coded SaifuError (never a coercion: "2" is not 2, null is not 0, true is not
// 1), the object must be unchanged, and the module must answer a valid call after. The
// numbers themselves (±2^53, fractions, NaN, ±Infinity, -0) are the conformance vectors of
// conformance/bad_numbers.json, which every language runs.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const saifu = require("../../pkg-node/saifu_wasm.js");
const { t, seedWallet, throwsCoded } = require("./fixtures.cjs");

const AT = t("2026-05-01T12:00:00+09:00");
/** Everything but a number; each would be a number after `+value` or `Number(value)`. */
const WRONG = {
  '"2"': "2",
  '""': "",
  '" 2 "': " 2 ",
  '"0x2"': "0x2",
  null: null,
  undefined: undefined,
  true: true,
  false: false,
  "[]": [],
  "[2]": [2],
  "{valueOf}": { valueOf: () => 2 },
  "new Number(2)": new Number(2), // eslint-disable-line no-new-wrappers
  "2n": 2n,
  "Symbol()": Symbol("2"),
  "a Date": new Date(2),
};
const PROGRAM = {
  id: "minato",
  name: "電子スマイル商品券",
  acceptedBrands: ["visa"],
  product: {
    unitPrice: 10_000,
    maxUnits: 4,
    breakdown: [{ scope: "allStores", value: 12_000 }],
    methods: ["card", "konbini"],
    lotsExpireOn: "2026-12-31",
  },
};
const PLAIN = { id: "plain", name: "P", acceptedBrands: ["visa"] };
const KONBINI = { kind: "konbini", chain: "lawson" };
const SLIP = [{ field: "institutionNumber", number: "12345" }, { field: "customerNumber", number: "1234" }, { field: "confirmationNumber", number: "123" }];

function charges() {
  const c = new saifu.Charges();
  c.addProgram(PROGRAM);
  c.addProgram(PLAIN);
  c.registerPurchaseCode("CODE1234", "minato", 2);
  return c;
}

/** Each number parameter: the code a wrong type gets there, the call with `v` in it, and a
 * valid call with its answer. `state` saves the object the call may change. */
function parameters() {
  const w = seedWallet(new saifu.Wallet());
  const paid = w.pay("riverside", 100, AT).paymentId;
  const c = charges();
  return [
    ["formatMoney minor", "input.invalid", null,
      (v) => saifu.formatMoney({ minor: v, currency: "JPY" }, "symbol"),
      () => assert.equal(saifu.formatMoney({ minor: 2, currency: "JPY" }, "symbol"), "¥2")],
    ["applyRate minor", "input.invalid", null,
      (v) => saifu.applyRate({ minor: v, currency: "JPY" }, "0.5", "toZero"),
      () => assert.equal(saifu.applyRate({ minor: 2, currency: "JPY" }, "0.5", "toZero").minor, 1)],
    ["Wallet.pay amount", "money.invalid", () => w.toJson(),
      (v) => w.pay("riverside", v, AT),
      () => assert.deepEqual(w.quote("riverside", 2, AT).allocations.map((a) => a.amount), [2])],
    ["Wallet.quote amount", "money.invalid", () => w.toJson(),
      (v) => w.quote("riverside", v, AT),
      () => assert.equal(w.quote("riverside", 2, AT).allocations.length, 1)],
    ["Wallet.refund amount", "money.invalid", () => w.toJson(),
      (v) => w.refund(paid, v, AT),
      () => assert.equal(w.quote("riverside", 2, AT).allocations.length, 1)],
    ["Charges.start amount", "input.invalid", () => c.toJson(),
      (v) => c.start("c-bad", "plain", KONBINI, { amount: v }, AT),
      () => assert.equal(c.quote("minato", 2).total, 20_000)],
    ["Charges.start units", "input.invalid", () => c.toJson(),
      (v) => c.start("c-bad", "minato", KONBINI, { units: v }, AT),
      () => assert.equal(c.quote("minato", 2).total, 20_000)],
    ["Charges.registerPurchaseCode units", "charge.invalid_units", () => c.toJson(),
      (v) => c.registerPurchaseCode("CODE5678", "minato", v),
      () => assert.equal(c.quote("minato", 2).total, 20_000)],
    ["Charges.startPurchase units", "charge.invalid_units", () => c.toJson(),
      (v) => c.startPurchase("p-bad", "minato", "CODE1234", v, KONBINI, AT),
      () => assert.equal(c.quote("minato", 2).total, 20_000)],
    ["Charges.quote units", "charge.invalid_units", () => c.toJson(),
      (v) => c.quote("minato", v),
      () => assert.equal(c.quote("minato", 2).total, 20_000)],
    ["PaymentSlip amount", "money.invalid", null,
      (v) => new saifu.PaymentSlip("payEasy", SLIP, AT, v),
      () => assert.equal(new saifu.PaymentSlip("payEasy", SLIP, AT, 2).amount, 2)],
  ];
}

for (const [name, code, state, call, valid] of parameters()) {
  test(`${name}: every wrong type is ${code}, changes nothing, and the module answers after`, () => {
    for (const [label, v] of Object.entries(WRONG)) {
      const before = state && state();
      throwsCoded(() => call(v), code, `${name} ${label}`);
      if (state) assert.equal(state(), before, `${name} ${label}: the object changed`);
      valid();
    }
  });
}

test("a number is still read as the number (the wrong types above are not refused for their value)", () => {
  const c = charges();
  assert.equal(c.quote("minato", 2).total, 20_000);
  assert.equal(c.registerPurchaseCode("CODE5678", "minato", 1), "CODE5678");
  assert.equal(saifu.formatMoney({ minor: -0, currency: "JPY" }, "symbol"), "¥0");
  throwsCoded(() => c.quote("minato", 2.5), "charge.invalid_units");
  throwsCoded(() => c.quote("minato", NaN), "charge.invalid_units");
});
