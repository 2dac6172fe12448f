// The demo app (examples/demo) in headless Debian Chromium, on the npm package as a user
// gets it: `npm pack` of pkg-npm, unpacked, served under node_modules/saifu/ by the demo's
// own server. The steps are a person's (tabs, sample codes, typing) and the checks are
// what they would read on screen after each one; the tests run in order on one page, as
// one visit. Screenshots go to a temporary directory, or to $SAIFU_SCREENSHOTS
// (docs/screenshots, committed and shown in the README:
// `SAIFU_SCREENSHOTS=docs/screenshots node --test bindings-wasm/test/browser/demo.test.cjs`).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { before, after } = require("node:test");
const { chromium } = require("playwright-core");

const REPO = path.join(__dirname, "..", "..", "..");
const PKG_NPM = path.join(REPO, "bindings-wasm", "pkg-npm");
const DEMO = path.join(REPO, "examples", "demo");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

let tmp;
let shots;
let server;
let url;
let browser;
let page;
const problems = [];
const wasm = [];

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "saifu-demo-"));
  // The tarball a user would install, unpacked (it holds `package/`).
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", tmp, PKG_NPM], { encoding: "utf8" }).trim();
  execFileSync("tar", ["-xzf", path.join(tmp, tarball), "-C", tmp]);
  shots = process.env.SAIFU_SCREENSHOTS ? path.resolve(process.env.SAIFU_SCREENSHOTS) : path.join(tmp, "screenshots");
  fs.mkdirSync(shots, { recursive: true });
  const { serve } = await import(path.join(DEMO, "serve.mjs"));
  ({ server, url } = await serve({ pkg: path.join(tmp, "package") }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // A phone-sized window, as the seed's app; the Japanese locale and Tokyo time.
  const context = await browser.newContext({ viewport: { width: 420, height: 860 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  page = await context.newPage();
  page.setDefaultTimeout(5_000);
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** What a person reads in the element: its rendered text, whitespace folded. */
async function read(selector) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();
}
async function open() {
  await page.waitForSelector("body[data-ready]", { timeout: 15_000 }).catch((e) => assert.fail(`${e.message}\n${problems.join("\n")}`));
}
const tab = (name) => page.getByRole("tab", { name }).click();
const button = (name) => page.getByRole("button", { name, exact: true }).click();
const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

test("the import map points at the package's browser entries", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(tmp, "package", "package.json"), "utf8"));
  const html = fs.readFileSync(path.join(DEMO, "index.html"), "utf8");
  const map = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)[1]).imports;
  assert.equal(map.saifu, pkg.exports["."].browser.replace("./", "./node_modules/saifu/"));
  assert.equal(map["saifu/checkout"], pkg.exports["./checkout"].browser.replace("./", "./node_modules/saifu/"));
});

test("a first visit shows 残高詳細: the total, its split by expiry and each lot", async () => {
  await page.goto(url);
  await open();
  assert.match(await read("#clock"), /^2026\/11\/23 10:00 \(JST\)$/);
  assert.equal(await read("#total"), "10,000円分");
  assert.equal(await read("#split"), "0円分 0円分 10,000円分");
  assert.equal(
    await read("#lots"),
    "天王洲キャッシュ (共通券) 10,000円分 コード(ID) N7af****7AV9**** 管理番号 d012104262000001 有効期限 なし 登録日 2021/04/27 20:09:26",
  );
  await shot("demo-balance");
});

