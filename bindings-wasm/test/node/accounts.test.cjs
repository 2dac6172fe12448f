// Issue 18 through JavaScript: sign-up, the phone's last 4 and SignIn (MyNaPoint's API waits
// for room in the size budget: README "Size"). The seam
// only (the rules are the conformance vectors'): locks survive what an app does to save
// (parts → JSON.stringify → JSON.parse → fromParts); no PIN, code or password shows in
// JSON, strings or util.inspect; every field's bad input is a coded SaifuError and the
// module answers afterwards.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const util = require("node:util");

const saifu = require("../../pkg-node/saifu_wasm.js");
const { throwsCoded, everyView } = require("./fixtures.cjs");

const KEY = new Uint8Array(32).map((_, i) => i);
const OTHER_KEY = new Uint8Array(32).fill(9);
const AT = new Date("2026-07-01T10:00:00+09:00");


/** What an app does to save a flow and load it back. */
function reload(Flow, flow, config, key = KEY) {
  const saved = JSON.stringify(flow.parts());
  const again = Flow.fromParts(key, config, JSON.parse(saved));
  assert.equal(JSON.stringify(again.parts()), saved, "a reload keeps every part");
  flow.free();
  return again;
}


test("an OTP lock survives save and load: SignIn, two wrong codes, reload, the third ends the attempt", () => {
  const config = { puzzle: false };
  let f = new saifu.SignIn(KEY, config);
  assert.equal(f.enterLoginId(" sc-0012345 "), "awaitingPassword");
  assert.equal(f.passwordAccepted(true, "4821", AT), "awaitingOtp");
  assert.equal(throwsCoded(() => f.enterOtp("0000", AT), "otp.mismatch").details.remaining, 2);
  f = reload(saifu.SignIn, f, config);
  assert.equal(throwsCoded(() => f.enterOtp("0001", AT), "otp.mismatch").details.remaining, 1);
  f = reload(saifu.SignIn, f, config);
  assert.deepEqual(f.status, {
    state: "awaitingOtp",
    loginId: "sc-0012345",
    staySignedIn: true,
    otpRemaining: 1,
    otpExpiresAt: "2026-07-01T10:10:00+09:00",
  });
  const otp = f.parts().otp;
  assert.match(otp.digest, /^[0-9a-f]{80}$/);
  assert.equal(otp.failures, 2);
  throwsCoded(() => f.enterOtp("0002", AT), "signin.locked");
  f = reload(saifu.SignIn, f, config);
  assert.equal(f.status.state, "locked");
  // The locked attempt is over: the right code is refused; a new attempt starts from the ID.
  throwsCoded(() => f.enterOtp("4821", AT), "signin.locked");
  assert.equal(f.enterLoginId("sc-0012345"), "awaitingPassword");
  // Parts that would unlock the code are refused.
  f.passwordAccepted(false, "7305", AT);
  const parts = f.parts();
  throwsCoded(
    () => saifu.SignIn.fromParts(KEY, config, { ...parts, otp: { ...parts.otp, failures: -1 } }),
    "state.invalid_flow",
  );
  throwsCoded(() => saifu.SignIn.fromParts(OTHER_KEY, config, parts), "credential.key_mismatch");
  f.free();
});

test("what a SignIn shows: never a code", () => {
  const f = new saifu.SignIn(KEY);
  f.enterLoginId("hanako_2024");
  f.puzzlePassed();
  f.passwordAccepted(true, "0420", AT);
  assert.equal(String(f), "SignIn(awaitingOtp)");
  for (const view of everyView(f)) assert.doesNotMatch(view, /0420|[0-9a-f]{80}/, view);
  assert.deepEqual(JSON.parse(JSON.stringify(f)), f.status);
  f.free();
});

test("validateSignup and checkPhoneLast4: camelCase in, core's codes out", () => {
  const form = {
    email: " hanako@example.jp",
    emailAgain: "hanako@example.jp",
    termsAccepted: true,
    loginId: "hanako_2024",
    password: "Sakura2024",
    profile: { name: "山田 花子", birthDate: "　", newsletter: false },
  };
  assert.deepEqual(saifu.validateSignup(form), { email: "hanako@example.jp", loginId: "hanako_2024" });
  assert.deepEqual(saifu.validateSignup(form, ["name", "newsletter"]), { email: "hanako@example.jp", loginId: "hanako_2024" });
  const missing = throwsCoded(() => saifu.validateSignup(form, ["name", "birthDate"]), "account.missing_field");
  assert.deepEqual(missing.details, { field: "birth_date" });
  assert.doesNotMatch(missing.message + missing.messageJa + missing.stack, /Sakura2024/);
  throwsCoded(() => saifu.validateSignup({ ...form, password: "sakura" }), "password.too_short");
  throwsCoded(() => saifu.validateSignup(form, ["birth_date"]), "input.invalid");
  saifu.checkPhoneLast4("090-1234-5678", "５６７８");
  throwsCoded(() => saifu.checkPhoneLast4("090-1234-5678", "56-78"), "phone.invalid_format");
  throwsCoded(() => saifu.checkPhoneLast4("090-1234-5678", "0901"), "phone.mismatch");
  throwsCoded(() => saifu.checkPhoneLast4("5678", "5678"), "phone.invalid_number");
});

// ---- bad input for every field --------------------------------------------------------------

