// The language-neutral vectors (conformance/README.md) through the built nodejs package:
// one node:test test per case, the same cases and rules as core/tests/conformance.rs
// (+ core/tests/scenarios/*.rs). Results come back in camelCase
// and are mapped to the vectors' snake_case fields here. An unknown `fn`, `scenario` or `op`
// is a failed case, never a skip. Ends with `conformance (<dir>): N passed, N failed`.
"use strict";

const { test, after } = require("node:test");
const fs = require("node:fs");
const path = require("node:path");

const saifu = require("../../pkg-node/saifu_wasm.js");

const DIR = process.env.SAIFU_CONFORMANCE_DIR || path.join(__dirname, "..", "..", "..", "conformance");
let passed = 0;
let failed = 0;

/** A failure of the runner itself (bad vector, unknown fn/op): fails the case. */
class CaseError extends Error {}
const fail = (why) => {
  throw new CaseError(why);
};

// ---- reading inputs -------------------------------------------------------------------

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time as a JS Date (milliseconds: JS has no finer instants). */
function time(v) {
  if (typeof v !== "string" || !RFC3339.test(v)) fail(`not an RFC 3339 time: ${JSON.stringify(v)}`);
  return new Date(v);
}
function text(input, key) {
  const v = input == null ? undefined : input[key];
  if (typeof v !== "string") fail(`input.${key} is not text`);
  return v;
}
function integer(input, key) {
  const v = input == null ? undefined : input[key];
  if (!Number.isInteger(v)) fail(`input.${key} is not an integer`);
  return v;
}

/** A vector's number (conformance/README.md "Bad numbers"), as JavaScript holds it: JSON's
 * numbers as JSON.parse reads them, `{"number": "NaN" | "Infinity" | "-Infinity" | "-0"}`
 * for what JSON cannot write. Every number is an f64 here: the API takes it as it is. */
const SPECIAL_NUMBERS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };
function number(input, key) {
  const v = input == null ? undefined : input[key];
  if (typeof v === "number") return v;
  if (isObject(v) && Object.hasOwn(SPECIAL_NUMBERS, v.number)) return SPECIAL_NUMBERS[v.number];
  fail(`input.${key} is not a number: ${JSON.stringify(v)}`);
}

// ---- comparing --------------------------------------------------------------------------

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const show = (v) => JSON.stringify(v);

/** Only the fields given are compared; lists element by element with equal lengths; times
 * as instants. Returns null when they match, else why not. */
function matches(got, want) {
  if (isObject(want)) {
    if (!isObject(got)) return `expected ${show(want)}, got ${show(got)}`;
    for (const [key, w] of Object.entries(want)) {
      if (!(key in got)) return `missing field ${key} in ${show(got)}`;
      const why = matches(got[key], w);
      if (why) return `${key}: ${why}`;
    }
    return null;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return `expected ${show(want)}, got ${show(got)}`;
    if (got.length !== want.length) return `expected ${want.length} elements, got ${got.length}: ${show(got)}`;
    for (let i = 0; i < want.length; i++) {
      const why = matches(got[i], want[i]);
      if (why) return `[${i}]: ${why}`;
    }
    return null;
  }
  if (typeof want === "string" && typeof got === "string" && got !== want) {
    if (RFC3339.test(got) && RFC3339.test(want) && Date.parse(got) === Date.parse(want)) return null;
    return `expected ${show(want)}, got ${show(got)}`;
  }
  return got === want ? null : `expected ${show(want)}, got ${show(got)}`;
}

/** Runs `fn`: `{ ok: value }`, or `{ error: SaifuError }`. Anything else thrown (a bare
 * Error, a TypeError) is a failure of the seam, not an outcome. */
function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    if (e instanceof CaseError) throw e;
    if (!saifu.isSaifuError(e)) fail(`threw something that is not a SaifuError: ${e && e.stack ? e.stack : e}`);
    return { error: e };
  }
}

/** Compares an outcome with `{"ok": {...}}` / fields, or `{"error": CODE, field: value}`. */
function check(result, expect) {
  if (!isObject(expect)) fail("expect is not an object");
  const code = expect.error;
  if (result.error && code !== undefined) {
    const e = result.error;
    if (e.code !== code) fail(`expected error ${code}, got ${e.code}: ${e.message}`);
    for (const [key, want] of Object.entries(expect)) {
      if (key === "error") continue;
      const name = camel(key);
      if (!(name in e.details)) fail(`error ${e.code} has no field ${key} (details: ${show(e.details)})`);
      const why = matches(e.details[name], want);
      if (why) fail(`error field ${key}: ${why}`);
    }
    return;
  }
  if (result.error) fail(`unexpected error ${result.error.code}: ${result.error.message}`);
  if (code !== undefined) fail(`expected error ${code}, got ${show(result.ok)}`);
  const want = "ok" in expect ? expect.ok : expect;
  const why = matches(result.ok, want);
  if (why) fail(why);
}

// ---- function cases ---------------------------------------------------------------------

/** A class instance's methods, then its wasm memory back (secrets zeroed). */
function using(object, read) {
  try {
    return read(object);
  } finally {
    object.free();
  }
}

const ROUNDINGS = {
  to_zero: "toZero",
  midpoint_away_from_zero: "midpointAwayFromZero",
  away_from_zero: "awayFromZero",
};