test("paying by scanning a merchant's JPQR code: refused codes, a quote, the receipt", async () => {
  await tab("お支払い");
  await button("破損したコード");
  assert.match(await read(".error"), /^QRコードが破損しています（チェックサム [0-9A-F]{4}、正しくは [0-9A-F]{4}）。$/);
  await button("登録のない店舗");
  assert.equal(await read(".error"), "加盟店「0000000000009」が見つかりません。");
  await button("天王洲飯店 リバーサイド店");
  assert.equal(await read("#merchant h3"), "天王洲飯店 リバーサイド店");
  assert.equal(await read("#merchant .sub"), "TENNOZU HANTEN / SHINAGAWA");
  assert.match(await page.locator("#qr").inputValue(), /^000201010211.*jp\.or\.paymentsjapan.*6304[0-9A-F]{4}$/);
  await page.fill("#amount", "２０，０００"); // IME digits, as typed on a phone
  await button("お支払確認");
  assert.equal(await read(".error"), "残高が不足しています（ご利用可能額 10,000円）。");
  await page.fill("#amount", "１，５００");
  await button("お支払確認");
  assert.equal(await page.locator(".error").count(), 0);
  assert.equal(
    await read("#pay-confirm dl"),
    "お店 天王洲飯店 リバーサイド店 お支払金額 1,500円 ご利用可能額 10,000円",
  );
  assert.equal(await read("#pay-confirm .allocations"), "天王洲キャッシュ (共通券) N7af****7AV9****: 1,500円分");
  await button("支払う");
  assert.equal(
    await read("#receipt"),
    "お支払いが完了しました お店 天王洲飯店 リバーサイド店 決済金額 1,500円分 利用日時 2026/11/23 10:01:00 " +
      "決済ID OEM202000010120261123000000000001 あなたの残高 8,500円分",
  );
  await shot("demo-pay");
});

test("buying vouchers with a purchase code: チャージ額確認, 申し込む, 確認, the convenience-store slip", async () => {
  await tab("商品券の購入");
  await page.fill("#code", "WIN2026X");
  await button("チャージ額確認");
  await button("申し込む");
  assert.equal(await read(".error"), "この商品券の購入コードではありません。送付されたコードをご確認ください。");
  await page.fill("#code", "ｗｉｎ２０２６ａ"); // full-width, as an IME may give it
  await page.selectOption("#units", "3");
  await button("チャージ額確認");
  await button("申し込む");
  assert.equal(await read(".error"), "購入できる口数を選択してください。"); // the code is for 2
  await page.selectOption("#units", "2");
  await button("チャージ額確認");
  assert.equal(
    await read("#buy-quote"),
    "チャージ額確認（2口） 中小店舗専用 16,000円分 全店共通 10,000円分 お支払金額 20,000円 有効期限 2026/12/31 申し込む",
  );
  await button("申し込む");
  assert.equal(
    await read("#purchase dl"),
    "購入コード WIN2026A 口数 2口 お支払金額 20,000円 お支払い方法 ローソン",
  );
  await button("確認する");
  await button("ローソンで支払う");
  assert.equal(
    await read("#slip"),
    "ローソンでのお支払い お客様番号 2611 2300 01 確認番号 4821 お支払金額 20,000円 お支払期限 2026/11/25 23:59 " +
      "店内のLoppiでお客様番号と確認番号を入力してください。 お支払期限までに、レジで現金でお支払いください。 お支払いは現金のみです。",
  );
  await shot("demo-buy-slip");
});

test("a reload restores the wallet, the pending purchase and the clock from localStorage", async () => {
  const clock = await read("#clock");
  await page.reload();
  await open();
  assert.equal(await read("#clock"), clock);
  assert.equal(await read("#total"), "8,500円分");
  await tab("商品券の購入");
  assert.match(await read("#slip"), /^ローソンでのお支払い お客様番号 2611 2300 01 /);
});

test("the provider's paid notification puts the vouchers in the wallet, spendable at once", async () => {
  await button("入金通知を受け取る");
  assert.equal(
    await read("#credited ul"),
    "おやまプレミアム商品券 (中小店舗限定券) Q011****K9p1****: 16,000円分（有効期限 2026/12/31） " +
      "おやまプレミアム商品券 (共通券) Q012****K9p2****: 10,000円分（有効期限 2026/12/31）",
  );
  await page.fill("#code", "WIN2026A");
  await button("チャージ額確認");
  await button("申し込む");
  assert.equal(await read(".error"), "この購入コードはすでに使用されています。");
  await tab("残高詳細");
  assert.equal(await read("#total"), "34,500円分");
  assert.equal(await read("#split"), "26,000円分 0円分 8,500円分");
  assert.equal(await page.locator("#lots > li").count(), 3);
  await shot("demo-balance-after");
  // The mall is a large store: only the all-stores voucher pays there.
  await tab("お支払い");
  await button("おやまショッピングモール（金額入り）");
  assert.equal(await read("#merchant dl"), "お支払金額（QRコードに記載） 2,000円");
  await button("お支払確認");
  assert.equal(await read("#pay-confirm .allocations"), "おやまプレミアム商品券 (共通券) Q012****K9p2****: 2,000円分");
  await button("支払う");
  assert.match(await read("#receipt"), /あなたの残高 32,500円分$/);
});

