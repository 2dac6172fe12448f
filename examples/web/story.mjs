// A tour of saifu from JavaScript, as data: the same steps as core/examples/tour.rs (what
// people type, money, codes, then the seed-003 wallet story), a charge story (seed 000), and
// a card on file with a payment slip (seeds 002, 000). `tour(saifu)` takes the
// loaded module (pkg-web after `init()`, or pkg-node) and returns sections of
// [label, value] lines; index.html renders them, examples/node/tour.cjs prints them, and
// the browser test checks them. Every failure shown is a SaifuError: code, English and
// Japanese message.

const t = (s) => new Date(s);

/** Runs `fn`; a SaifuError becomes "code — message / messageJa". */
function attempt(saifu, fn) {
  try {
    return String(fn());
  } catch (e) {
    if (!saifu.isSaifuError(e)) throw e;
    return `${e.code} — ${e.message} / ${e.messageJa}`;
  }
}

const allocations = (list) => list.map((a) => `${a.lot} ${a.amount}`).join(", ");

export function tour(saifu) {
  const sections = [];
  const section = (title) => {
    const lines = [];
    sections.push({ title, lines });
    return (label, value) => lines.push([label, String(value)]);
  };
  const yen = (minor) => saifu.formatMoney({ minor, currency: "JPY" }, "voucher");

  // 1. What people type: IME digits, dashes and spaces.
  let line = section("1. What people type: IME digits, dashes and spaces");
  const typed = "４２４２　４２４２ー４２４２ ４２４２";
  const card = saifu.parseCard(typed);
  line("typed", typed);
  line("brand / display / masked", `${card.brand} / ${card.display()} / ${card.masked()}`);
  line("PCI view (first 6, last 4)", card.first6Last4());
  line("JSON.stringify(card) never shows the digits", JSON.stringify(card));
  for (const partial of ["", "3", "35", "3528", "37828224631000", "378282246310006"]) {
    const d = saifu.detectCard(partial);
    line(`as you type "${partial}"`, `brand ${d.brand ?? "-"}, potentially valid ${d.potentiallyValid}, complete ${d.complete}`);
  }
  for (const bad of ["", "4242x42424242424", "9999999999999995", "424242424242", "4242424242424241"]) {
    line(`card "${bad}"`, attempt(saifu, () => saifu.parseCard(bad).masked()));
  }
  const expiry = saifu.parseCardExpiry("１２／２６");
  line("expiry １２／２６", `${expiry.month}/${expiry.year}, expired from ${expiry.expiresAt}`);
  line("expired at 2026-12-31T15:00Z (new year in Tokyo)?", saifu.isCardExpired(expiry, t("2026-12-31T15:00:00Z")));
  const cvc = saifu.parseSecurityCode("１２３", card.brand);
  line("security code shown as", cvc.masked());
  cvc.free();
  card.free();

  // 2. Money: exact, checked, written as the screens write it.
  line = section("2. Money: exact, checked, written as the screens write it");
  for (const text of ["10000", "¥10,000", "１０，０００円", " 5,000 円 ", "0"]) {
    const m = saifu.parseMoney(text);
    const styles = ["symbol", "suffix", "voucher"].map((s) => saifu.formatMoney(m, s)).join("  ");
    line(`"${text}"`, `${m.minor}  ${styles}`);
  }
  for (const bad of ["", "abc", "-5", "1.5", "1,0000", "9007199254740992"]) {
    line(`money "${bad}"`, attempt(saifu, () => saifu.parseMoney(bad).minor));
  }
  const premium = saifu.applyRate({ minor: 10000, currency: "JPY" }, "0.3", "toZero");
  line("a 30 % premium on ¥10,000, 切り捨て", saifu.formatMoney(premium, "symbol"));
  line("USD 10.50 in cents", saifu.parseMoney("10.50", "USD").minor);
  line("a wallet amount of 1.5", attempt(saifu, () => new saifu.Wallet().pay("m", 1.5, new Date())));

  // 3. Codes, numbers and passwords.
  line = section("3. Codes, numbers and passwords");
  line("voucher code N7af3c1d7AV9b2e4", saifu.maskVoucherCode("N7af3c1d7AV9b2e4"));
  line("Smart Pit", saifu.parseSmartPit("１２３４ ５６７８ ９０１２３").display);
  for (const pw of ["abc12345", "abc 12345", "abc1234", "abcdefgh", "12345678"]) {
    line(`password "${pw}"`, attempt(saifu, () => (saifu.checkPassword(pw), "ok")));
  }

  // 4. The seed-003 wallet: a city's premium vouchers.
  line = section("4. The seed-003 wallet: a city's premium vouchers");
  const wallet = new saifu.Wallet();
  wallet.addProgram({ id: "oyama", name: "小山市共通商品券", paymentIdPrefix: "OEM2023030001" });
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
    scope: "allStores", registeredAt: t("2021-04-27T20:09:26+09:00"), expiresOn: null,
    faceValue: 10000, balance: 10000,
  });
  line("opening balance", "天王洲キャッシュ 10,000円分 (no expiry)");
  const bought = t("2026-04-01T10:00:00+09:00");
  const unit = (id, code, scope, value) => ({
    id, code, managementNo: `d0230401${code.slice(0, 8)}`, program: "oyama", scope,
    registeredAt: bought, expiresOn: "2026-12-31", faceValue: value, balance: value,
  });
  wallet.charge("CH-20260401-1", "oyama", bought, [
    unit("A", "AAAA1111aaaa2222", "smallStoresOnly", 8000),
    unit("B", "BBBB3333bbbb4444", "allStores", 5000),
  ]);
  line("bought 1口 for ¥10,000", "中小店舗限定 8,000円分 + 全店共通 5,000円分, valid through 2026-12-31");
  const byDefault = wallet.quote("riverside", 9500, t("2026-05-01T12:00:00+09:00"));
  line("the seed's order would spend", allocations(byDefault.allocations));
  wallet.setPolicy({ spending: "restrictedFirst", expiredRefund: "reject" });
  line("policy", "restricted-first keeps the all-stores value for large stores");

  // 5. Paying by scanning the merchant's JPQR code (B).
  line = section("5. Paying by scanning the merchant's JPQR code (B)");
  const payload = saifu.buildMerchantQr(saifu.jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"));
  line("merchant's code", payload);
  const flow = saifu.MerchantQrPayment.scan(wallet, payload);
  line("scanned", `${flow.merchantName} (${flow.state.kind})`);
  flow.enterAmount(9500);
  const quote = flow.confirm(wallet, t("2026-05-01T12:00:00+09:00"));
  line("お支払確認", `${yen(quote.amount)} from ${allocations(quote.allocations)}`);
  const receipt = flow.pay(wallet, t("2026-05-01T12:00:10+09:00"));
  line("payment id", receipt.paymentId);
  line("お支払 done: balance after", yen(receipt.balanceAfter));
  flow.free();

  // 6. Paying by showing a one-time code (A).
  line = section("6. Paying by showing a one-time code (A)");
  const shown = new saifu.CustomerQrPayment("TOKEN-3f9a", t("2026-05-02T18:00:00+09:00"), 300);
  shown.merchantRequest("TOKEN-3f9a", "mall", 2000, t("2026-05-02T18:01:00+09:00"));
  const second = shown.complete(wallet, t("2026-05-02T18:01:02+09:00"));
  line("the large mall takes no small-stores-only value", `paid ${yen(second.amount)} from ${allocations(second.allocations)}`);
  line("cancel after completion", attempt(saifu, () => shown.cancel()));
  shown.free();
  line("pay ¥5,000 at the mall", attempt(saifu, () => wallet.pay("mall", 5000, t("2026-05-02T18:05:00+09:00"))));

  // 7. A partial refund goes back in reverse order of consumption.
  line = section("7. A partial refund goes back in reverse order of consumption");
  const refund = wallet.refund(receipt.paymentId, 4000, t("2026-05-03T11:22:33.456+09:00"));
  line("refund id", refund.refundId);
  line("restored", allocations(refund.restored));
  line("still refundable", yen(refund.refundableAfter));

  // 8. Expiry: usable through 2026-12-31 23:59:59.999 JST.
  line = section("8. Expiry: usable through 2026-12-31 23:59:59.999 JST");
  for (const f of wallet.expire(t("2027-01-01T00:00:00+09:00"))) line("expired", `${f.lot} ${yen(f.amount)}`);

  // 9. 残高詳細 (balance view) on 2027-01-02.
  line = section("9. 残高詳細 (balance view) on 2027-01-02");
  const view = wallet.balance(t("2027-01-02T09:00:00+09:00"));
  line("あなたの残高", view.displayTotal);
  line("半年未満 / 1年未満 / 1年以上", [view.under6Months, view.under1Year, view.oneYearOrMore].map(yen).join(" / "));
  view.lots.forEach((lot, i) => {
    line(`${i + 1}. ${lot.title}${lot.usable ? "" : " [期限切れ]"}`,
      `コード(ID) ${lot.maskedCode}  管理番号 ${lot.managementNo}  有効期限 ${lot.displayExpiresOnJa}  登録日 ${lot.displayRegisteredAt}  ${lot.displayBalance}`);
  });

  // 10. ご利用履歴 (history), newest first.
  line = section("10. ご利用履歴 (history), newest first");
  wallet.history().forEach((e, i) => {
    line(`${i + 1}. ${e.title} [${e.kind}]`, `ID ${e.id}  利用日時 ${e.displayTime}  決済金額 ${e.displayAmount}`);
  });

  // 11. State is plain, versioned JSON.
  line = section("11. State is plain, versioned JSON");
  const json = wallet.toJson();
  const reloaded = saifu.Wallet.fromJson(json);
  line(`${json.length} characters of JSON; reloads equal`, reloaded.toJson() === json);
  line("load a damaged file", attempt(saifu, () => saifu.Wallet.fromJson(json.replace('"version":1', '"version":9'))));
  reloaded.free();
  wallet.free();

  // 12. Charging: card with 3-D Secure, then cash at a convenience store (seed 000).
  line = section("12. Charging: a card without 3-D Secure, then cash at a convenience store");
  const at = (hhmm, day = "23") => t(`2026-11-${day}T${hhmm}+09:00`);
  const charges = new saifu.Charges();
  charges.addProgram({ id: "minato", name: "電子スマイル商品券", acceptedBrands: ["visa", "mastercard", "jcb", "amex"] });
  line("may a charge start?", JSON.stringify(charges.canStart(at("10:00"))));
  const started = charges.start("c1", "minato", { kind: "card", brand: "visa" }, { amount: 3000 }, at("10:00"));
  line("card charge of ¥3,000", `${started.state}, ${yen(started.amount)}`);
  line("確認 → 支払う", `${charges.confirm("c1", at("10:00:10"))} → ${charges.pay("c1", at("10:00:20"))}`);
  line("3-D Secure: card not enrolled", charges.notify("c1", "threeDsNotEnrolled", at("10:01")).state);
  line("new charge at 10:15", attempt(saifu, () =>
    charges.start("c2", "minato", { kind: "konbini", chain: "lawson" }, { amount: 5000 }, at("10:15")).state));
  const guard = charges.canStart(at("10:30:59"));
  line("the guard at 10:30:59 (no throw)", `${guard.reason} until ${guard.until}`);
  line("the guard at 10:31", JSON.stringify(charges.canStart(at("10:31"))));
  charges.start("k1", "minato", { kind: "konbini", chain: "lawson" }, { amount: 5000 }, at("10:31"));
  charges.confirm("k1", at("10:31:10"));
  line("ローソン ¥5,000, 申し込み完了", `${charges.pay("k1", at("10:31:20"))}, expires at ${charges.charge("k1").until}`);
  line("another charge meanwhile", charges.canStart(at("12:00")).messageJa);
  const paid = charges.notify("k1", "paid", at("09:00", "24"));
  const again = charges.notify("k1", "paid", at("09:00:30", "24"));
  line("paid; the same notice again", `${paid.state} (applied ${paid.applied}); ${again.state} (applied ${again.applied})`);
  const lots = charges.chargedLots();
  line("value to register", lots.map((l) => `${l.scope} ${yen(l.value)}`).join(", "));
  const topped = new saifu.Wallet();
  topped.addProgram({ id: "minato", name: "電子スマイル商品券", paymentIdPrefix: "MS" });
  topped.charge("k1", "minato", new Date(lots[0].at), lots.map((l, i) => ({
    id: `k1-${i + 1}`, code: `MNTO${String(l.value).padStart(8, "0")}abc${i + 1}`, managementNo: `m-k1-${i + 1}`,
    program: l.program, scope: l.scope, registeredAt: new Date(l.at), expiresOn: null, faceValue: l.value, balance: l.value,
  })));
  line("in the wallet: あなたの残高", topped.balance(at("09:01", "24")).displayTotal);
  topped.free();
  charges.free();

  // 13. A card on file (seed 002) and a convenience-store slip (seed 000).
  line = section("13. A card on file, the billing month, a payment slip");
  const key = new Uint8Array(32).map((_, i) => i);
  const policy = new saifu.CardPolicy(key, ["jcb", "visa", "mastercard", "amex", "diners"], ["400005", "353011"], ["353011"]);
  const cards = new saifu.CardsOnFile();
  const visa = { number: "４２４２ ４２４２ ４２４２ ４２４２", expiry: { month: "12", year: "28" }, securityCode: "１２３" };
  const registered = cards.register(policy, visa, t("2026-03-10T12:00:00+09:00"));
  line("登録 (confirmation)", `${registered.maskedNumber}  ${registered.expiry}  ${registered.maskedSecurityCode}`);
  line("kept", `${registered.card.brand} …${registered.card.last4}, fingerprint ${registered.card.fingerprint.slice(0, 16)}…`);
  line("the same card again", attempt(saifu, () =>
    cards.register(policy, { number: "4242-4242-4242-4242", expiry: "12/28", securityCode: "123" }, t("2026-03-15T09:00:00+09:00"))));
  cards.register(policy, { number: "5555 5555 5555 4444", expiry: "01/30", securityCode: "321" }, t("2026-04-02T09:00:00+09:00"));
  for (const month of ["2026-02", "2026-03", "2026-04"]) {
    const card = cards.billingCard(month);
    line(`usage of ${month} is billed to`, card === null ? "no card" : `…${card.last4}`);
  }
  const saved = cards.toJson();
  const reloadedCards = saifu.CardsOnFile.fromJson(saved);
  line("saved as JSON, reloaded", `${reloadedCards.registrations().length} registrations, current …${reloadedCards.current().last4}`);
  [reloadedCards, cards, policy].forEach((o) => o.free());
  const slip = new saifu.PaymentSlip("sevenEleven", [{ field: "paymentSlipNumber", number: "1234-5678-9012-3" }],
    t("2026-11-26T00:00:00+09:00"), 5000);
  const how = slip.instructions("ja");
  line(how.title, how.numbers.map((n) => `${n.label} ${n.value}`).join("  "));
  line(how.deadline.label, how.deadline.value);
  how.steps.forEach((step, i) => line(`${i + 1}.`, step));
  slip.free();
  const bill = { number: "1234567890123", merchant: "電力会社", amount: 5400, dueOn: "2026-12-10" };
  line("Smart Pit sheet at Circle K", attempt(saifu, () =>
    saifu.canPaySmartPit("1234567890123", { kind: "sheet", expiresOn: "2026-12-31" }, [bill], "circleK", false, "cash", t("2026-11-23T10:00:00+09:00"))));

  return sections;
}