const FUNCTIONS = {
  "money.parse": (input) => {
    const currency = typeof input.currency === "string" ? input.currency : "JPY";
    const m = saifu.parseMoney(text(input, "text"), currency);
    return { minor: m.minor, currency: m.currency };
  },
  "money.format": (input) => {
    const style = text(input, "style");
    if (!["symbol", "suffix", "voucher"].includes(style)) fail(`unknown style ${style}`);
    const money = { minor: number(input, "minor"), currency: text(input, "currency") };
    return { text: saifu.formatMoney(money, style) };
  },
  "money.apply_rate": (input) => {
    const rounding = ROUNDINGS[text(input, "rounding")] ?? fail(`unknown rounding ${input.rounding}`);
    const currency = typeof input.currency === "string" ? input.currency : "JPY";
    const m = saifu.applyRate({ minor: integer(input, "minor"), currency }, text(input, "rate"), rounding);
    return { minor: m.minor, currency: m.currency };
  },
  "card.parse": (input) =>
    using(saifu.parseCard(text(input, "number")), (c) => ({
      brand: c.brand,
      digits: c.digits(),
      display: c.display(),
      masked: c.masked(),
      last4: c.last4(),
      first6_last4: c.first6Last4(),
    })),
  "card.detect": (input) => {
    const d = saifu.detectCard(text(input, "partial"));
    return { brand: d.brand, potentially_valid: d.potentiallyValid, complete: d.complete, max_length: d.maxLength };
  },
  "card.expiry": (input) => {
    const now = time(input.now);
    const e = saifu.parseCardExpiry(text(input, "text"));
    return { month: e.month, year: e.year, expired: saifu.isCardExpired(e, now) };
  },
  "card.cvc": (input) => {
    const brand = text(input, "brand");
    if (!["visa", "mastercard", "jcb", "amex", "diners", "discover", "unionpay"].includes(brand)) fail("unknown brand");
    return using(saifu.parseSecurityCode(text(input, "cvc"), brand), (c) => ({ masked: c.masked() }));
  },
  "voucher.mask_code": (input) => ({ masked: saifu.maskVoucherCode(text(input, "code")) }),
  // JavaScript gets no password back (the caller holds the very string it passed, and a
  // string cannot be wiped): the vectors' `password` is the input's, as typed.
  "jcoin.credentials": (input) => {
    const password = text(input, "password");
    const c = saifu.checkJcoinCredentials({ id: text(input, "id"), password, code: text(input, "code") });
    if ("password" in c) fail("the answer holds the password");
    return { id: c.id, masked: c.maskedId, password, code: c.confirmationCode };
  },
  "purchase.normalize_code": (input) => ({ code: saifu.normalizePurchaseCode(text(input, "code")) }),
  "smartpit.parse": (input) => {
    const n = saifu.parseSmartPit(text(input, "number"));
    return { digits: n.digits, display: n.display };
  },
  "password.check": (input) => {
    saifu.checkPassword(text(input, "password"));
    return {};
  },
  "emvqr.parse": (input) => {
    const q = saifu.parseMerchantQr(text(input, "payload"));
    return {
      merchant_name: q.merchantName,
      merchant_city: q.merchantCity,
      currency: q.currency,
      amount: q.amount,
      country: q.country,
      merchant_category_code: q.merchantCategoryCode,
    };
  },
};

// ---- the wallet scenario ------------------------------------------------------------------

const SCOPES = { all_stores: "allStores", small_stores_only: "smallStoresOnly" };
const SCOPE_IDS = { allStores: "all_stores", smallStoresOnly: "small_stores_only" };
const SPENDING = { expiry_then_balance: "expiryThenBalance", restricted_first: "restrictedFirst" };

function newLot(l) {
  if (!(l.scope in SCOPES)) fail(`unknown scope ${l.scope}`);
  const balance = integer(l, "balance");
  if (l.face_value !== undefined && !Number.isInteger(l.face_value)) fail("bad face_value");
  let expiresOn = null;
  if (l.expires_on !== undefined && l.expires_on !== null) {
    if (typeof l.expires_on !== "string") fail(`bad expires_on ${show(l.expires_on)}`);
    expiresOn = l.expires_on;
  }
  return {
    id: text(l, "id"),
    code: text(l, "code"),
    managementNo: text(l, "management_no"),
    program: text(l, "program"),
    scope: SCOPES[l.scope],
    registeredAt: time(l.registered_at),
    expiresOn,
    faceValue: l.face_value === undefined ? balance : l.face_value,
    balance,
  };
}

function policy(p) {
  let spending = "expiryThenBalance";
  if (p.spending !== undefined && p.spending !== null) {
    if (!(p.spending in SPENDING)) fail(`unknown spending policy ${p.spending}`);
    spending = SPENDING[p.spending];
  }
  const r = p.expired_refund;
  let expiredRefund;
  if (r === undefined || r === null || r === "reject") expiredRefund = "reject";
  else if (r === "forfeit") expiredRefund = "forfeit";
  else if (isObject(r) && Number.isInteger(r.reissue_days) && r.reissue_days >= 0) {
    expiredRefund = { reissueDays: r.reissue_days };
  } else fail(`unknown expired_refund policy ${show(r)}`);
  return { spending, expiredRefund };
}

/** Setup errors fail the case: they are not outcomes the vectors compare. */
function setupStep(what, fn) {
  try {
    fn();
  } catch (e) {
    if (e instanceof CaseError) throw e;
    fail(`setup (${what}): ${e && e.code ? `${e.code}: ${e.message}` : e}`);
  }
}