test("ご利用履歴 lists the payments and the purchase, newest first", async () => {
  await tab("ご利用履歴");
  const entries = await page.locator("#history > li").evaluateAll((lis) => lis.map((li) => li.innerText.replace(/\s+/g, " ").trim()));
  assert.deepEqual(entries, [
    "お支払い おやまショッピングモール 2,000円分 利用日時 2026/11/23 10:09:00 ID OEM202303000120261123000000000002",
    "チャージ おやまプレミアム商品券 -26,000円分 利用日時 2026/11/23 10:07:00 ID p1",
    "お支払い 天王洲飯店 リバーサイド店 1,500円分 利用日時 2026/11/23 10:01:00 ID OEM202000010120261123000000000001",
  ]);
  await shot("demo-history");
});

test("the card form (saifu/checkout) shows the brand and the mask while typing", async () => {
  await tab("カード登録");
  const number = page.locator("#card-number");
  const seen = [];
  for (const key of "3528") {
    await number.press(key);
    seen.push(await read("#card-brand"));
  }
  assert.deepEqual(seen, ["ブランド: —", "JCB", "JCB", "JCB"]);
  await number.fill("");
  await number.pressSequentially("4242 4242 4242 424");
  assert.equal(await read("#card-brand"), "Visa");
  assert.equal(await read("#card-mask"), "入力中（最大19桁）");
  await number.press("1");
  await page.fill("#card-expiry", "１２／２８");
  await page.fill("#card-cvc", "123");
  await button("確認する");
  assert.equal(await read(".error"), "カード番号に誤りがあります。ご確認ください。");
  await number.press("End"); // back in the field, at the end of what was typed
  await page.keyboard.press("Backspace");
  await page.keyboard.press("2");
  // The caret stayed in the field through every re-render: the keys all landed.
  assert.equal(await number.inputValue(), "4242 4242 4242 4242");
  assert.equal(await read("#card-mask"), "****-****-****-4242");
  await page.fill("#card-expiry", "12/25");
  await button("確認する");
  assert.equal(await read(".error"), "カードの有効期限が切れています。");
  await page.fill("#card-expiry", "１２／２８");
  await page.fill("#card-cvc", "12");
  await button("確認する");
  assert.equal(await read(".error"), "セキュリティコードは3桁の数字で入力してください。");
  await page.fill("#card-cvc", "123");
  await button("確認する");
  assert.equal(
    await read("#card-checked dl"),
    "ブランド Visa カード番号 ****-****-****-4242 有効期限 12/28 セキュリティコード ***",
  );
  await shot("demo-card");
});

test("a last reload keeps everything; the saved document holds no card number; nothing failed", async () => {
  await page.reload();
  await open();
  assert.equal(await read("#total"), "32,500円分");
  await tab("ご利用履歴");
  assert.equal(await page.locator("#history > li").count(), 3);
  const saved = await page.evaluate(() => localStorage.getItem("saifu-demo"));
  assert.match(saved, /^\{"state":"\{\\"version\\":1,/);
  assert.doesNotMatch(saved, /4242/);
  // Both entries' modules were fetched from the package, once per load.
  assert.deepEqual([...new Set(wasm)].sort(), ["/node_modules/saifu/checkout/saifu_wasm_bg.wasm", "/node_modules/saifu/saifu/saifu_wasm_bg.wasm"]);
  assert.deepEqual(problems, []);
});

test("a saved document saifu refuses is reported in Japanese, and the demo starts afresh", async () => {
  const saved = await page.evaluate(() => localStorage.getItem("saifu-demo"));
  const { state } = JSON.parse(saved);
  const damaged = JSON.stringify({ state: state.replace('{"version":1,', '{"version":9,'), now: 0 });
  await page.evaluate((doc) => localStorage.setItem("saifu-demo", doc), damaged);
  await page.reload();
  await open();
  assert.equal(await read("#notice"), "保存されたデータを読み込めませんでした: 保存されたデータのバージョン（9）には対応していません。");
  assert.equal(await read("#total"), "10,000円分");
  assert.deepEqual(problems, []);
});
