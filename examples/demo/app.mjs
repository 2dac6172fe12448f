// The saifu demo: seed 003's screens on the npm package. 残高詳細 (the balance view),
// ご利用履歴 (history), paying by scanning a merchant's JPQR code, buying premium
// vouchers with a purchase code (paid in cash at a convenience store), and a card-entry
// form on `saifu/checkout`. Every rule, number and message is saifu's: this file builds
// the page, keeps the demo's clock and stands in for what is not here (the camera, the
// payment provider). The user's state (wallet and charges) is one document in
// localStorage, written by `userStateToJson` and read back by `userStateFromJson`.
import {
  Charges,
  MerchantQrPayment,
  Wallet,
  buildMerchantQr,
  formatMoney,
  isSaifuError,
  jpqrMerchantQr,
  merchantQrAmount,
  parseMerchantQr,
  parseMoney,
  saifuVersion,
  userStateFromJson,
  userStateToJson,
} from "saifu";
import { detectCard, isCardExpired, parseCard, parseCardExpiry, parseSecurityCode } from "saifu/checkout";

const STORE = "saifu-demo";
// The demo's clock starts on seed 003's day and moves a minute per action, so the lots'
// expiry (2026-12-31) and the split of the balance read the same whenever it is opened.
const START = Date.parse("2026-11-23T10:00:00+09:00");
const PROGRAM = "oyama";

// ---------------------------------------------------------------------------------------
// The demo's issuer: programs, merchants, the product, the lottery winners' codes.

function freshState() {
  const wallet = new Wallet();
  wallet.addProgram({ id: "oyama", name: "おやまプレミアム商品券", paymentIdPrefix: "OEM2023030001" });
  wallet.addProgram({ id: "tennozu", name: "天王洲キャッシュ", paymentIdPrefix: "OEM2020000101" });
  wallet.addMerchant({
    id: "riverside", name: "天王洲飯店 リバーサイド店", size: "small",
    programs: ["oyama", "tennozu"], jpqrId: "0000000000001",
  });
  wallet.addMerchant({
    id: "mall", name: "おやまショッピングモール", size: "large", programs: ["oyama"], jpqrId: "0000000000002",
  });
  wallet.openLot({
    id: "T1", code: "N7af3c1d7AV9b2e4", managementNo: "d012104262000001", program: "tennozu",
    scope: "allStores", registeredAt: new Date("2021-04-27T20:09:26+09:00"), expiresOn: null,
    faceValue: 10000, balance: 10000,
  });
  const charges = new Charges();
  charges.addProgram({
    id: PROGRAM,
    name: "おやまプレミアム商品券",
    acceptedBrands: ["visa", "mastercard", "jcb"],
    product: {
      unitPrice: 10000,
      maxUnits: 4,
      breakdown: [{ scope: "smallStoresOnly", value: 8000 }, { scope: "allStores", value: 5000 }],
      methods: ["card", "konbini"],
      lotsExpireOn: "2026-12-31",
    },
  });
  charges.registerPurchaseCode("WIN2026A", PROGRAM, 2);
  charges.registerPurchaseCode("WIN2026B", PROGRAM, 1);
  return { wallet, charges };
}

