// Issue 14 (integrity first), the JavaScript half: hostile values from a caller must give a
// coded SaifuError and leave every object and the module as they were.
//
// - Item 1: reading a value may run the caller's code (a getter, a Proxy's traps, an
//   iterator, a Date's methods). An exception thrown there used to unwind through the wasm
//   frames: the object being called stayed borrowed for good ("recursive use of an
//   object"), and every escape kept a slot of the externref table until, after a few
//   hundred, every export threw "table index is out of bounds".
// - Item 7: a string with a lone surrogate reached core as U+FFFD ("\uD800" and "\uDBFF" were
//   the same id); setEventLog("true"), {} or 0.5 turned the log off.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const saifu = require("../../pkg-node/saifu_wasm.js");
const { t, seedWallet, throwsCoded } = require("./fixtures.cjs");


const AT = t("2026-05-01T12:00:00+09:00");
const LOT = {
  id: "Z",
  code: "ZZZZ9999ZZZZ9999",
  managementNo: "d9",
  program: "oyama",
  scope: "allStores",
  registeredAt: t("2026-01-01T00:00:00+09:00"),
  expiresOn: null,
  faceValue: 100,
  balance: 100,
};
const PROGRAM = { id: "p", name: "P", paymentIdPrefix: "OEM2026000001" };
const MERCHANT = { id: "m", name: "M", size: "small", programs: ["oyama"] };
const POLICY = { spending: "restrictedFirst", expiredRefund: "forfeit" };
const CHARGE_PROGRAM = {
  id: "minato",
  name: "電子スマイル商品券",
  acceptedBrands: ["visa", "jcb"],
  product: {
    unitPrice: 10_000,
    maxUnits: 4,
    breakdown: [{ scope: "allStores", value: 12_000 }],
    methods: ["card", "konbini"],
    lotsExpireOn: "2026-12-31",
  },
};
const QR = saifu.jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA");

// ---- hostile values ---------------------------------------------------------------------------

/** Passes `instanceof Date` but has no time value. */
const fakeDate = () => Object.create(Date.prototype);
/** A Proxy whose every trap throws. */
const trapping = (target) =>
  new Proxy(target, {
    get(_, key) {
      throw new Error(`get ${String(key)}`);
    },
    has() {
      throw new Error("has");
    },
    ownKeys() {
      throw new Error("ownKeys");
    },
    getOwnPropertyDescriptor() {
      throw new Error("getOwnPropertyDescriptor");
    },
    getPrototypeOf() {
      throw new Error("getPrototypeOf");
    },
  });
/** A revoked Proxy of `target`: every operation on it throws, even Array.isArray. */
const revoked = (target = {}) => {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
};
/** `object` with a getter for `key` that throws. */
const throwingGetter = (object, key) =>
  Object.defineProperty({ ...object }, key, {
    enumerable: true,
    get() {
      throw new Error(`${key} getter`);
    },
  });
/** An array whose iterator throws. */
const throwingIterator = (items) => {
  const a = [...items];
  a[Symbol.iterator] = function* () {
    throw new Error("iterator");
  };
  return a;
};
/** A Date subclass whose every method of its own throws. */
class ThrowingDate extends Date {
  getTime() {
    throw new Error("getTime");
  }
  valueOf() {
    throw new Error("valueOf");
  }
  toString() {
    throw new Error("toString");
  }
  toISOString() {
    throw new Error("toISOString");
  }
  [Symbol.toPrimitive]() {
    throw new Error("toPrimitive");
  }
}

/**
 * Calls that each give the caller's code a chance to throw, with the code they must fail
 * with. Each takes the wallet under test `w`, on which a failed call changes nothing.
 */