function setupWallet(setup) {
  const w = new saifu.Wallet();
  const s = setup || {};
  for (const p of s.programs || []) {
    setupStep("program", () =>
      w.addProgram({ id: text(p, "id"), name: text(p, "name"), paymentIdPrefix: text(p, "payment_id_prefix") }),
    );
  }
  for (const m of s.merchants || []) {
    const size = text(m, "size");
    if (size !== "large" && size !== "small") fail(`unknown size ${size}`);
    const merchant = {
      id: text(m, "id"),
      name: text(m, "name"),
      size,
      programs: (m.programs || []).filter((p) => typeof p === "string"),
    };
    if (typeof m.jpqr_id === "string") merchant.jpqrId = m.jpqr_id;
    setupStep("merchant", () => w.addMerchant(merchant));
  }
  if (s.policy !== undefined) setupStep("policy", () => w.setPolicy(policy(s.policy)));
  if (Number.isInteger(s.payment_serial) && s.payment_serial >= 0) {
    setupStep("payment_serial", () => w.setNextPaymentSerial(s.payment_serial));
  }
  for (const l of s.lots || []) setupStep(`lot ${l.id}`, () => w.openLot(newLot(l)));
  return w;
}

const allocations = (list) => list.map((a) => ({ lot: a.lot, amount: a.amount }));

const OPS = {
  pay: (w, args, at) => {
    const r = w.pay(text(args, "merchant"), number(args, "amount"), at);
    return { payment_id: r.paymentId, allocations: allocations(r.allocations), balance_after: r.balanceAfter };
  },
  quote: (w, args, at) => {
    const q = w.quote(text(args, "merchant"), number(args, "amount"), at);
    return { available: q.available, allocations: allocations(q.allocations) };
  },
  refund: (w, args, at) => {
    const r = w.refund(text(args, "payment_id"), number(args, "amount"), at);
    return { refund_id: r.refundId, restored: allocations(r.restored), refundable: r.refundableAfter };
  },
  expire: (w, _args, at) => ({ forfeited: allocations(w.expire(at)) }),
  balance: (w, _args, at) => {
    const b = w.balance(at);
    return {
      total: b.total,
      under_6_months: b.under6Months,
      under_1_year: b.under1Year,
      one_year_or_more: b.oneYearOrMore,
      lots: Object.fromEntries(b.lots.map((l) => [l.lot, l.balance])),
      programs: Object.fromEntries(b.programs.map((p) => [p.program, p.total])),
    };
  },
  history: (w) => ({
    entries: w.history().map((e) => ({
      kind: e.kind,
      id: e.id,
      amount: e.amount,
      at: e.at,
      time: e.displayTime,
      display_amount: e.displayAmount,
    })),
  }),
  charge: (w, args, at) => {
    if (!args || !Array.isArray(args.lots)) fail("charge needs lots");
    const lots = args.lots.map(newLot);
    w.charge(text(args, "id"), text(args, "program"), at, lots);
    return {};
  },
  lots: (w) => ({
    lots: w.lots().map((l) => ({ id: l.id, balance: l.balance, scope: SCOPE_IDS[l.scope] })),
  }),
};

function runWallet(c) {
  if (!Array.isArray(c.steps)) fail("no steps");
  const w = setupWallet(c.setup);
  try {
    c.steps.forEach((step, i) => {
      const before = w.toJson();
      const at = time(step.at);
      const op = OPS[step.op];
      if (!op) fail(`step ${i}: unknown op ${step.op}`);
      const result = outcome(() => op(w, step.args || {}, at));
      try {
        check(result, step.expect);
      } catch (e) {
        fail(`step ${i} (${step.op}): ${e.message}`);
      }
      if (result.error && w.toJson() !== before) fail(`step ${i}: a failed step changed the wallet`);
    });
  } finally {
    w.free();
  }
}

// ---- the charge scenario ------------------------------------------------------------------
// core/tests/scenarios/charge.rs. The binding names states, events and chains in camelCase;
// the vectors use core's ids.

const STATE_IDS = {
  draft: "draft",
  confirming: "confirming",
  awaitingThreeDs: "awaiting_three_ds",
  awaitingPayment: "awaiting_payment",
  authorizing: "authorizing",
  succeeded: "succeeded",
  paid: "paid",
  failed: "failed",
  expired: "expired",
  cancelled: "cancelled",
};
const EVENTS = {
  three_ds_succeeded: "threeDsSucceeded",
  three_ds_failed: "threeDsFailed",
  three_ds_not_enrolled: "threeDsNotEnrolled",
  paid: "paid",
  authorized: "authorized",
  declined: "declined",
};
const CHAINS = {
  familymart: "familyMart",
  lawson: "lawson",
  seven_eleven: "sevenEleven",
  ministop: "ministop",
  seicomart: "seicomart",
};
const BRANDS = ["visa", "mastercard", "jcb", "amex", "diners", "discover", "unionpay"];

function stateId(state) {
  if (!(state in STATE_IDS)) fail(`unknown state ${show(state)}`);
  return STATE_IDS[state];
}
function brand(b) {
  if (!BRANDS.includes(b)) fail(`unknown brand ${show(b)}`);
  return b;
}

/** The setup's charges, and a wallet of the same programs that successes credit. */
function setupCharges(setup) {
  const charges = new saifu.Charges();
  const wallet = new saifu.Wallet();
  for (const p of (setup && setup.programs) || []) {
    let product = null;
    if (p.product !== undefined && p.product !== null) {
      const pr = p.product;
      if (!Array.isArray(pr.breakdown)) fail("breakdown");
      product = {
        unitPrice: integer(pr, "unit_price"),
        maxUnits: integer(pr, "max_units"),
        breakdown: pr.breakdown.map((l) => {
          if (!(l.scope in SCOPES)) fail(`unknown scope ${l.scope}`);
          return { scope: SCOPES[l.scope], value: integer(l, "value") };
        }),
        // Absent: every way to pay.
        methods: pr.methods === undefined ? ["card", "konbini", "payeasy", "jcoin"] : pr.methods,
        lotsExpireOn: pr.lots_expire_on === undefined ? null : pr.lots_expire_on,
      };
    }
    // One record for the wallet and the charges.
    const program = {
      id: text(p, "id"),
      name: text(p, "name"),
      paymentIdPrefix: text(p, "payment_id_prefix"),
      acceptedBrands: (p.accepted_brands || []).map(brand),
      product,
    };
    setupStep(`wallet program ${program.id}`, () => wallet.addProgram(program));
    setupStep(`program ${program.id}`, () => charges.addProgram(program));
  }
  for (const code of (setup && setup.purchase_codes) || []) {
    setupStep(`purchase code ${code.code}`, () =>
      charges.registerPurchaseCode(text(code, "code"), text(code, "program"), integer(code, "units")),
    );
  }
  return { wallet, charges };
}