const MB = "1".repeat(1 << 20);
const HOSTILE_TEXT = [
  "",
  "   ",
  MB,
  "a".repeat(1 << 20),
  "\u0000",
  "12\u000034",
  "💳💳💳💳",
  "hanako💌@example.jp",
  "\u200f1234",
  "\u202e1234\u202c",
  "１２３４",
  "ｈａｎａｋｏ",
  "０９０ー１２３４ー５６７８",
  "\ud800",
  "1\udc00",
];
const WRONG_TYPES = [undefined, null, 42, 1n, true, {}, [], Symbol("s"), () => "1234", new String("1234")];

/** A call's answer: a value or a coded SaifuError, never a bare Error or a trap. */
function codedOrValue(fn, label) {
  try {
    fn();
  } catch (e) {
    assert.ok(saifu.isSaifuError(e), `${label}: not a SaifuError: ${e && e.stack}`);
    assert.match(e.code, /^[a-z]+\.[a-z0-9_]+$/, label);
  }
}

/** A fresh flow at the step that reads each field: `s` goes there, the rest is valid. */
const FIELDS = {
  "validateSignup email": (s) => saifu.validateSignup({ email: s, emailAgain: s, termsAccepted: true, loginId: "hanako", password: "Sakura2024" }),
  "validateSignup emailAgain": (s) =>
    saifu.validateSignup({ email: "a@b.jp", emailAgain: s, termsAccepted: true, loginId: "hanako", password: "Sakura2024" }),
  "validateSignup loginId": (s) =>
    saifu.validateSignup({ email: "a@b.jp", emailAgain: "a@b.jp", termsAccepted: true, loginId: s, password: "Sakura2024" }),
  "validateSignup password": (s) =>
    saifu.validateSignup({ email: "a@b.jp", emailAgain: "a@b.jp", termsAccepted: true, loginId: "hanako", password: s }),
  "validateSignup profile.name": (s) =>
    saifu.validateSignup({ email: "a@b.jp", emailAgain: "a@b.jp", termsAccepted: true, loginId: "hanako", password: "Sakura2024", profile: { name: s } }, ["name"]),
  "validateSignup required[]": (s) =>
    saifu.validateSignup({ email: "a@b.jp", emailAgain: "a@b.jp", termsAccepted: true, loginId: "hanako", password: "Sakura2024" }, [s]),
  "checkPhoneLast4 registered": (s) => saifu.checkPhoneLast4(s, "5678"),
  "checkPhoneLast4 entered": (s) => saifu.checkPhoneLast4("090-1234-5678", s),
  "SignIn loginId": (s) => new saifu.SignIn(KEY).enterLoginId(s),
  "SignIn otp sent": (s) => {
    const f = new saifu.SignIn(KEY, { puzzle: false });
    f.enterLoginId("hanako");
    f.passwordAccepted(false, s, AT);
  },
  "SignIn otp typed": (s) => {
    const f = new saifu.SignIn(KEY, { puzzle: false });
    f.enterLoginId("hanako");
    f.passwordAccepted(false, "1234", AT);
    f.enterOtp(s, AT);
  },
};

for (const [name, call] of Object.entries(FIELDS)) {
  test(`${name}: hostile text and wrong types give a value or a coded SaifuError; the module answers after`, () => {
    for (const s of [...HOSTILE_TEXT, ...WRONG_TYPES]) codedOrValue(() => call(s), `${name} ${util.inspect(s).slice(0, 40)}`);
    // The module still answers a valid call.
    assert.equal(new saifu.SignIn(KEY).enterLoginId("hanako_2024"), "awaitingPuzzle");
    saifu.checkPhoneLast4("090-1234-5678", "5678");
  });
}

test("the codes each bad field gets: empty, 1 MB, NUL, emoji, RTL marks, full-width, lone surrogates, wrong types", () => {
  const f = new saifu.SignIn(KEY);
  for (const s of ["", MB, "\u0000hanako", "💌hanako", "\u200fhanako", "ｈａｎａｋｏ"]) {
    throwsCoded(() => f.enterLoginId(s), "account.invalid_login_id", JSON.stringify(s.slice(0, 8)));
  }
  for (const s of ["\ud800", 42, null, undefined]) throwsCoded(() => f.enterLoginId(s), "input.invalid");
  assert.equal(f.status.state, "awaitingLoginId");
  for (const s of ["", MB, "\u0000", "💳", "\u200f5678", "5\u202e678"]) {
    throwsCoded(() => saifu.checkPhoneLast4("090-1234-5678", s), "phone.invalid_format");
  }
  for (const s of ["", MB, "090\u00001234", "💳", "\u200f09012345678"]) {
    throwsCoded(() => saifu.checkPhoneLast4(s, "5678"), "phone.invalid_number");
  }
  const base = { emailAgain: "", termsAccepted: true, loginId: "hanako", password: "Sakura2024" };
  for (const s of [MB, "a\u0000@b.jp", "💌@b.jp", "\u200fa@b.jp", "ａ@b.jp"]) {
    throwsCoded(() => saifu.validateSignup({ ...base, email: s, emailAgain: s }), "account.invalid_email");
  }
  for (const key of [new Uint8Array(15), "0123456789abcdef0123456789abcdef", [1, 2, 3], null]) {
    codedOrValue(() => new saifu.SignIn(key), "key");
  }
  throwsCoded(() => new saifu.SignIn(new Uint8Array(15)), "credential.invalid_key");
  throwsCoded(() => new saifu.SignIn("0123456789abcdef"), "input.invalid");
  throwsCoded(() => new saifu.SignIn(KEY, { otpDigits: 3 }), "signin.invalid_config");
  throwsCoded(() => new saifu.SignIn(KEY, { otpValidMinutes: 2.5 }), "signin.invalid_config");
  throwsCoded(() => new saifu.SignIn(KEY, { otpMaxAttempts: "3" }), "input.invalid");
  f.free();
});