function hostileCalls(w) {
  const dates = [fakeDate(), new Proxy(new Date(), {}), trapping(new Date()), revoked(new Date()), revoked()];
  const calls = [];
  const add = (name, code, fn) => calls.push({ name, code, fn });
  dates.forEach((d, i) => {
    add(`pay date #${i}`, "time.invalid", () => w.pay("riverside", 100, d));
    add(`quote date #${i}`, "time.invalid", () => w.quote("riverside", 100, d));
    add(`refund date #${i}`, "time.invalid", () => w.refund("OEM", 1, d));
    add(`balance date #${i}`, "time.invalid", () => w.balance(d));
    add(`expire date #${i}`, "time.invalid", () => w.expire(d));
    add(`charge date #${i}`, "time.invalid", () => w.charge("C", "oyama", d, [LOT]));
    add(`openLot registeredAt #${i}`, "time.invalid", () => w.openLot({ ...LOT, registeredAt: d }));
    add(`history from #${i}`, "time.invalid", () => w.history({ from: d }));
    add(`isCardExpired #${i}`, "time.invalid", () => saifu.isCardExpired({ month: 1, year: 2030 }, d));
    add(`CustomerQrPayment #${i}`, "time.invalid", () => new saifu.CustomerQrPayment("T", d, 60));
    add(`OneTimePassword #${i}`, "time.invalid", () => new saifu.OneTimePassword("123456", d, 60, 3));
    add(`Charges.canStart #${i}`, "time.invalid", () => new saifu.Charges().canStart(d));
  });
  const objects = (value) => [trapping(value), revoked(value), revoked()];
  for (const bad of objects(LOT)) add("openLot object", "input.invalid", () => w.openLot(bad));
  for (const key of Object.keys(LOT)) {
    add(`openLot getter ${key}`, "input.invalid", () => w.openLot(throwingGetter(LOT, key)));
  }
  for (const bad of objects(PROGRAM)) add("addProgram object", "input.invalid", () => w.addProgram(bad));
  add("addProgram getter", "input.invalid", () => w.addProgram(throwingGetter(PROGRAM, "name")));
  for (const bad of objects(MERCHANT)) add("addMerchant object", "input.invalid", () => w.addMerchant(bad));
  for (const programs of [trapping(["oyama"]), revoked(["oyama"]), throwingIterator(["oyama"])]) {
    add("addMerchant programs", "input.invalid", () => w.addMerchant({ ...MERCHANT, programs }));
  }
  for (const bad of objects(POLICY)) add("setPolicy object", "input.invalid", () => w.setPolicy(bad));
  add("setPolicy expiredRefund", "input.invalid", () =>
    w.setPolicy({ ...POLICY, expiredRefund: trapping({ reissueDays: 1 }) }),
  );
  for (const lots of [trapping([LOT]), revoked([LOT]), throwingIterator([LOT]), [throwingGetter(LOT, "balance")]]) {
    add("charge lots", "input.invalid", () => w.charge("C", "oyama", AT, lots));
  }
  for (const bad of [trapping({}), revoked(), { kinds: trapping(["payment"]) }, { kinds: revoked([]) }]) {
    add("history filter", "input.invalid", () => w.history(bad));
  }
  // A getter that calls back into the wallet being called: the inner call is refused
  // (the wallet is in use), and the outer one fails cleanly.
  add("openLot re-entrant getter", "input.invalid", () =>
    w.openLot(
      Object.defineProperty({ ...LOT }, "id", {
        get() {
          w.toJson();
          return "Z";
        },
      }),
    ),
  );
  for (const bad of objects({ minor: 1, currency: "JPY" })) {
    add("formatMoney", "input.invalid", () => saifu.formatMoney(bad, "symbol"));
    add("applyRate", "input.invalid", () => saifu.applyRate(bad, "1", "toZero"));
  }
  add("isCardExpired expiry", "input.invalid", () => saifu.isCardExpired(trapping({ month: 1, year: 2030 }), AT));
  for (const bad of objects(QR)) {
    add("buildMerchantQr", "input.invalid", () => saifu.buildMerchantQr(bad));
    add("merchantQrAmount", "input.invalid", () => saifu.merchantQrAmount(bad));
    add("jpqrMerchantId", "input.invalid", () => saifu.jpqrMerchantId(bad));
  }
  for (const accounts of [trapping([]), revoked([]), throwingIterator(QR.accounts)]) {
    add("buildMerchantQr accounts", "input.invalid", () => saifu.buildMerchantQr({ ...QR, accounts }));
  }
  for (const value of [revoked([]), trapping([]), throwingIterator([{ tag: 0, value: "x" }])]) {
    add("buildMerchantQr template", "input.invalid", () =>
      saifu.buildMerchantQr({ ...QR, accounts: [{ tag: 26, value }] }),
    );
  }
  const charges = new saifu.Charges();
  charges.addProgram(CHARGE_PROGRAM);
  for (const bad of objects(CHARGE_PROGRAM)) add("Charges.addProgram", "input.invalid", () => charges.addProgram(bad));
  for (const acceptedBrands of [revoked([]), trapping(["visa"]), throwingIterator(["visa"])]) {
    add("Charges.addProgram brands", "input.invalid", () => charges.addProgram({ ...CHARGE_PROGRAM, id: "x", acceptedBrands }));
  }
  add("Charges.addProgram product", "input.invalid", () =>
    charges.addProgram({ ...CHARGE_PROGRAM, id: "x", product: { ...CHARGE_PROGRAM.product, breakdown: revoked([]) } }),
  );
  for (const bad of objects({ kind: "card", brand: "visa" })) {
    add("Charges.start method", "input.invalid", () => charges.start("c", "minato", bad, { amount: 1000 }, AT));
  }
  for (const bad of objects({ amount: 1000 })) {
    add("Charges.start order", "input.invalid", () => charges.start("c", "minato", { kind: "jcoin" }, bad, AT));
  }
  // Issue 18: the flows' Dates, configs, saved parts, forms and keys.
  const signIn = new saifu.SignIn(FLOW_KEY, { puzzle: false });
  dates.forEach((d, i) => {
    add(`SignIn.passwordAccepted #${i}`, "time.invalid", () => signIn.passwordAccepted(true, "1234", d));
    add(`SignIn.otpResent #${i}`, "time.invalid", () => signIn.otpResent("1234", d));
    add(`SignIn.enterOtp #${i}`, "time.invalid", () => signIn.enterOtp("1234", d));
  });
  const SIGNIN_PARTS = signIn.parts();
  for (const bad of objects({ puzzle: true })) add("SignIn config", "input.invalid", () => new saifu.SignIn(FLOW_KEY, bad));
  add("SignIn config getter", "input.invalid", () => new saifu.SignIn(FLOW_KEY, throwingGetter({ otpDigits: 4 }, "otpDigits")));
  for (const bad of objects(SIGNIN_PARTS)) {
    add("SignIn.fromParts parts", "input.invalid", () => saifu.SignIn.fromParts(FLOW_KEY, null, bad));
  }
  for (const key of Object.keys(SIGNIN_PARTS)) {
    add(`SignIn.fromParts getter ${key}`, "input.invalid", () => saifu.SignIn.fromParts(FLOW_KEY, null, throwingGetter(SIGNIN_PARTS, key)));
  }
  for (const key of [trapping(FLOW_KEY), revoked(FLOW_KEY), revoked()]) {
    add("SignIn key", "input.invalid", () => new saifu.SignIn(key));
  }
  const FORM = { email: "a@b.jp", emailAgain: "a@b.jp", termsAccepted: true, loginId: "hanako", password: "Sakura2024" };
  for (const bad of objects(FORM)) add("validateSignup form", "input.invalid", () => saifu.validateSignup(bad));
  for (const key of Object.keys(FORM)) {
    add(`validateSignup getter ${key}`, "input.invalid", () => saifu.validateSignup(throwingGetter(FORM, key)));
  }
  for (const profile of objects({ name: "N" })) {
    add("validateSignup profile", "input.invalid", () => saifu.validateSignup({ ...FORM, profile }));
  }
  for (const required of [trapping(["name"]), revoked([]), throwingIterator(["name"])]) {
    add("validateSignup required", "input.invalid", () => saifu.validateSignup(FORM, required));
  }
  add("Charges.start date", "time.invalid", () => charges.start("c", "minato", { kind: "jcoin" }, { amount: 1000 }, fakeDate()));
  add("Charges.tick date", "time.invalid", () => charges.tick(revoked()));
  return { calls, charges };
}