function chargeMethod(args) {
  const kind = text(args, "method");
  switch (kind) {
    case "card":
      return { kind, brand: brand(text(args, "brand")) };
    case "konbini": {
      const chain = text(args, "chain");
      if (!(chain in CHAINS)) fail("unknown chain");
      return { kind, chain: CHAINS[chain] };
    }
    case "payeasy":
    case "jcoin":
      return { kind };
    default:
      return fail(`unknown method ${kind}`);
  }
}

/** The numbers go to core as given (JSON's numbers, as JavaScript reads them): core decides
 * what they mean. */
function chargeOrder(args) {
  const hasAmount = args.amount !== undefined;
  const hasUnits = args.units !== undefined;
  if (hasAmount === hasUnits) fail("start needs amount or units");
  return hasAmount ? { amount: number(args, "amount") } : { units: number(args, "units") };
}

const CHARGE_OPS = {
  can_start: (c, _args, at) => {
    const g = c.canStart(at);
    return g.allowed ? { allowed: true } : { allowed: false, reason: g.reason, until: g.until };
  },
  start: (c, args, at) => {
    const method = chargeMethod(args);
    const order = chargeOrder(args);
    const charge = c.start(text(args, "id"), text(args, "program"), method, order, at);
    return { state: stateId(charge.state), amount: charge.amount };
  },
  confirm: (c, args, at) => {
    if ("jcoin_id" in args) {
      // 確認 with the J-Coin credentials: their own checks first.
      const id = text(args, "id");
      const credentials = { id: text(args, "jcoin_id"), password: text(args, "password"), code: text(args, "code") };
      const state = c.confirmJcoin(id, credentials, at);
      return { state: stateId(state), jcoin_id: c.charge(id).jcoinId };
    }
    if (!("number" in args)) return { state: stateId(c.confirm(text(args, "id"), at)) };
    // 確認 with the card entered: the number's and the expiry's own checks first.
    const id = text(args, "id");
    const card = saifu.parseCard(text(args, "number"));
    try {
      const state = c.confirmCard(id, card, saifu.parseCardExpiry(text(args, "expiry")), at);
      const charge = c.charges().find((x) => x.id === id);
      return { state: stateId(state), brand: charge.method.brand };
    } finally {
      card.free();
    }
  },
  pay: (c, args, at) => ({ state: stateId(c.pay(text(args, "id"), at)) }),
  cancel: (c, args, at) => ({ state: stateId(c.cancel(text(args, "id"), at)) }),
  event: (c, args, at) => {
    const event = text(args, "event");
    if (!(event in EVENTS)) fail("unknown event");
    const n = c.notify(text(args, "id"), EVENTS[event], at);
    return { state: stateId(n.state), applied: n.applied };
  },
  start_purchase: (c, args, at) => {
    const charge = c.startPurchase(
      text(args, "id"), text(args, "program"), text(args, "code"), number(args, "units"), chargeMethod(args), at,
    );
    return { state: stateId(charge.state), amount: charge.amount };
  },
  register_code: (c, args) => ({
    code: c.registerPurchaseCode(text(args, "code"), text(args, "program"), number(args, "units")),
  }),
  code_status: (c, args, at) => {
    const s = c.purchaseCodeStatus(text(args, "code"), at);
    return s.status === "available" ? { status: "available" } : { status: s.status === "inUse" ? "in_use" : "used", charge: s.charge };
  },
  quote: (c, args) => {
    const q = c.quote(text(args, "program"), number(args, "units"), "method" in args ? chargeMethod(args) : null);
    return {
      lines: q.lines.map((l) => ({ scope: SCOPE_IDS[l.scope], value: l.value })),
      total: q.total,
      lots_expire_on: q.lotsExpireOn,
    };
  },
  tick: (c, _args, at) => ({ expired: c.tick(at) }),
  lots: (c) => ({
    lots: c.chargedLots().map((l) => ({ scope: SCOPE_IDS[l.scope], balance: l.value, charge: l.charge, expires_on: l.expiresOn })),
  }),
  // The provider's notification with the lots it issued: a success credits the wallet in
  // the same step.
  credit: (c, args, at, w) => {
    if (!Array.isArray(args.issued)) fail("credit needs issued");
    const issued = args.issued.map((l) => ({ id: text(l, "id"), code: text(l, "code"), managementNo: text(l, "management_no") }));
    const event = text(args, "event");
    if (!(event in EVENTS)) fail("unknown event");
    const n = c.notifyInto(w, text(args, "id"), EVENTS[event], issued, at);
    return { state: stateId(n.state), applied: n.applied };
  },
  wallet: (_c, _args, at, w) => ({
    total: w.balance(at).total,
    lots: w.lots().map((l) => ({
      id: l.id,
      masked_code: l.maskedCode,
      management_no: l.managementNo,
      program: l.program,
      scope: SCOPE_IDS[l.scope],
      balance: l.balance,
      expires_on: l.expiresOn,
      registered_at: l.registeredAt,
    })),
    history: w.history().map((e) => ({ kind: e.kind, id: e.id, amount: e.amount })),
  }),
};

/** Everything a failed step must leave as it was: every charge (state, deadline, the event
 * that ended it), the lots created, the guard at the step's instant (the card lockout
 * has no other reader), and the wallet. */