// What the camera would read: the merchants' JPQR codes, written by saifu (the merchant's
// side), one with its amount (dynamic), one of a store the wallet does not know, and one
// damaged in transit.
function sampleCodes() {
  const riverside = buildMerchantQr(jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"));
  const mall = jpqrMerchantQr("0000000000002", "5311", "OYAMA MALL", "OYAMA");
  mall.initiation = "dynamic";
  mall.amount = "2000";
  const unknown = buildMerchantQr(jpqrMerchantQr("0000000000009", "5411", "SOMEWHERE", "TOKYO"));
  const last = riverside.at(-1);
  return [
    ["天王洲飯店 リバーサイド店", riverside],
    ["おやまショッピングモール（金額入り）", buildMerchantQr(mall)],
    ["登録のない店舗", unknown],
    ["破損したコード", riverside.slice(0, -1) + (last === "0" ? "1" : "0")],
  ];
}

// The payment provider, simulated: the numbers of a convenience-store slip, and the
// vouchers it issues when the cash is paid.
const SLIP_NUMBERS = {
  lawson: (n) => [{ field: "customerNumber", number: `26112300${pad(n, 2)}` }, { field: "confirmationNumber", number: "4821" }],
  ministop: (n) => [{ field: "customerNumber", number: `26112300${pad(n, 2)}` }, { field: "confirmationNumber", number: "4821" }],
  familyMart: (n) => [{ field: "companyCode", number: "12345" }, { field: "orderNumber", number: `2611230000${pad(n, 2)}` }],
  sevenEleven: (n) => [{ field: "paymentSlipNumber", number: `12345678900${pad(n, 2)}` }],
  seicomart: (n) => [{ field: "receiptNumber", number: `2611${pad(n, 4)}` }, { field: "phoneNumber", number: "09012345678" }],
};
const CHAINS = [
  ["lawson", "ローソン"],
  ["familyMart", "ファミリーマート"],
  ["sevenEleven", "セブン-イレブン"],
  ["ministop", "ミニストップ"],
  ["seicomart", "セイコーマート"],
];
function issuedLots(chargeId, count) {
  const n = Number(chargeId.slice(1));
  return Array.from({ length: count }, (_, i) => ({
    id: `${chargeId}-${i + 1}`,
    code: `Q${pad(n, 2)}${i + 1}mR7tK9p${i + 1}L2xW`, // masked: Q011****K9p1****
    managementNo: `d0231124${pad(n, 6)}${pad(i + 1, 2)}`,
  }));
}
const pad = (n, width) => String(n).padStart(width, "0");

// ---------------------------------------------------------------------------------------
// State: the user's document and the demo's clock, saved after every change.

let wallet;
let charges;
let clock;

function load() {
  const saved = localStorage.getItem(STORE);
  if (saved !== null) {
    try {
      const { state, now } = JSON.parse(saved);
      ({ wallet, charges } = userStateFromJson(state));
      clock = Number.isFinite(now) ? now : START;
      return null;
    } catch (e) {
      // A document saifu refuses (state.malformed, …): say so and start again.
      ({ wallet, charges } = freshState());
      clock = START;
      return `保存されたデータを読み込めませんでした: ${messageOf(e)}`;
    }
  }
  ({ wallet, charges } = freshState());
  clock = START;
  save();
  return null;
}

function save() {
  localStorage.setItem(STORE, JSON.stringify({ state: userStateToJson(wallet, charges), now: clock }));
}

/** The demo's time for the next action: a minute after the last one. */
function now() {
  clock += 60_000;
  return new Date(clock);
}

// ---------------------------------------------------------------------------------------
// Small helpers for building the page.

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
const yen = (minor, style = "voucher") => formatMoney({ minor, currency: "JPY" }, style);
const messageOf = (e) => (isSaifuError(e) ? e.messageJa : String(e));
// saifu/checkout answers "is it expired?" (`isCardExpired`) but has no error for it: core's
// `card.expired` is thrown by registration (CardsOnFile, the whole API). The form says it.
const EXPIRED = { messageJa: "カードの有効期限が切れています。" };
const errorBox = (e) =>
  e ? h("p", { class: "error", role: "alert", "data-code": isSaifuError(e) ? e.code : "" }, e === EXPIRED ? e.messageJa : messageOf(e)) : null;
const dl = (rows) => h("dl", {}, rows.filter(Boolean).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
const date = (ymd) => (ymd === null ? "なし" : ymd.replaceAll("-", "/"));
const SCOPES = { smallStoresOnly: "中小店舗専用", allStores: "全店共通" };
const HISTORY_KINDS = { charge: "チャージ", payment: "お支払い", refund: "返金", expiry: "有効期限切れ" };
const BRANDS = {
  visa: "Visa", mastercard: "Mastercard", jcb: "JCB", amex: "American Express",
  diners: "Diners Club", discover: "Discover", unionpay: "銀聯 (UnionPay)",
};
const jst = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
});

/** Runs a step; a SaifuError lands in `ui[key]` to be shown, anything else is a bug. */
function attempt(key, fn) {
  ui[key] = null;
  try {
    fn();
  } catch (e) {
    if (!isSaifuError(e)) throw e;
    ui[key] = e;
  }
  render();
}

// ---------------------------------------------------------------------------------------
// Screens. `ui` holds what is on screen between steps and is not saved: a scanned code, a
// quote not yet taken up, the card form.

const ui = {
  tab: "balance",
  payload: "",
  scanned: null, // { merchant, merchantName, codeName, codeCity, fixedAmount }
  amountText: "",
  payQuote: null,
  receipt: null,
  payError: null,
  code: "",
  units: "2",
  chain: "lawson",
  buyQuote: null,
  buyError: null,
  credited: null, // the lots the last paid notification put in the wallet
  card: { number: "", expiry: "", cvc: "", checked: null, error: null },
};