test("issue 14.1: exceptions thrown by the caller's values are coded; after 2,000 the wallet and the module work", () => {
  const w = seedWallet(new saifu.Wallet());
  const receipt = w.pay("riverside", 100, AT);
  const before = w.toJson();
  const { calls, charges } = hostileCalls(w);
  const chargesBefore = JSON.stringify(charges.charges());

  // The reproduction of the issue first: a fake Date, then the same wallet still saves.
  throwsCoded(() => w.pay("m", 1, fakeDate()), "time.invalid");
  assert.equal(w.toJson(), before);

  let made = 0;
  while (made < 2000) {
    for (const { name, code, fn } of calls) {
      throwsCoded(fn, code, name);
      made += 1;
    }
    // Fresh objects too, as in the issue's 400 × new Wallet().pay(…).
    const fresh = new saifu.Wallet();
    throwsCoded(() => fresh.pay("m", 1, fakeDate()), "time.invalid");
    fresh.free();
    made += 1;
  }
  assert.ok(made >= 2000);

  // The same wallet: unchanged, saves, loads, pays, refunds.
  assert.equal(w.toJson(), before);
  const copy = saifu.Wallet.fromJson(w.toJson());
  assert.equal(copy.toJson(), before);
  copy.free();
  assert.equal(w.pay("riverside", 200, t("2026-05-01T12:00:01+09:00")).amount, 200);
  assert.equal(w.refund(receipt.paymentId, 100, t("2026-05-01T12:00:02+09:00")).amount, 100);
  assert.equal(w.balance(AT).total, 23_000 - 100 - 200 + 100);
  // The charges object used alongside: unchanged and usable.
  assert.equal(JSON.stringify(charges.charges()), chargesBefore);
  assert.equal(charges.start("c9", "minato", { kind: "jcoin" }, { amount: 1000 }, AT).state, "draft");
  charges.free();
  // The module: every kind of export still answers.
  assert.deepEqual(saifu.parseMoney("100"), { minor: 100, currency: "JPY" });
  assert.equal(saifu.parseCard("4242 4242 4242 4242").masked(), "****-****-****-4242");
  assert.equal(new saifu.Wallet().toJson().length > 0, true);
  assert.equal(saifu.isCardExpired({ month: 1, year: 2030 }, AT), false);
  w.free();
});