const chargesSnapshot = (w, c, at) =>
  JSON.stringify([c.charges(), c.chargedLots(), c.canStart(at), c.purchaseCodes(), w.toJson()]);

/** What an app does at a restart: save the charges, load the text back, go on with the
 * loaded ones (which must save the same text). */
function reloadCharges(charges) {
  const saved = charges.toJson();
  let loaded;
  try {
    loaded = saifu.Charges.fromJson(saved);
  } catch (e) {
    fail(`reload failed: ${e.code}`);
  }
  const same = (a, b) => JSON.stringify([a.charges(), a.chargedLots()]) === JSON.stringify([b.charges(), b.chargedLots()]);
  if (loaded.toJson() !== saved || !same(loaded, charges)) {
    loaded.free();
    fail("reload changed the charges");
  }
  charges.free();
  return loaded;
}

/** A restart of an app that saves the user's state as one document: wallet and charges
 * saved together, loaded back (the same text), and the run goes on with them. */
function reloadUserState({ wallet, charges }) {
  const saved = saifu.userStateToJson(wallet, charges);
  let loaded;
  try {
    loaded = saifu.userStateFromJson(saved);
  } catch (e) {
    fail(`reload failed: ${e.code}`);
  }
  if (
    saifu.userStateToJson(loaded.wallet, loaded.charges) !== saved ||
    loaded.wallet.toJson() !== wallet.toJson() ||
    loaded.charges.toJson() !== charges.toJson()
  ) {
    loaded.wallet.free();
    loaded.charges.free();
    fail("reload changed the user's state");
  }
  wallet.free();
  charges.free();
  return loaded;
}

function runCharge(c) {
  if (!Array.isArray(c.steps)) fail("no steps");
  let state = setupCharges(c.setup);
  try {
    c.steps.forEach((step, i) => {
      const at = time(step.at);
      if (step.op === "reload" || step.op === "reload_user_state") {
        if (step.op === "reload") state.charges = reloadCharges(state.charges);
        else state = reloadUserState(state);
        try {
          check({ ok: {} }, step.expect);
        } catch (e) {
          fail(`step ${i} (${step.op}): ${e.message}`);
        }
        return;
      }
      const op = CHARGE_OPS[step.op];
      if (!op) fail(`step ${i}: unknown op ${step.op}`);
      const before = chargesSnapshot(state.wallet, state.charges, at);
      const result = outcome(() => op(state.charges, step.args || {}, at, state.wallet));
      try {
        check(result, step.expect);
      } catch (e) {
        fail(`step ${i} (${step.op}): ${e.message}`);
      }
      if (result.error && chargesSnapshot(state.wallet, state.charges, at) !== before) {
        fail(`step ${i}: a failed step changed the charges or the wallet`);
      }
    });
  } finally {
    state.charges.free();
    state.wallet.free();
  }
}

// ---- the pin and otp scenarios ---------------------------------------------------------------
// core/tests/scenarios/credentials.rs. A mismatch counts as an attempt: no unchanged-state check.

function runVerifications(c, secret, verify) {
  if (!Array.isArray(c.steps)) fail("no steps");
  try {
    c.steps.forEach((step, i) => {
      if (step.op !== "verify") fail(`step ${i}: unknown op ${step.op}`);
      const input = text(step.args, "input");
      const result = outcome(() => {
        verify(secret, input, step);
        return true;
      });
      try {
        check(result, step.expect);
      } catch (e) {
        fail(`step ${i}: ${e.message}`);
      }
    });
  } finally {
    secret.free();
  }
}

function runPin(c) {
  const setup = c.setup || {};
  if (setup.digits !== 4) fail(`a PIN has 4 digits, not ${show(setup.digits)}`);
  const pin = text(setup, "pin");
  let secret;
  setupStep("pin", () => (secret = new saifu.Pin(pin)));
  runVerifications(c, secret, (p, input) => p.verify(input));
}

function runOtp(c) {
  const setup = c.setup || {};
  const code = text(setup, "code");
  if (setup.digits !== [...code].length) fail("digits and code disagree");
  const minutes = integer(setup, "valid_minutes");
  const attempts = integer(setup, "max_attempts"); // of any sign: the range is the core's
  const issuedAt = time(setup.issued_at);
  if (c.setup_expect !== undefined) {
    if (c.steps !== undefined) fail("a case with setup_expect has no steps");
    const built = outcome(() => new saifu.OneTimePassword(code, issuedAt, minutes * 60, attempts));
    if (built.ok) built.ok.free();
    check(built.error ? built : { ok: {} }, c.setup_expect);
    return;
  }
  let secret;
  setupStep("otp", () => (secret = new saifu.OneTimePassword(code, issuedAt, minutes * 60, attempts)));
  runVerifications(c, secret, (otp, input, step) => otp.verify(input, time(step.at)));
}

// ---- cards on file, payment slips and Smart Pit (core/tests/scenarios/cards.rs, slips.rs) ----

const CARD_BRANDS = ["visa", "mastercard", "jcb", "amex", "diners", "discover", "unionpay"];

function strings(v, key) {
  const list = v[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) fail(`${key} is not a list of text`);
  return list;
}

/** The integrator's policy of a vector; throws the SaifuError of a bad key or prefix. */
function cardPolicy(v) {
  const key = text(v, "fingerprint_key");
  if (!/^([0-9a-f]{2})*$/i.test(key)) fail(`fingerprint_key is not hex: ${key}`);
  const brands = strings(v, "accepted_brands").map((b) => (CARD_BRANDS.includes(b) ? b : fail(`unknown brand ${b}`)));
  return new saifu.CardPolicy(Buffer.from(key, "hex"), brands, strings(v, "debit_prefixes"), strings(v, "allowed_debit_prefixes"));
}