const screens = {
  balance() {
    const view = wallet.balance(new Date(clock));
    return [
      h("section", { class: "total" },
        h("h2", {}, "あなたの残高"),
        h("p", { class: "big", id: "total" }, view.displayTotal),
        h("table", { class: "split" },
          h("thead", {}, h("tr", {}, h("th", {}, "半年未満"), h("th", {}, "1年未満"), h("th", {}, "1年以上"))),
          h("tbody", {}, h("tr", { id: "split" }, [view.under6Months, view.under1Year, view.oneYearOrMore].map((v) => h("td", {}, yen(v))))))),
      h("section", {},
        h("h2", {}, "商品券ごとの残高"),
        h("ul", { class: "programs" }, view.programs.map((p) => h("li", {}, h("span", {}, p.name), h("strong", {}, yen(p.total)))))),
      h("section", {},
        h("h2", {}, "保有している商品券"),
        h("ol", { class: "lots", id: "lots" }, view.lots.map((lot) =>
          h("li", { class: lot.usable ? "lot" : "lot expired" },
            h("h3", {}, lot.title, lot.usable ? null : h("span", { class: "tag" }, "期限切れ")),
            h("p", { class: "balance" }, lot.displayBalance),
            dl([
              ["コード(ID)", lot.maskedCode],
              ["管理番号", lot.managementNo],
              ["有効期限", lot.displayExpiresOnJa],
              ["登録日", lot.displayRegisteredAt],
            ]))))),
    ];
  },

  history() {
    const entries = wallet.history();
    if (entries.length === 0) return [h("h2", {}, "ご利用履歴"), h("p", { class: "empty" }, "ご利用履歴はまだありません。")];
    return [
      h("h2", {}, "ご利用履歴"),
      h("ol", { class: "history", id: "history" }, entries.map((e) =>
        h("li", { class: `entry ${e.kind}` },
          h("p", { class: "title" }, h("span", { class: "kind" }, HISTORY_KINDS[e.kind]), " ", e.title),
          h("p", { class: "amount" }, e.displayAmount),
          dl([["利用日時", e.displayTime], ["ID", e.id]])))),
    ];
  },

  pay() {
    const out = [
      h("h2", {}, "QRコードで支払う"),
      h("p", { class: "hint" }, "お店のQRコードを読み取ります（デモではカメラの代わりにコードを貼り付けるか、サンプルを選んでください）。"),
      h("div", { class: "samples" }, sampleCodes().map(([label, payload]) =>
        h("button", { type: "button", class: "sample", onclick: () => { ui.payload = payload; scan(); } }, label))),
      h("label", {}, "QRコードの内容",
        h("textarea", { id: "qr", rows: 3, spellcheck: "false", oninput: (ev) => { ui.payload = ev.target.value; } }, ui.payload)),
      h("button", { type: "button", id: "scan", onclick: scan }, "読み取る"),
    ];
    const s = ui.scanned;
    if (s) {
      out.push(h("section", { class: "card-box", id: "merchant" },
        h("h3", {}, s.merchantName),
        h("p", { class: "sub" }, `${s.codeName} / ${s.codeCity}`),
        s.fixedAmount !== null
          ? dl([["お支払金額（QRコードに記載）", yen(s.fixedAmount, "suffix")]])
          : h("label", {}, "お支払金額（円）",
            h("input", {
              id: "amount", inputmode: "numeric", value: ui.amountText,
              oninput: (ev) => { ui.amountText = ev.target.value; dropQuote(); },
            })),
        h("button", { type: "button", id: "confirm-pay", onclick: quotePayment }, "お支払確認")));
    }
    if (ui.payQuote) {
      const q = ui.payQuote;
      const lots = lotTitles();
      out.push(h("section", { class: "card-box", id: "pay-confirm" },
        h("h3", {}, "お支払確認"),
        dl([
          ["お店", s.merchantName],
          ["お支払金額", yen(q.amount, "suffix")],
          ["ご利用可能額", yen(q.available, "suffix")],
        ]),
        h("p", {}, "使われる商品券"),
        h("ul", { class: "allocations" }, q.allocations.map((a) => h("li", {}, `${lots[a.lot] ?? a.lot}: ${yen(a.amount)}`))),
        h("button", { type: "button", id: "do-pay", class: "primary", onclick: pay }, "支払う")));
    }
    out.push(errorBox(ui.payError));
    if (ui.receipt) {
      const r = ui.receipt;
      const entry = wallet.history().find((e) => e.id === r.paymentId);
      out.push(h("section", { class: "card-box done", id: "receipt" },
        h("h3", {}, "お支払いが完了しました"),
        dl([
          ["お店", r.merchantName],
          ["決済金額", yen(r.amount)],
          ["利用日時", entry ? entry.displayTime : r.at],
          ["決済ID", r.paymentId],
          ["あなたの残高", yen(r.balanceAfter)],
        ])));
    }
    return out;
  },

  buy() {
    const pending = pendingPurchase();
    const out = [h("h2", {}, "プレミアム付商品券の購入")];
    if (ui.credited) {
      out.push(h("section", { class: "card-box done", id: "credited" },
        h("h3", {}, "入金が確認され、商品券がウォレットに追加されました"),
        h("ul", {}, ui.credited.map((l) => h("li", {}, `${l.title} ${l.maskedCode}: ${l.displayBalance}（有効期限 ${l.displayExpiresOnJa}）`)))));
    }
    if (pending) {
      out.push(purchaseSteps(pending), errorBox(ui.buyError));
      return out;
    }
    out.push(
      h("p", { class: "hint" }, "当選通知に記載の購入コードを入力してください（デモ用: WIN2026A は2口まで、WIN2026B は1口）。"),
      h("label", {}, "購入コード",
        h("input", { id: "code", autocomplete: "off", value: ui.code, oninput: (ev) => { ui.code = ev.target.value; } })),
      h("label", {}, "口数",
        h("select", { id: "units", onchange: (ev) => { ui.units = ev.target.value; ui.buyQuote = null; render(); } },
          ["1", "2", "3", "4"].map((n) => h("option", { value: n, selected: n === ui.units }, `${n}口`)))),
      h("label", {}, "お支払い方法（コンビニ）",
        h("select", { id: "chain", onchange: (ev) => { ui.chain = ev.target.value; ui.buyQuote = null; render(); } },
          CHAINS.map(([id, name]) => h("option", { value: id, selected: id === ui.chain }, name)))),
      h("button", { type: "button", id: "quote", onclick: quotePurchase }, "チャージ額確認"),
    );
    if (ui.buyQuote) {
      const q = ui.buyQuote;
      out.push(h("section", { class: "card-box", id: "buy-quote" },
        h("h3", {}, `チャージ額確認（${q.units}口）`),
        dl([
          ...q.lines.map((l) => [SCOPES[l.scope], yen(l.value)]),
          ["お支払金額", yen(q.total, "suffix")],
          ["有効期限", date(q.lotsExpireOn)],
        ]),
        h("button", { type: "button", id: "apply", class: "primary", onclick: startPurchase }, "申し込む")));
    }
    out.push(errorBox(ui.buyError));
    return out;
  },

  card() {
    const c = ui.card;
    let detected = { brand: null, potentiallyValid: true, complete: false, maxLength: 19 };
    let masked = "";
    let numberError = null;
    try {
      detected = detectCard(c.number);
      if (detected.complete) {
        const card = parseCard(c.number);
        masked = card.masked();
        card.free();
      } else if (!detected.potentiallyValid) {
        parseCard(c.number); // throws saifu's reason
      }
    } catch (e) {
      if (!isSaifuError(e)) throw e;
      numberError = e;
    }
    return [
      h("h2", {}, "クレジットカードの登録"),
      h("p", { class: "hint" }, "カード情報はこの画面で確認するだけで、保存されません（saifu/checkout のみを使用）。"),
      h("label", {}, "カード番号",
        h("input", {
          id: "card-number", inputmode: "numeric", autocomplete: "cc-number", value: c.number,
          oninput: (ev) => { c.number = ev.target.value; c.checked = null; c.error = null; refreshCard(ev.target); },
        })),
      h("p", { class: "detected", id: "card-live" },
        h("span", { class: "brand", id: "card-brand" }, detected.brand ? BRANDS[detected.brand] : "ブランド: —"),
        h("span", { class: "mask", id: "card-mask" },
          masked || (c.number.trim() && detected.potentiallyValid ? `入力中（最大${detected.maxLength}桁）` : ""))),
      errorBox(numberError),
      h("div", { class: "row" },
        h("label", {}, "有効期限（MM/YY）",
          h("input", { id: "card-expiry", autocomplete: "cc-exp", value: c.expiry, oninput: (ev) => { c.expiry = ev.target.value; } })),
        h("label", {}, "セキュリティコード",
          h("input", { id: "card-cvc", inputmode: "numeric", autocomplete: "cc-csc", type: "password", value: c.cvc, oninput: (ev) => { c.cvc = ev.target.value; } }))),
      h("button", { type: "button", id: "card-check", onclick: checkCard }, "確認する"),
      errorBox(c.error),
      c.checked && h("section", { class: "card-box done", id: "card-checked" },
        h("h3", {}, "ご登録内容の確認"),
        dl([["ブランド", BRANDS[c.checked.brand]], ["カード番号", c.checked.masked], ["有効期限", c.checked.expiry], ["セキュリティコード", c.checked.cvc]])),
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Paying by a merchant's code: parse it, find the store in the wallet, quote, pay.

function scan() {
  ui.scanned = null;
  ui.payQuote = null;
  ui.receipt = null;
  ui.amountText = "";
  attempt("payError", () => {
    // The field stands in for the camera, which gives the payload exactly: what a paste
    // adds around it (a newline) is the field's, and saifu reads a payload as given.
    const payload = ui.payload.trim();
    const qr = parseMerchantQr(payload);
    const flow = MerchantQrPayment.scan(wallet, payload); // finds the store by its JPQR id
    try {
      const amount = merchantQrAmount(qr);
      ui.scanned = {
        merchant: flow.merchant,
        merchantName: flow.merchantName,
        codeName: qr.merchantName,
        codeCity: qr.merchantCity,
        fixedAmount: amount === null ? null : amount.minor,
      };
    } finally {
      flow.free();
    }
  });
}

/** A changed amount takes the quote (and its 支払う button) away until confirmed again. */
function dropQuote() {
  if (ui.payQuote === null) return;
  ui.payQuote = null;
  document.getElementById("pay-confirm")?.remove();
}

function amountToPay() {
  return ui.scanned.fixedAmount ?? parseMoney(ui.amountText).minor;
}

function quotePayment() {
  ui.payQuote = null;
  attempt("payError", () => {
    ui.payQuote = wallet.quote(ui.scanned.merchant, amountToPay(), new Date(clock));
  });
}

function pay() {
  attempt("payError", () => {
    // The amount of the quote on screen: what the person confirmed.
    ui.receipt = wallet.pay(ui.scanned.merchant, ui.payQuote.amount, now());
    ui.scanned = null;
    ui.payQuote = null;
    save();
  });
}

/** Lot id → "title maskedCode", for the allocations of a quote. */
function lotTitles() {
  return Object.fromEntries(wallet.balance(new Date(clock)).lots.map((l) => [l.lot, `${l.title} ${l.maskedCode}`]));
}

// ---------------------------------------------------------------------------------------
// Buying with a purchase code: チャージ額確認, 申し込む (start), 確認 (confirm), 支払う (pay:
// the provider's slip), then the provider's paid notification credits the wallet.

/** The purchase under way, from the saved charges: the latest not yet ended. */
function pendingPurchase() {
  return charges.charges().filter((c) => c.purchaseCode !== null && ["draft", "confirming", "awaitingPayment"].includes(c.state)).at(-1) ?? null;
}

function method() {
  return { kind: "konbini", chain: ui.chain };
}

function quotePurchase() {
  ui.buyQuote = null;
  ui.credited = null;
  attempt("buyError", () => {
    ui.buyQuote = charges.quote(PROGRAM, Number(ui.units), method());
  });
}

function startPurchase() {
  attempt("buyError", () => {
    // The units and method of the quote on screen (changing either takes the quote away).
    charges.startPurchase(`p${charges.charges().length + 1}`, PROGRAM, ui.code, ui.buyQuote.units, method(), now());
    ui.buyQuote = null;
    ui.code = "";
    save();
  });
}

function purchaseSteps(c) {
  const chain = CHAINS.find(([id]) => id === c.method.chain)?.[1] ?? c.method.chain;
  const summary = dl([
    ["購入コード", c.purchaseCode],
    ["口数", `${c.units}口`],
    ["お支払金額", yen(c.amount, "suffix")],
    ["お支払い方法", chain],
  ]);
  const cancel = h("button", { type: "button", id: "cancel", class: "link", onclick: () => step((id, at) => charges.cancel(id, at)) }, "申し込みを取り消す");
  if (c.state === "draft") {
    return h("section", { class: "card-box", id: "purchase" },
      h("h3", {}, "お申し込み内容の確認"), summary,
      h("button", { type: "button", id: "confirm-buy", class: "primary", onclick: () => step((id, at) => charges.confirm(id, at)) }, "確認する"),
      cancel);
  }
  if (c.state === "confirming") {
    return h("section", { class: "card-box", id: "purchase" },
      h("h3", {}, "お支払い"), summary,
      h("button", { type: "button", id: "pay-buy", class: "primary", onclick: payPurchase }, `${chain}で支払う`),
      cancel);
  }
  const slip = charges.slip(c.id);
  const how = slip.instructions("ja");
  slip.free();
  return h("section", { class: "card-box", id: "purchase" },
    h("h3", {}, "お申し込みが完了しました"),
    h("div", { class: "slip", id: "slip" },
      h("h4", {}, how.title),
      dl([...how.numbers.map((n) => [n.label, n.value]), [how.amount.label, how.amount.value], [how.deadline.label, how.deadline.value]]),
      h("ol", {}, how.steps.map((s) => h("li", {}, s))),
      how.notes.map((n) => h("p", { class: "note" }, n))),
    h("p", { class: "hint" }, "デモ: 店頭でのお支払いの後に事業者から届く入金通知を再現します。"),
    h("button", { type: "button", id: "notify-paid", class: "primary", onclick: () => notifyPaid(c) }, "入金通知を受け取る"),
    cancel);
}

/** Applies a charge command (`confirm`, `cancel`) to the pending purchase and saves. */
function step(command) {
  const c = pendingPurchase();
  attempt("buyError", () => {
    command(c.id, now());
    save();
  });
}

function payPurchase() {
  const c = pendingPurchase();
  attempt("buyError", () => {
    const at = now();
    charges.pay(c.id, at);
    // The provider answers the application with the slip's numbers.
    charges.issueSlip(c.id, SLIP_NUMBERS[c.method.chain](Number(c.id.slice(1))), at).free();
    save();
  });
}

function notifyPaid(c) {
  attempt("buyError", () => {
    // The provider issues one voucher per lot the purchase creates: one per scope.
    const count = charges.quote(c.program, c.units).lines.length;
    const issued = issuedLots(c.id, count);
    charges.notifyInto(wallet, c.id, "paid", issued, now());
    const ids = new Set(issued.map((l) => l.id));
    ui.credited = wallet.balance(new Date(clock)).lots.filter((l) => ids.has(l.lot));
    save();
  });
}

// ---------------------------------------------------------------------------------------
// The card form: saifu/checkout only. The brand and mask follow every keystroke; the
// fields are checked together on 確認する. Nothing of it is saved.

function refreshCard(input) {
  // Re-render the screen but keep the caret in the number field.
  const at = input.selectionStart;
  render();
  const again = document.getElementById("card-number");
  again.focus();
  again.setSelectionRange(at, at);
}

function checkCard() {
  const c = ui.card;
  c.checked = null;
  c.error = null;
  try {
    const card = parseCard(c.number);
    try {
      const expiry = parseCardExpiry(c.expiry);
      if (isCardExpired(expiry, new Date(clock))) {
        c.error = EXPIRED;
      } else {
        const cvc = parseSecurityCode(c.cvc, card.brand);
        c.checked = {
          brand: card.brand,
          masked: card.masked(),
          expiry: `${pad(expiry.month, 2)}/${String(expiry.year).slice(2)}`,
          cvc: cvc.masked(),
        };
        cvc.free();
      }
    } finally {
      card.free();
    }
  } catch (e) {
    if (!isSaifuError(e)) throw e;
    c.error = e;
  }
  render();
}

// ---------------------------------------------------------------------------------------

function render() {
  document.getElementById("clock").textContent = `${jst.format(new Date(clock))} (JST)`;
  for (const b of document.querySelectorAll("#tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === ui.tab));
  const main = document.getElementById("screen");
  main.dataset.screen = ui.tab;
  main.replaceChildren(...screens[ui.tab]().flat().filter(Boolean));
}

const problem = load();
document.getElementById("version").textContent = saifuVersion();
if (problem) {
  const notice = document.getElementById("notice");
  notice.textContent = problem;
  notice.hidden = false;
}
for (const b of document.querySelectorAll("#tabs button")) {
  b.addEventListener("click", () => {
    ui.tab = b.dataset.tab;
    render();
  });
}
document.getElementById("reset").addEventListener("click", () => {
  localStorage.removeItem(STORE);
  location.reload();
});
render();
document.body.dataset.ready = "true";