test("issue 14.1: a Date is read by its own time value, never by its methods; a Proxy of one is not a Date", () => {
  const w = seedWallet(new saifu.Wallet());
  // A subclass whose methods throw is still a Date: its time value is read, none of its
  // code runs.
  const receipt = w.pay("riverside", 100, new ThrowingDate("2026-05-01T12:00:00+09:00"));
  assert.equal(receipt.at, "2026-05-01T12:00:00+09:00");
  throwsCoded(() => w.pay("riverside", 100, new ThrowingDate(NaN)), "time.invalid");
  // A Date of another realm (an iframe, a vm context) is a Date too.
  const foreign = vm.runInNewContext('new Date("2026-05-01T12:00:01+09:00")');
  assert.equal(w.pay("riverside", 100, foreign).at, "2026-05-01T12:00:01+09:00");
  // A Proxy of a Date has no time value of its own.
  throwsCoded(() => w.pay("riverside", 100, new Proxy(new Date(), {})), "time.invalid");
  assert.equal(w.payments().length, 2);
  w.free();
});

// ---- item 7: strings and booleans -------------------------------------------------------------

const SLIP_NUMBERS = [
  { field: "institutionNumber", number: "12345" },
  { field: "customerNumber", number: "1234" },
  { field: "confirmationNumber", number: "123" },
];
const BILL = { number: "1234567890123", merchant: "M", amount: 100, dueOn: "2099-12-31" };
const LONE = ["\uD800", "\uDBFF", "a\uDC00b", "\uFFFD\uD800", "💳\uDFFF"];
const FLOW_KEY = new Uint8Array(32).fill(7);
const JCOIN = { id: "user01", password: "pw", code: "1234" };

/**
 * Every parameter of the API that takes a string (or a union of string literals) or a
 * boolean, read from the package's .d.ts: `fn(param)`, `Class.method(param)`,
 * `new Class(param)`, `Class.staticMethod(param)`.
 */