function cardEntry(v) {
  const expiry = "expiry" in v ? text(v, "expiry") : { month: text(v, "expiry_month"), year: text(v, "expiry_year") };
  return { number: text(v, "number"), expiry, securityCode: text(v, "cvc") };
}

const cardRecord = (c) => ({
  brand: c.brand,
  last4: c.last4,
  expiry_month: c.expiryMonth,
  expiry_year: c.expiryYear,
  debit: c.debit,
  fingerprint: c.fingerprint,
  registered_at: c.registeredAt,
});

/** Cards on file from the vectors' saved records (docs/state.md "Cards on file"), through
 * the one load path JavaScript has: the versioned document. */
function cardsFromRecords(registrations) {
  return saifu.CardsOnFile.fromJson(JSON.stringify({ version: 1, registrations }));
}

const cardConfirmation = (c) => ({
  ...cardRecord(c.card),
  masked: c.maskedNumber,
  masked_security_code: c.maskedSecurityCode,
  expiry: c.expiry,
});

function cutoffDay(v) {
  if (v.cutoff_day === undefined || v.cutoff_day === null) return null;
  return integer(v, "cutoff_day");
}

const SLIP_KINDS = { ...CHAINS, payeasy: "payEasy" };
function slipKind(v) {
  const kind = text(v, "kind");
  if (!(kind in SLIP_KINDS)) fail(`unknown kind ${kind}`);
  return SLIP_KINDS[kind];
}
const FIELD_IDS = [
  "payment_slip_number",
  "company_code",
  "order_number",
  "customer_number",
  "confirmation_number",
  "receipt_number",
  "phone_number",
  "institution_number",
];
function paymentField(v) {
  const field = text(v, "field");
  if (!FIELD_IDS.includes(field)) fail(`unknown field ${field}`);
  return camel(field);
}
const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const digitRules = (v) =>
  (v.digits || []).map((d) => ({ kind: slipKind(d), field: paymentField(d), min: integer(d, "min"), max: integer(d, "max") }));

const STORES = {
  lawson: "lawson",
  familymart: "familyMart",
  ministop: "ministop",
  three_f: "threeF",
  circle_k: "circleK",
  sunkus: "sunkus",
};
const TENDERS = { cash: "cash", credit_card: "creditCard", emoney: "eMoney", other: "other" };

function slipLang(v) {
  if (v.lang !== "ja" && v.lang !== "en") fail(`unknown lang ${v.lang}`);
  return v.lang;
}
function slipNumbers(v) {
  if (!Array.isArray(v.numbers)) fail("numbers is not a list");
  return v.numbers.map((n) => ({ field: paymentField(n), number: text(n, "number") }));
}
/** A slip as `payment.slip` answers it. */
function slipView(slip, lang) {
  const how = slip.instructions(lang);
  return {
    numbers: slip.numbers().map((n) => ({ field: snake(n.field), digits: n.digits, display: n.display })),
    instructions: {
      title: how.title,
      numbers: how.numbers,
      steps: how.steps,
      amount: how.amount,
      deadline: how.deadline,
      notes: how.notes,
    },
    text: how.text,
  };
}

// A cash charge's slip from the provider's notification (DESIGN §6 "Payment slip").
Object.assign(CHARGE_OPS, {
  issue_slip: (c, args, at) => {
    const id = text(args, "id");
    const [numbers, rules, lang] = [slipNumbers(args), digitRules(args), slipLang(args)];
    return using(c.issueSlip(id, numbers, at, rules), (slip) => slipView(slip, lang));
  },
  slip: (c, args, at) => {
    const id = text(args, "id");
    const lang = slipLang(args);
    const charge = c.charge(id);
    if (charge === null) fail("unknown charge");
    const slip = c.slip(id);
    return { state: stateId(c.stateAt(id, at)), slip: slip === null ? null : using(slip, (s) => slipView(s, lang)) };
  },
});

Object.assign(FUNCTIONS, {
  "card.register": (input) => {
    const entry = cardEntry(input);
    const registered = strings(input, "registered_fingerprints");
    const now = time(input.now);
    return using(cardPolicy(input), (p) => cardConfirmation(p.check(entry, registered, now)));
  },
  // The registrations become records of one user's cards on file, each with its own
  // fingerprint; the answer names the card of the record chosen.
  "card.billing_card": (input) => {
    if (!Array.isArray(input.registrations)) fail("registrations is not a list");
    const ids = new Map();
    const records = input.registrations.map((r, i) => {
      const fingerprint = i.toString(16).padStart(64, "0");
      ids.set(fingerprint, text(r, "card"));
      return { brand: "visa", last4: "0000", expiry_month: 12, expiry_year: 2099, debit: false, fingerprint, registered_at: text(r, "at") };
    });
    let cards;
    setupStep("registrations", () => {
      cards = cardsFromRecords(records);
    });
    const month = text(input, "month");
    const day = cutoffDay(input);
    return using(cards, (c) => {
      const card = c.billingCard(month, day);
      return { card: card === null ? null : ids.get(card.fingerprint) };
    });
  },
  "payment.number": (input) => {
    const n = saifu.parsePaymentNumber(slipKind(input), paymentField(input), text(input, "number"), digitRules(input));
    return { digits: n.digits, display: n.display };
  },
  "payment.slip": (input) => {
    const lang = slipLang(input);
    const numbers = slipNumbers(input);
    const kind = slipKind(input);
    const rules = digitRules(input);
    const amount = number(input, "amount");
    const deadline = time(input.deadline);
    return using(new saifu.PaymentSlip(kind, numbers, deadline, amount, rules), (slip) => slipView(slip, lang));
  },
  // A bill of the vector is a number only; the answer does not depend on the rest.
  "smartpit.can_pay": (input) => {
    const kind = text(input, "medium");
    if (kind !== "card" && kind !== "sheet") fail(`unknown medium ${kind}`);
    const medium = kind === "card" ? { kind } : { kind, expiresOn: text(input, "sheet_expires_on") };
    if (!Array.isArray(input.bills)) fail("bills is not a list");
    const bills = input.bills.map((b) => ({ number: b, merchant: "merchant", amount: 1, dueOn: "2099-12-31" }));
    const store = text(input, "store");
    if (!(store in STORES)) fail(`unknown store ${store}`);
    if (typeof input.has_printed_sheet !== "boolean") fail("has_printed_sheet is not a boolean");
    // "cash" or another word: any other way of paying.
    const tender = TENDERS[text(input, "method")] || "other";
    const yes = saifu.canPaySmartPit(text(input, "number"), medium, bills, STORES[store], input.has_printed_sheet, tender, time(input.now));
    return { at_terminal: yes.atTerminal, bills: yes.bills.length };
  },
});

