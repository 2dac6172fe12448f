// Browser tests: serve pkg-web, page/, the web tour (examples/web) and the npm package
// (pkg-npm) from 127.0.0.1, load the pages in headless Debian Chromium through
// playwright-core, and check what they computed: formats, a wallet payment and a charge
// through the `--target web` package, the tour page end to end, and the npm package's
// browser entries (no init call; a checkout page fetches only checkout's .wasm).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { before, after } = require("node:test");
const { chromium } = require("playwright-core");

const REPO = path.join(__dirname, "..", "..", "..");
const PKG_WEB = path.join(__dirname, "..", "..", "pkg-web");
const PKG_NPM = path.join(__dirname, "..", "..", "pkg-npm");
// Longest prefix first. The tour imports ../../bindings-wasm/pkg-web/, as it would from a
// static server at the repository root.
const ROOTS = {
  "/bindings-wasm/pkg-web/": PKG_WEB,
  "/examples/web/": path.join(REPO, "examples", "web"),
  "/pkg/": PKG_WEB,
  "/npm/": PKG_NPM,
  "/": path.join(__dirname, "page"),
};
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", // instantiateStreaming refuses anything else
  ".json": "application/json",
};
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** A static file server on 127.0.0.1 (random port) over ROOTS; resolves to its base URL. */
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const prefix = Object.keys(ROOTS).find((p) => url.pathname.startsWith(p));
    const root = ROOTS[prefix];
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (url.pathname.endsWith("/")) file = path.join(file, "index.html");
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` })),
  );
}

let server;
let base;
let context;
let profile;

before(async () => {
  ({ server, base } = await serve());
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "saifu-chromium-"));
  // launch() refuses --user-data-dir; a persistent context on a fresh dir is the same thing.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  if (context) await context.close();
  if (server) server.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** Opens `url`, waits for `window[key]`, and returns it with every console error,
 * page error, failed request and HTTP error seen on the way, and the .wasm fetched. */
async function load(url, key) {
  const page = await context.newPage();
  const problems = [];
  const wasm = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  try {
    await page.goto(url, { timeout: 15_000 });
    await page
      .waitForFunction((k) => window[k] !== undefined, key, { timeout: 15_000 })
      .catch((e) => assert.fail(`${e.message}\n${problems.join("\n")}`));
    const result = await page.evaluate((k) => window[k], key);
    return { result, problems, wasm };
  } finally {
    await page.close();
  }
}

test("the web package computes formats, a wallet payment and a charge in Chromium", { timeout: 60_000 }, async () => {
  const { result, problems } = await load(`${base}/`, "saifuResult");
  assert.deepEqual(problems, []);
  assert.equal(result.failure, undefined, result.failure);
  assert.match(result.version, /^\d+\.\d+\.\d+/);

  assert.deepEqual(result.formats, {
    parsed: { minor: 10000, currency: "JPY" },
    voucher: "10,000円分",
    premium: { minor: 3000, currency: "JPY" },
    card: ["visa", "****-****-****-4242", "4242 42** **** 4242", '{"brand":"visa","masked":"****-****-****-4242"}'],
    detect: { brand: "amex", potentiallyValid: true, complete: false, maxLength: 15 },
    expiry: { month: 12, year: 2026, expiresAt: "2027-01-01T00:00:00+09:00" },
    expired: true,
    cvc: "****",
    voucherCode: "N7af****7AV9****",
    smartPit: { digits: "1234567890123", display: "1234-5678-90123" },
    qrRoundTrip: true,
  });

  const w = result.wallet;
  assert.deepEqual(w.receipt, {
    paymentId: "OEM202000010120210521000000000002",
    merchant: "riverside",
    merchantName: "天王洲飯店 リバーサイド店",
    at: "2021-05-21T19:12:29+09:00",
    amount: 50,
    allocations: [{ lot: "L1", amount: 50 }],
    balanceAfter: 9950,
  });
  assert.equal(w.refundId, "OEM202000010120210521000000000002-20210523014721578");
  assert.deepEqual(w.refused, {
    isSaifuError: true,
    isError: true,
    name: "SaifuError",
    code: "wallet.insufficient_balance",
    messageJa: "残高が不足しています（ご利用可能額 10,000円）。",
    details: { available: 10000 },
  });
  assert.equal(w.unchanged, true);
  assert.equal(w.total, "10,000円分");
  assert.deepEqual(w.history, [
    ["refund", "2021/05/23 01:47:21", "-50円分"],
    ["payment", "2021/05/21 19:12:29", "50円分"],
  ]);
  assert.equal(w.reloaded, true);
  assert.equal(result.badDate.code, "time.invalid");

  const c = result.charges;
  assert.deepEqual(c.started, {
    id: "k1", program: "minato", method: { kind: "payeasy" }, amount: 2000, units: null,
    state: "draft", until: null, endedBy: null, slip: null, jcoinId: null, purchaseCode: null,
  });
  assert.equal(c.applied, "awaitingPayment");
  // The provider's numbers: the slip's deadline and amount are the charge's.
  assert.match(c.slipText, /Customer number: 1234 5678 9012/);
  assert.match(c.slipText, /Pay by: 2026\/11\/25 23:59 \(JST\)/);
  assert.match(c.slipText, /¥2,000/);
  assert.deepEqual(c.kept.numbers.map((n) => n.digits), ["58021", "123456789012", "1234"]);
  assert.equal(c.kept.deadline, "2026-11-26T00:00:00+09:00");
  assert.equal(c.guard.allowed, false);
  assert.equal(c.guard.reason, "charge.blocked_pending_payment");
  assert.equal(c.guard.until, "2026-11-26T00:00:00+09:00");
  assert.deepEqual(c.refused.details, { until: "2026-11-26T00:00:00+09:00" });
  assert.equal(c.refused.isSaifuError, true);
  assert.deepEqual(c.expired, ["k1"]);
  assert.deepEqual([c.pinMismatch.code, c.pinMismatch.details], ["pin.mismatch", { remaining: 2 }]);
  assert.equal(
    c.secrets,
    '{"pin":{"failures":1,"isLocked":false},"otp":{"expiresAt":"2026-11-23T10:10:00+09:00","isLocked":false,"isUsed":false}}' +
      "****OneTimePassword(expires 2026-11-23T10:10:00+09:00)",
  );
});

test("the web tour (examples/web) runs the seed-003 story in Chromium", { timeout: 60_000 }, async () => {
  const { result, problems } = await load(`${base}/examples/web/`, "saifuTour");
  assert.deepEqual(problems, []);
  assert.equal(result.failure, undefined, result.failure);
  assert.equal(result.length, 13);
  const value = (section, label) => {
    const lines = result.find((s) => s.title.startsWith(`${section}.`)).lines;
    const line = lines.find(([l]) => l === label);
    assert.ok(line, `${section}: ${label}`);
    return line[1];
  };
  assert.equal(value(1, "brand / display / masked"), "visa / 4242 4242 4242 4242 / ****-****-****-4242");
  assert.equal(value(2, "a 30 % premium on ¥10,000, 切り捨て"), "¥3,000");
  assert.equal(value(4, "the seed's order would spend"), "B 5000, A 4500");
  assert.equal(value(5, "payment id"), "OEM202303000120260501000000000001");
  assert.equal(value(5, "お支払 done: balance after"), "13,500円分");
  assert.match(value(6, "pay ¥5,000 at the mall"), /^wallet\.insufficient_balance — .*ご利用可能額 1,500円/);
  assert.equal(value(7, "refund id"), "OEM202303000120260501000000000001-20260503112233456");
  assert.equal(value(9, "あなたの残高"), "10,000円分");
  assert.match(value(11, "load a damaged file"), /^state\.unsupported_version/);
  assert.equal(value(12, "確認 → 支払う"), "confirming → awaitingThreeDs");
  assert.match(value(12, "new charge at 10:15"), /^charge\.blocked_card_lockout — .*2026\/11\/23 10:31:00/);
  assert.equal(value(12, "the guard at 10:30:59 (no throw)"), "charge.blocked_card_lockout until 2026-11-23T10:31:00+09:00");
  assert.equal(value(12, "ローソン ¥5,000, 申し込み完了"), "awaitingPayment, expires at 2026-11-26T00:00:00+09:00");
  assert.equal(value(12, "paid; the same notice again"), "paid (applied true); paid (applied false)");
  assert.equal(value(12, "in the wallet: あなたの残高"), "5,000円分");
  assert.equal(value(13, "登録 (confirmation)"), "****-****-****-4242  12/28  ***");
  assert.match(value(13, "the same card again"), /^card\.already_registered — .*4242/);
  assert.equal(value(13, "usage of 2026-03 is billed to"), "…4242");
  assert.equal(value(13, "usage of 2026-04 is billed to"), "…4444");
  assert.equal(value(13, "お支払期限"), "2026/11/25 23:59");
  assert.match(value(13, "Smart Pit sheet at Circle K"), /^smartpit\.sheet_required/);
});

test("the npm package's checkout entry works in Chromium with no init, fetching only its .wasm", { timeout: 60_000 }, async () => {
  const { result, problems, wasm } = await load(`${base}/checkout.html`, "saifuCheckout");
  assert.deepEqual(problems, []);
  assert.equal(result.failure, undefined, result.failure);
  assert.deepEqual(wasm, ["/npm/checkout/saifu_wasm_bg.wasm"]);
  assert.deepEqual(result.typed, { brand: "jcb", potentiallyValid: true, complete: false, maxLength: 19 });
  assert.equal(result.masked, "****-****-****-4242");
  assert.equal(result.expiresAt, "2029-01-01T00:00:00+09:00");
  assert.deepEqual(result.cvc, { code: "card.invalid_cvc", isSaifuError: true });
  assert.equal(result.amount, "¥1,980");
  assert.equal(result.wallet, "undefined");
});

test("the npm package's two entries in one page share the error class", { timeout: 60_000 }, async () => {
  const { result, problems, wasm } = await load(`${base}/checkout.html?both`, "saifuCheckout");
  assert.deepEqual(problems, []);
  assert.equal(result.failure, undefined, result.failure);
  assert.deepEqual(wasm.sort(), ["/npm/checkout/saifu_wasm_bg.wasm", "/npm/saifu/saifu_wasm_bg.wasm"]);
  assert.deepEqual(result.both, { code: "wallet.unknown_merchant", checkoutSees: true });
});