function declaredParameters(kind) {
  const text = fs.readFileSync(path.join(__dirname, "..", "..", "pkg-node", "saifu_wasm.d.ts"), "utf8");
  const literalUnions = new Set();
  for (const [, name, union] of text.matchAll(/^export type (\w+) = (.+);$/gm)) {
    if (union.split(" | ").every((part) => /^"[^"]*"$/.test(part))) literalUnions.add(name);
  }
  const isKind = (type) => {
    const t = type.replace(/ \| (null|undefined)$/, "");
    return kind === "boolean" ? t === "boolean" : t === "string" || literalUnions.has(t);
  };
  const found = [];
  let cls = null;
  for (const line of text.split("\n")) {
    const c = /^export class (\w+)/.exec(line);
    if (c) cls = c[1];
    const f = /^export function (\w+)\((.*)\):/.exec(line);
    const m = /^    (static )?(\w+)\((.*)\)(:|;)/.exec(line);
    let prefix;
    let params;
    if (f) [prefix, params] = [`${f[1]}`, f[2]];
    else if (m && cls) [prefix, params] = [m[2] === "constructor" ? `new ${cls}` : `${cls}.${m[2]}`, m[3]];
    else continue;
    for (const param of params ? params.split(", ") : []) {
      const [name, type] = param.split(/\??: /);
      if (isKind(type)) found.push(`${prefix}(${name})`);
    }
  }
  return found.sort();
}

/** One call per string parameter: `s` goes there, every other argument is valid. */
function stringParameters() {
  const w = seedWallet(new saifu.Wallet());
  const paymentId = w.pay("riverside", 100, AT).paymentId;
  const charges = new saifu.Charges();
  charges.addProgram(CHARGE_PROGRAM);
  charges.start("c1", "minato", { kind: "jcoin" }, { amount: 1000 }, AT);
  const pin = new saifu.Pin("1234");
  const otp = new saifu.OneTimePassword("123456", AT, 600, 3);
  const flow = new saifu.CustomerQrPayment("TOKEN", AT, 600);
  const qr = saifu.buildMerchantQr(QR);
  const card = saifu.parseCard("4242424242424242");
  const cardPolicy = new saifu.CardPolicy(new Uint8Array(16), ["visa"], [], []);
  const cards = new saifu.CardsOnFile();
  const slip = new saifu.PaymentSlip("payEasy", SLIP_NUMBERS, AT, 1000);
  const signin = new saifu.SignIn(FLOW_KEY, { puzzle: false });
  const calls = {
    "applyRate(rate)": (s) => saifu.applyRate({ minor: 1, currency: "JPY" }, s, "toZero"),
    "applyRate(rounding)": (s) => saifu.applyRate({ minor: 1, currency: "JPY" }, "1", s),
    "checkPassword(password)": (s) => saifu.checkPassword(`abc12345${s}`),
    "detectCard(partial)": (s) => saifu.detectCard(`4242${s}`),
    "formatMoney(style)": (s) => saifu.formatMoney({ minor: 1, currency: "JPY" }, s),
    "jpqrMerchantQr(merchantId)": (s) => saifu.jpqrMerchantQr(s, "5812", "N", "C"),
    "jpqrMerchantQr(category)": (s) => saifu.jpqrMerchantQr("0000000000001", s, "N", "C"),
    "jpqrMerchantQr(name)": (s) => saifu.jpqrMerchantQr("0000000000001", "5812", s, "C"),
    "jpqrMerchantQr(city)": (s) => saifu.jpqrMerchantQr("0000000000001", "5812", "N", s),
    "maskVoucherCode(code)": (s) => saifu.maskVoucherCode(s),
    "normalizePurchaseCode(code)": (s) => saifu.normalizePurchaseCode(s),
    "parseCard(number)": (s) => saifu.parseCard(`4242424242424242${s}`),
    "checkCard(number)": (s) => saifu.checkCard(`4242424242424242${s}`),
    "parseCardExpiry(text)": (s) => saifu.parseCardExpiry(`12/26${s}`),
    "parseMerchantQr(payload)": (s) => saifu.parseMerchantQr(qr + s),
    "parseMoney(text)": (s) => saifu.parseMoney(`100${s}`),
    "parseMoney(currency)": (s) => saifu.parseMoney("100", s),
    "parseSecurityCode(code)": (s) => saifu.parseSecurityCode(`123${s}`, "visa"),
    "parseSecurityCode(brand)": (s) => saifu.parseSecurityCode("123", s),
    "parseSmartPit(number)": (s) => saifu.parseSmartPit(s),
    "Charges.cancel(id)": (s) => charges.cancel(s, AT),
    "Charges.confirmCard(id)": (s) => charges.confirmCard(s, card, { month: 12, year: 2030 }, AT),
    "Charges.confirmJcoin(id)": (s) => charges.confirmJcoin(s, JCOIN, AT),
    "Charges.registerPurchaseCode(code)": (s) => charges.registerPurchaseCode(`CODE${s}`, "minato", 1),
    "Charges.registerPurchaseCode(program)": (s) => charges.registerPurchaseCode("CODE0009", s, 1),
    "Charges.purchaseCodeStatus(code)": (s) => charges.purchaseCodeStatus(`CODE${s}`, AT),
    "Charges.startPurchase(id)": (s) => charges.startPurchase(s, "minato", "CODE0001", 1, { kind: "card", brand: "visa" }, AT),
    "Charges.startPurchase(program)": (s) => charges.startPurchase("p9", s, "CODE0001", 1, { kind: "card", brand: "visa" }, AT),
    "Charges.startPurchase(code)": (s) => charges.startPurchase("p9", "minato", `CODE${s}`, 1, { kind: "card", brand: "visa" }, AT),
    "Charges.quote(program)": (s) => charges.quote(s, 1),
    "CardPolicy.accepts(brand)": (s) => cardPolicy.accepts(s),
    "CardsOnFile.billingCard(month)": (s) => cards.billingCard(`2026-05${s}`),
    "parsePaymentNumber(kind)": (s) => saifu.parsePaymentNumber(s, "customerNumber", "1234"),
    "parsePaymentNumber(field)": (s) => saifu.parsePaymentNumber("payEasy", s, "1234"),
    "parsePaymentNumber(number)": (s) => saifu.parsePaymentNumber("payEasy", "customerNumber", `1234${s}`),
    "new PaymentSlip(kind)": (s) => new saifu.PaymentSlip(s, SLIP_NUMBERS, AT, 1000),
    "PaymentSlip.instructions(lang)": (s) => slip.instructions(s),
    "canPaySmartPit(number)": (s) => saifu.canPaySmartPit(`1234567890123${s}`, { kind: "card" }, [BILL], "lawson", false, "cash", AT),
    "canPaySmartPit(store)": (s) => saifu.canPaySmartPit("1234567890123", { kind: "card" }, [BILL], s, false, "cash", AT),
    "canPaySmartPit(tender)": (s) => saifu.canPaySmartPit("1234567890123", { kind: "card" }, [BILL], "lawson", false, s, AT),
    "Charges.charge(id)": (s) => charges.charge(s),
    "Charges.fromJson(json)": (s) => saifu.Charges.fromJson(charges.toJson() + s),
    "CardsOnFile.fromJson(json)": (s) => saifu.CardsOnFile.fromJson(new saifu.CardsOnFile().toJson() + s),
    "Charges.issueSlip(id)": (s) => charges.issueSlip(s, SLIP_NUMBERS, AT),
    "Charges.slip(id)": (s) => charges.slip(s),
    "Charges.stateAt(id)": (s) => charges.stateAt(s, AT),
    "Charges.confirm(id)": (s) => charges.confirm(s, AT),
    "Charges.notify(id)": (s) => charges.notify(s, "paid", AT),
    "Charges.notify(event)": (s) => charges.notify("c1", s, AT),
    "Charges.notifyInto(id)": (s) => charges.notifyInto(w, s, "paid", [], AT),
    "Charges.notifyInto(event)": (s) => charges.notifyInto(w, "c1", s, [], AT),
    "userStateFromJson(json)": (s) => saifu.userStateFromJson(saifu.userStateToJson(w, charges) + s),
    "Charges.pay(id)": (s) => charges.pay(s, AT),
    "Charges.start(id)": (s) => charges.start(s, "minato", { kind: "jcoin" }, { amount: 1000 }, AT),
    "Charges.start(program)": (s) => charges.start("c2", s, { kind: "jcoin" }, { amount: 1000 }, AT),
    "CustomerQrPayment.merchantRequest(scannedToken)": (s) => flow.merchantRequest(s, "mall", 100, AT),
    "CustomerQrPayment.merchantRequest(merchant)": (s) => flow.merchantRequest("TOKEN", s, 100, AT),
    "new CustomerQrPayment(token)": (s) => new saifu.CustomerQrPayment(s, AT, 60),
    "MerchantQrPayment.scan(payload)": (s) => saifu.MerchantQrPayment.scan(w, qr + s),
    "new OneTimePassword(code)": (s) => new saifu.OneTimePassword(`123456${s}`, AT, 60, 3),
    "OneTimePassword.verify(input)": (s) => otp.verify(s, AT),
    "new Pin(pin)": (s) => new saifu.Pin(s),
    "Pin.verify(input)": (s) => pin.verify(s),
    "Wallet.charge(chargeId)": (s) => w.charge(s, "oyama", AT, [LOT]),
    "Wallet.charge(program)": (s) => w.charge("C", s, AT, [LOT]),
    "Wallet.fromJson(json)": (s) => saifu.Wallet.fromJson(w.toJson() + s),
    "Wallet.pay(merchant)": (s) => w.pay(s, 100, AT),
    "Wallet.quote(merchant)": (s) => w.quote(s, 100, AT),
    "Wallet.refund(paymentId)": (s) => w.refund(paymentId + s, 1, AT),
    "checkPhoneLast4(registered)": (s) => saifu.checkPhoneLast4(`090-1234-5678${s}`, "5678"),
    "checkPhoneLast4(entered)": (s) => saifu.checkPhoneLast4("090-1234-5678", `5678${s}`),
    "SignIn.enterLoginId(loginId)": (s) => signin.enterLoginId(`hanako${s}`),
    "SignIn.passwordAccepted(otp)": (s) => signin.passwordAccepted(true, `1234${s}`, AT),
    "SignIn.otpResent(otp)": (s) => signin.otpResent(`1234${s}`, AT),
    "SignIn.enterOtp(otp)": (s) => signin.enterOtp(`1234${s}`, AT),
  };
  const free = () =>
    [w, charges, pin, otp, flow, card, cardPolicy, cards, slip, signin].forEach((o) => o.free());
  return { calls, free, w, pin };
}

test("issue 14.7: a string with a lone surrogate is input.invalid at every string parameter", () => {
  const { calls, free, w, pin } = stringParameters();
  assert.deepEqual(Object.keys(calls).sort(), declaredParameters("string"), "a case for every string parameter");
  const before = w.toJson();
  for (const [name, call] of Object.entries(calls)) {
    for (const s of LONE) throwsCoded(() => call(s), "input.invalid", `${name} ${JSON.stringify(s)}`);
  }
  // Nothing was counted or changed.
  assert.equal(w.toJson(), before);
  assert.deepEqual(pin.toJSON(), { failures: 0, isLocked: false });
  free();
});

test("issue 14.7: a lone surrogate is input.invalid inside objects and arrays too", () => {
  const w = seedWallet(new saifu.Wallet());
  const before = w.toJson();
  const charges = new saifu.Charges();
  const cases = {
    "Program.id": (s) => w.addProgram({ ...PROGRAM, id: s }),
    "Program.name": (s) => w.addProgram({ ...PROGRAM, name: s }),
    "Program.paymentIdPrefix": (s) => w.addProgram({ ...PROGRAM, paymentIdPrefix: s }),
    "Merchant.id": (s) => w.addMerchant({ ...MERCHANT, id: s }),
    "Merchant.size": (s) => w.addMerchant({ ...MERCHANT, size: s }),
    "Merchant.programs[]": (s) => w.addMerchant({ ...MERCHANT, programs: ["oyama", s] }),
    "Merchant.jpqrId": (s) => w.addMerchant({ ...MERCHANT, jpqrId: s }),
    "NewLot.id": (s) => w.openLot({ ...LOT, id: s }),
    "NewLot.code": (s) => w.openLot({ ...LOT, code: s }),
    "NewLot.managementNo": (s) => w.openLot({ ...LOT, managementNo: s }),
    "NewLot.program": (s) => w.openLot({ ...LOT, program: s }),
    "NewLot.scope": (s) => w.openLot({ ...LOT, scope: s }),
    "NewLot.expiresOn": (s) => w.openLot({ ...LOT, expiresOn: s }),
    "WalletPolicy.spending": (s) => w.setPolicy({ ...POLICY, spending: s }),
    "WalletPolicy.expiredRefund": (s) => w.setPolicy({ ...POLICY, expiredRefund: s }),
    "HistoryFilter.kinds[]": (s) => w.history({ kinds: ["payment", s] }),
    "Money.currency": (s) => saifu.formatMoney({ minor: 1, currency: s }, "symbol"),
    "MerchantQr.merchantName": (s) => saifu.buildMerchantQr({ ...QR, merchantName: s }),
    "MerchantQr.initiation": (s) => saifu.buildMerchantQr({ ...QR, initiation: s }),
    "MerchantQr.postalCode": (s) => saifu.buildMerchantQr({ ...QR, postalCode: s }),
    "EmvField.value (text)": (s) => saifu.buildMerchantQr({ ...QR, otherFields: [{ tag: 55, value: s }] }),
    "EmvSubField.value": (s) => saifu.buildMerchantQr({ ...QR, additionalData: [{ tag: 5, value: s }] }),
    "AlternateLanguage.merchantName": (s) =>
      saifu.buildMerchantQr({ ...QR, alternateLanguage: { language: "JA", merchantName: s, merchantCity: null } }),
    "ChargeProgram.id": (s) => charges.addProgram({ ...CHARGE_PROGRAM, id: s }),
    "ChargeProgram.acceptedBrands[]": (s) => charges.addProgram({ ...CHARGE_PROGRAM, acceptedBrands: [s] }),
    "JCoinEntry.id": (s) => saifu.checkJcoinCredentials({ ...JCOIN, id: s }),
    "JCoinEntry.password": (s) => saifu.checkJcoinCredentials({ ...JCOIN, password: s }),
    "JCoinEntry.code": (s) => saifu.checkJcoinCredentials({ ...JCOIN, code: s }),
    "Product.methods[]": (s) => charges.addProgram({ ...CHARGE_PROGRAM, product: { ...CHARGE_PROGRAM.product, methods: ["card", s] } }),
    "Product.lotsExpireOn": (s) => charges.addProgram({ ...CHARGE_PROGRAM, product: { ...CHARGE_PROGRAM.product, lotsExpireOn: s } }),
    "ProductLine.scope": (s) =>
      charges.addProgram({ ...CHARGE_PROGRAM, product: { ...CHARGE_PROGRAM.product, breakdown: [{ scope: s, value: 1 }] } }),
    "ChargeMethod.kind": (s) => charges.start("c", "minato", { kind: s }, { amount: 1000 }, AT),
    "ChargeMethod.brand": (s) => charges.start("c", "minato", { kind: "card", brand: s }, { amount: 1000 }, AT),
    "ChargeMethod.chain": (s) => charges.start("c", "minato", { kind: "konbini", chain: s }, { amount: 1000 }, AT),
    "CardEntry.number": (s) => cards.register(cardPolicy, { ...ENTRY, number: `4242424242424242${s}` }, AT),
    "CardEntry.expiry": (s) => cards.register(cardPolicy, { ...ENTRY, expiry: `12/30${s}` }, AT),
    "CardEntry.expiry.month": (s) => cards.register(cardPolicy, { ...ENTRY, expiry: { month: s, year: "30" } }, AT),
    "CardEntry.securityCode": (s) => cards.register(cardPolicy, { ...ENTRY, securityCode: `123${s}` }, AT),
    "SlipNumber.field": (s) => new saifu.PaymentSlip("payEasy", [{ field: s, number: "1" }], AT, 1000),
    "SlipNumber.number": (s) => new saifu.PaymentSlip("payEasy", [{ ...SLIP_NUMBERS[0], number: s }], AT, 1000),
    "DigitRule.kind": (s) => saifu.parsePaymentNumber("payEasy", "customerNumber", "1", [{ kind: s, field: "customerNumber", min: 1, max: 2 }]),
    "SmartPitMedium.kind": (s) => saifu.canPaySmartPit("1234567890123", { kind: s }, [BILL], "lawson", false, "cash", AT),
    "SmartPitBill.number": (s) => saifu.canPaySmartPit("1234567890123", { kind: "card" }, [{ ...BILL, number: s }], "lawson", false, "cash", AT),
    "IssuedLot.id": (s) => charges.notifyInto(w, "c", "paid", [{ ...ISSUED, id: s }], AT),
    "IssuedLot.code": (s) => charges.notifyInto(w, "c", "paid", [{ ...ISSUED, code: s }], AT),
    "IssuedLot.managementNo": (s) => charges.notifyInto(w, "c", "paid", [{ ...ISSUED, managementNo: s }], AT),
  };
  const ISSUED = { id: "L9", code: "N7af3c1d7AV9b2e4", managementNo: "d1" };
  const cardPolicy = new saifu.CardPolicy(new Uint8Array(16), ["visa"], [], []);
  const cards = new saifu.CardsOnFile();
  const ENTRY = { number: "4242424242424242", expiry: "12/30", securityCode: "123" };
  charges.addProgram(CHARGE_PROGRAM);
  for (const [name, call] of Object.entries(cases)) {
    for (const s of LONE) throwsCoded(() => call(s), "input.invalid", `${name} ${JSON.stringify(s)}`);
  }
  assert.equal(w.toJson(), before);
  assert.deepEqual(charges.charges(), []);
  assert.deepEqual(cards.registrations(), []);
  [charges, w, cardPolicy, cards].forEach((o) => o.free());
});

test("issue 14.7: \\uD800 and \\uDBFF are no longer one id; well-formed text with U+FFFD still passes", () => {
  const w = new saifu.Wallet();
  throwsCoded(() => w.addProgram({ ...PROGRAM, id: "\uD800" }), "input.invalid");
  throwsCoded(() => w.addProgram({ ...PROGRAM, id: "\uDBFF" }), "input.invalid");
  assert.deepEqual(JSON.parse(w.toJson()).programs, []);
  // U+FFFD typed as such, and surrogate pairs, are well-formed.
  w.addProgram({ ...PROGRAM, id: "\uFFFD", name: "💳\uFFFD" });
  w.addProgram({ ...PROGRAM, id: "\uD83D\uDCB3" });
  assert.deepEqual(JSON.parse(w.toJson()).programs.map((p) => [p.id, p.name]), [
    ["\uFFFD", "💳\uFFFD"],
    ["💳", "P"],
  ]);
  throwsCoded(() => saifu.parseMoney("\uFFFD"), "money.invalid");
  assert.equal(saifu.maskVoucherCode("N7af3c1d7AV9b2e4"), "N7af****7AV9****");
  w.free();
});

test("issue 14.7: setEventLog takes true or false, nothing else; a refused value leaves the log as it was", () => {
  assert.deepEqual(
    declaredParameters("boolean"),
    [
      "Wallet.setEventLog(on)",
      "canPaySmartPit(hasPrintedSheet)",
      "SignIn.passwordAccepted(staySignedIn)",
    ].sort(),
    "every boolean parameter is tested here",
  );
  for (const v of ["true", "", {}, 0, 1, null, undefined, new Boolean(true)]) {
    throwsCoded(
      () => saifu.canPaySmartPit("1234567890123", { kind: "card" }, [BILL], "lawson", v, "cash", AT),
      "input.invalid",
      String(typeof v),
    );
  }
  const w = new saifu.Wallet();
  const bad = ["true", "false", "", {}, [], 0.5, 1, 0, NaN, null, undefined, 1n, Symbol("on"), new Boolean(true), () => true];
  w.setEventLog(true);
  for (const v of bad) throwsCoded(() => w.setEventLog(v), "input.invalid", String(typeof v));
  w.addProgram(PROGRAM);
  assert.equal(JSON.parse(w.takeEventsJson()).length, 1, "the log is still on");
  w.setEventLog(false);
  for (const v of bad) throwsCoded(() => w.setEventLog(v), "input.invalid", String(typeof v));
  w.addProgram({ ...PROGRAM, id: "q" });
  assert.equal(w.takeEventsJson(), "[]", "the log is still off");
  w.free();
  // Issue 18: the sign-in's boolean, refused before anything is counted or sealed.
  const signin = new saifu.SignIn(FLOW_KEY, { puzzle: false });
  signin.enterLoginId("hanako_2024");
  const before = JSON.stringify(signin.parts());
  for (const v of bad) throwsCoded(() => signin.passwordAccepted(v, "1234", AT), "input.invalid", String(typeof v));
  assert.equal(JSON.stringify(signin.parts()), before);
  signin.free();
});