function runCardsOnFile(c) {
  if (!Array.isArray(c.steps)) fail("no steps");
  const setup = c.setup || {};
  let policy;
  let cards;
  setupStep("policy", () => {
    policy = cardPolicy(setup);
  });
  const day = cutoffDay(setup);
  setupStep("registrations", () => {
    cards = cardsFromRecords(setup.registrations || []);
  });
  try {
    c.steps.forEach((step, i) => {
      const args = step.args || {};
      const before = JSON.stringify(cards.registrations());
      let result;
      try {
        switch (step.op) {
          case "confirm":
          case "register": {
            const entry = cardEntry(args);
            const at = time(step.at);
            result = outcome(() => cardConfirmation(cards[step.op](policy, entry, at)));
            if (step.op === "confirm" && JSON.stringify(cards.registrations()) !== before) fail("confirm changed the cards");
            break;
          }
          case "current": {
            const card = cards.current();
            result = { ok: { card: card === null ? null : cardRecord(card) } };
            break;
          }
          case "registrations":
            result = { ok: { registrations: cards.registrations().map(cardRecord) } };
            break;
          case "billing_card": {
            const month = text(args, "month");
            result = outcome(() => {
              const card = cards.billingCard(month, day);
              return { card: card === null ? null : cardRecord(card) };
            });
            break;
          }
          case "reload": {
            // What an app saves (the cards-on-file document) and loads back.
            const saved = cards.toJson();
            const again = saifu.CardsOnFile.fromJson(saved);
            if (again.toJson() !== saved || JSON.stringify(again) !== JSON.stringify(cards)) {
              fail("reload changed the cards");
            }
            cards.free();
            cards = again;
            result = { ok: { registrations: cards.registrations().map(cardRecord) } };
            break;
          }
          case "load": {
            if (!Array.isArray(args.registrations)) fail("registrations is not a list");
            const records = args.registrations;
            result = outcome(() => {
              const loaded = cardsFromRecords(records);
              cards.free();
              cards = loaded;
              return { registrations: cards.registrations().map(cardRecord) };
            });
            break;
          }
          default:
            fail(`unknown op ${step.op}`);
        }
      } catch (e) {
        if (e instanceof CaseError) throw new CaseError(`step ${i}: ${e.message}`);
        throw e;
      }
      if (result.error && JSON.stringify(cards.registrations()) !== before) fail(`step ${i}: a failed step changed the cards`);
      try {
        check(result, step.expect);
      } catch (e) {
        if (e instanceof CaseError) throw new CaseError(`step ${i} (${step.op}): ${e.message}`);
        throw e;
      }
    });
  } finally {
    cards.free();
    policy.free();
  }
}

// ---- accounts and sign-in (core/tests/scenarios/{accounts,signin}.rs) ----

Object.assign(FUNCTIONS, {
  "phone.check_last4": (input) => {
    saifu.checkPhoneLast4(text(input, "registered"), text(input, "entered"));
    return {};
  },
  // The vector's field names are core's ids; the binding's are their camelCase.
  "account.validate_signup": (input) => {
    if (!isObject(input.profile)) fail("input.profile");
    if (!Array.isArray(input.required)) fail("input.required");
    if (typeof input.terms_accepted !== "boolean") fail("input.terms_accepted");
    const profile = Object.fromEntries(Object.entries(input.profile).map(([k, v]) => [camel(k), v]));
    saifu.validateSignup(
      {
        email: text(input, "email"),
        emailAgain: text(input, "email_again"),
        termsAccepted: input.terms_accepted,
        loginId: text(input, "login_id"),
        password: text(input, "password"),
        profile,
      },
      input.required.map((f) => (typeof f === "string" ? camel(f) : fail(`required ${show(f)}`))),
    );
    return {};
  },
});

/** The key of a setup or a reload's args: hex, as bytes. */
function keyBytes(v) {
  const hex = text(v, "key");
  if (!/^([0-9a-f]{2})*$/i.test(hex)) fail(`key is not hex: ${hex}`);
  return new Uint8Array(Buffer.from(hex, "hex"));
}

/** A setup's optional whole-number settings, renamed: absent stays absent (core's default). */
function settings(setup, names) {
  const out = {};
  for (const name of names) {
    if (setup[name] === undefined) continue;
    out[camel(name)] = integer(setup, name);
  }
  return out;
}

/** A status object with the vectors' field names and core's state ids. */
function snakeStatus(status, states) {
  const out = {};
  for (const [key, value] of Object.entries(status)) out[snake(key)] = states.includes(key) ? snake(value) : value;
  return out;
}

/** Codes after which a flow may differ from before the step (an attempt was counted). */
const COUNTS_AS_ATTEMPT = new Set(["otp.mismatch", "otp.locked", "pin.mismatch", "pin.locked", "signin.locked"]);

/**
 * Runs a flow scenario: the setup (or `setup_expect`), then each step against the flow,
 * `reload` as an app does it (parts → JSON.stringify → JSON.parse → fromParts).
 */
function runFlow(c, { create, load, ops, states }) {
  const setup = c.setup || {};
  const key = keyBytes(setup);
  let built = outcome(() => create(key));
  if (c.setup_expect !== undefined) {
    if (c.steps !== undefined) fail("a case with setup_expect has no steps");
    if (built.ok) built.ok.free();
    check(built.error ? built : { ok: {} }, c.setup_expect);
    return;
  }
  if (built.error) fail(`setup failed: ${built.error.code}: ${built.error.message}`);
  let flow = built.ok;
  const status = () => snakeStatus(flow.status, states);
  try {
    if (!Array.isArray(c.steps)) fail("no steps");
    c.steps.forEach((step, i) => {
      const args = step.args || {};
      const before = JSON.stringify(flow.parts());
      let result;
      if (step.op === "status") {
        result = { ok: status() };
      } else if (step.op === "reload") {
        const with_ = args.key === undefined ? key : keyBytes(args);
        const saved = JSON.stringify(flow.parts());
        result = outcome(() => load(with_, JSON.parse(saved)));
        if (result.ok) {
          if (JSON.stringify(result.ok.parts()) !== saved) fail(`step ${i}: reload changed the parts`);
          flow.free();
          flow = result.ok;
          result = { ok: status() };
        }
      } else {
        const op = ops[step.op];
        if (!op) fail(`step ${i}: unknown op ${step.op}`);
        result = outcome(() => {
          const answer = op(flow, args, step);
          return answer === undefined ? status() : answer;
        });
      }
      try {
        check(result, step.expect);
      } catch (e) {
        if (e instanceof CaseError) throw new CaseError(`step ${i} (${step.op}): ${e.message}`);
        throw e;
      }
      if (result.error && !COUNTS_AS_ATTEMPT.has(result.error.code) && JSON.stringify(flow.parts()) !== before) {
        fail(`step ${i}: ${result.error.code} changed the flow`);
      }
    });
  } finally {
    flow.free();
  }
}

function boolArg(args, key) {
  if (typeof args[key] !== "boolean") fail(`args.${key} is not a boolean`);
  return args[key];
}

const SIGNIN_OPS = {
  enter_login_id: (f, a) => void f.enterLoginId(text(a, "login_id")),
  puzzle_passed: (f) => void f.puzzlePassed(),
  password_rejected: (f) => void f.passwordRejected(),
  password_accepted: (f, a, s) => void f.passwordAccepted(boolArg(a, "stay_signed_in"), text(a, "otp"), time(s.at)),
  otp_resent: (f, a, s) => void f.otpResent(text(a, "otp"), time(s.at)),
  enter_otp: (f, a, s) => void f.enterOtp(text(a, "otp"), time(s.at)),
  cancel: (f) => void f.cancel(),
  sign_out: (f) => void f.signOut(),
};

function runSignIn(c) {
  const setup = c.setup || {};
  const config = settings(setup, ["otp_digits", "otp_valid_minutes", "otp_max_attempts"]);
  if (setup.puzzle !== undefined) config.puzzle = boolArg(setup, "puzzle");
  runFlow(c, {
    create: (key) => new saifu.SignIn(key, config),
    load: (key, parts) => saifu.SignIn.fromParts(key, config, parts),
    ops: SIGNIN_OPS,
    states: ["state"],
  });
}

const SCENARIOS = {
  wallet: runWallet,
  charge: runCharge,
  pin: runPin,
  otp: runOtp,
  cards_on_file: runCardsOnFile,
  signin: runSignIn,
};

function runCase(c) {
  if (typeof c.fn === "string") {
    const fn = FUNCTIONS[c.fn];
    if (!fn) fail(`unknown fn ${c.fn}`);
    check(outcome(() => fn(c.input || {})), c.expect);
    return;
  }
  if (typeof c.scenario === "string") {
    const run = SCENARIOS[c.scenario];
    if (!run) fail(`unknown scenario ${c.scenario}`);
    run(c);
    return;
  }
  fail("neither fn nor scenario");
}

// ---- one test per case ----------------------------------------------------------------------

// Not yet bound: vector files of functions core has and this binding does not export yet.
// MyNaPoint's JavaScript API (branch accwasm) would take the whole-API .wasm past its
// 150 KB budget (README "Size"); its file is left out here, and only it, named in the
// output. Remove the name when MyNaPoint reaches this binding.
const NOT_YET_BOUND = new Set(["mynapoint.json"]);

const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
const skipped = files.filter((f) => NOT_YET_BOUND.has(f));
if (skipped.length > 0) console.log(`conformance: not yet bound, skipped: ${skipped.join(", ")}`);
const cases = files.filter((f) => !NOT_YET_BOUND.has(f)).flatMap((file) =>
  JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")).cases.map((c) => ({ file, c })),
);
const summary = () => `conformance (${DIR}): ${passed} passed, ${failed} failed`;

cases.forEach(({ file, c }, i) => {
  const name = typeof c.name === "string" ? c.name : "(unnamed)";
  test(`${file}: ${name}`, (t) => {
    try {
      runCase(c);
      passed++;
    } catch (e) {
      failed++;
      throw e;
    } finally {
      // The reporter prints a test's diagnostics with it: the last case carries the line.
      if (i === cases.length - 1) t.diagnostic(summary());
    }
  });
});

after(() => {
  if (passed === 0) {
    console.log(summary());
    process.exitCode = 1;
  }
});
