// A typed use of the whole API, in both packages: `tsc --noEmit` (strict) fails if an
// export, its types or the error guard regress. Never run, only type-checked.
import * as node from "../../pkg-node/saifu_wasm.js";
import init, {
  userStateFromJson,
  userStateToJson,
  type IssuedLot,
  type UserState,
  applyRate,
  buildMerchantQr,
  canPaySmartPit,
  CardNumber,
  CardPolicy,
  CardsOnFile,
  Charges,
  checkPassword,
  checkPhoneLast4,
  CustomerQrPayment,
  detectCard,
  formatMoney,
  isCardExpired,
  isSaifuError,
  checkJcoinCredentials,
  jpqrMerchantId,
  jpqrMerchantQr,
  maskVoucherCode,
  merchantQrAmount,
  MerchantQrPayment,
  OneTimePassword,
  parseCard,
  checkCard,
  parseCardExpiry,
  parseMerchantQr,
  parseMoney,
  parsePaymentNumber,
  parseSecurityCode,
  parseSmartPit,
  PaymentSlip,
  Pin,
  saifuVersion,
  SecurityCode,
  SignIn,
  validateSignup,
  Wallet,
  type BalanceView,
  type Brand,
  type Profile,
  type ProfileField,
  type SealedOtpParts,
  type SignInConfig,
  type SignInParts,
  type SignInState,
  type SignInStatus,
  type SignUpAccepted,
  type SignUpForm,
  type CardConfirmation,
  type CardDetection,
  type CardEntry,
  type CardPolicySummary,
  type CardExpiry,
  type Charge,
  type ChargedLot,
  type ChargeEvent,
  type ChargeGuard,
  type ChargeMethod,
  type ChargeMethodKind,
  type JCoinChecked,
  type JCoinEntry,
  type ChargeOrder,
  type Program,
  type ChargeState,
  type CustomerQrState,
  type DigitRule,
  type ExpiryInput,
  type ExpiredRefundPolicy,
  type Forfeiture,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryKind,
  type KonbiniChain,
  type Lang,
  type Lot,
  type LotBalance,
  type Merchant,
  type MerchantQr,
  type MerchantQrState,
  type Money,
  type MoneyStyle,
  type NewLot,
  type Notified,
  type OneTimePasswordSummary,
  type Payment,
  type PaymentField,
  type PaymentNumber,
  type PaymentSlipSummary,
  type PinSummary,
  type Product,
  type ProductLine,
  type PurchaseCodeStatus,
  type PurchaseQuote,
  type RegisteredPurchaseCode,
  type Quote,
  type Receipt,
  type RegisteredCard,
  type RefundReceipt,
  type RestoreOutcome,
  type Rounding,
  type SaifuError,
  type Scope,
  type SlipInstructions,
  type SlipKind,
  type SlipLine,
  type SlipNumber,
  type SmartPitBill,
  type SmartPitMedium,
  type SmartPitNumber,
  type SmartPitPayable,
  type SmartPitStore,
  type Tender,
  type WalletPolicy,
} from "../../pkg-web/saifu_wasm.js";

/** What a caught value says, typed: the guard narrows `unknown` to `SaifuError`. */
export function describeError(e: unknown): string {
  if (isSaifuError(e)) {
    const err: SaifuError = e;
    const code: string = err.code;
    const ja: string = err.messageJa;
    const details: Readonly<Record<string, string | number>> = err.details;
    const available: string | number | undefined = details["available"];
    const asError: Error = err;
    return `${code} ${ja} ${String(available)} ${asError.message}`;
  }
  return String(e);
}

export function formats(): string[] {
  const out: string[] = [saifuVersion(), node.saifuVersion()];
  const money: Money = parseMoney("１０，０００円");
  const usd: Money = parseMoney("10.50", "USD");
  const style: MoneyStyle = "voucher";
  const rounding: Rounding = "midpointAwayFromZero";
  out.push(formatMoney(money, style), formatMoney(usd, "symbol"));
  const premium: Money = applyRate(money, "0.3", rounding);
  const minor: number = premium.minor;
  out.push(String(minor));

  const card: CardNumber = parseCard("4242 4242 4242 4242");
  const checked: Brand = checkCard("4242 4242 4242 4242");
  const brand: Brand = card.brand;
  const length: number = card.length;
  out.push(brand, String(length), card.digits(), card.display(), card.masked(), card.last4(), card.first6Last4());
  out.push(JSON.stringify(card.toJSON()), card.toString());
  card.free();
  {
    using scoped = parseCard("4242424242424242");
    out.push(scoped.masked());
  }

  const detection: CardDetection = detectCard("3528");
  const detected: Brand | null = detection.brand;
  const potentiallyValid: boolean = detection.potentiallyValid;
  out.push(String(detected), String(potentiallyValid), String(detection.complete), String(detection.maxLength));

  const expiry: CardExpiry = parseCardExpiry("12/26");
  const expired: boolean = isCardExpired(expiry, new Date());
  const byHand: boolean = isCardExpired({ month: 1, year: 2030 }, new Date());
  out.push(expiry.expiresAt, String(expired), String(byHand));

  const cvc: SecurityCode = parseSecurityCode("123", "visa");
  out.push(cvc.masked(), cvc.digits(), cvc.toJSON());
  cvc.free();

  out.push(maskVoucherCode("N7af3c1d7AV9b2e4"));
  const pit: SmartPitNumber = parseSmartPit("1234567890123");
  out.push(pit.digits, pit.display);
  const nothing: void = checkPassword("abc12345");
  out.push(String(nothing));

  const qr: MerchantQr = jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA");
  const payload: string = buildMerchantQr({ ...qr, initiation: "dynamic", amount: "1000" });
  const parsed: MerchantQr = parseMerchantQr(payload);
  const amount: Money | null = merchantQrAmount(parsed);
  const id: string | null = jpqrMerchantId(parsed);
  const first = parsed.accounts[0];
  if (first !== undefined && typeof first.value !== "string") {
    out.push(...first.value.map((f) => `${f.tag}:${f.value}`));
  }
  out.push(payload, String(amount?.minor), String(id), String(parsed.alternateLanguage?.merchantCity));
  return out;
}

export function walletStory(): string[] {
  const out: string[] = [];
  const wallet = new Wallet();
  wallet.setEventLog(true);
  wallet.addProgram({ id: "oyama", name: "小山市共通商品券", paymentIdPrefix: "OEM2023030001" });
  const small: Merchant = { id: "riverside", name: "天王洲飯店", size: "small", programs: ["oyama"], jpqrId: "0000000000001" };
  wallet.addMerchant(small);
  wallet.addMerchant({ id: "mall", name: "モール", size: "large", programs: ["oyama"] });
  const reissue: ExpiredRefundPolicy = { reissueDays: 30 };
  const policy: WalletPolicy = { spending: "restrictedFirst", expiredRefund: reissue };
  wallet.setPolicy(policy);
  wallet.setPolicy({ spending: "expiryThenBalance", expiredRefund: "forfeit" });
  const current: WalletPolicy = wallet.policy;
  wallet.setNextPaymentSerial(2);
  const serial: number = wallet.nextPaymentSerial;
  const scope: Scope = "smallStoresOnly";
  const lot: NewLot = {
    id: "A",
    code: "AAAA1111aaaa2222",
    managementNo: "d0230401AAAA1111",
    program: "oyama",
    scope,
    registeredAt: new Date("2026-04-01T10:00:00+09:00"),
    expiresOn: "2026-12-31",
    faceValue: 8000,
    balance: 8000,
  };
  wallet.openLot(lot);
  wallet.charge("C1", "oyama", new Date(), [{ ...lot, id: "B", code: "BBBB3333bbbb4444", scope: "allStores", expiresOn: null }]);

  const at = new Date("2026-05-01T12:00:00+09:00");
  const quote: Quote = wallet.quote("riverside", 500, at);
  const receipt: Receipt = wallet.pay("riverside", 500, at);
  const refund: RefundReceipt = wallet.refund(receipt.paymentId, 100, at);
  const outcome: RestoreOutcome | undefined = refund.restored[0]?.outcome;
  if (outcome?.kind === "reissued") out.push(outcome.from, outcome.expiresOn, String(outcome.sequence));
  const forfeited: Forfeiture[] = wallet.expire(at);
  const view: BalanceView = wallet.balance(at);
  const lots: LotBalance[] = view.lots;
  const kinds: HistoryKind[] = ["payment", "refund"];
  const filter: HistoryFilter = { kinds, from: new Date(0) };
  const history: HistoryEntry[] = wallet.history(filter);
  const all: HistoryEntry[] = wallet.history();
  const listed: Lot[] = wallet.lots();
  const payments: Payment[] = wallet.payments();
  out.push(
    String(quote.available), receipt.at, String(receipt.balanceAfter), String(refund.refundableAfter),
    String(forfeited.length), view.displayTotal, String(view.under6Months), String(lots.length),
    String(history.length), String(all[0]?.displayAmount), String(listed[0]?.expiresOn),
    String(payments[0]?.refundable), String(current.spending), String(serial),
  );

  const json: string = wallet.toJson();
  const events: string = wallet.takeEventsJson();
  const loaded: Wallet = Wallet.fromJson(json);
  out.push(loaded.toJson() === json ? "same" : "different", events);

  const shown = new CustomerQrPayment("TOKEN-3f9a", new Date(), 300);
  const showing: CustomerQrState = shown.state;
  shown.merchantRequest("TOKEN-3f9a", "mall", 200, new Date());
  const state = shown.state;
  if (state.kind === "amountShown") out.push(state.merchant, String(state.amount));
  const paid: Receipt = shown.complete(wallet, new Date());
  out.push(showing.kind, shown.token, shown.expiresAt, paid.paymentId);
  shown.cancel();

  const scanned: MerchantQrPayment = MerchantQrPayment.scan(wallet, buildMerchantQr(jpqrMerchantQr("0000000000001", "5812", "A", "B")));
  scanned.enterAmount(100);
  const confirmed: Quote = scanned.confirm(wallet, new Date());
  const step: MerchantQrState = scanned.state;
  if (step.kind === "confirming") out.push(String(step.quote.amount));
  const done: Receipt = scanned.pay(wallet, new Date());
  out.push(scanned.merchant, scanned.merchantName, scanned.qr.merchantName, String(confirmed.amount), done.paymentId);
  scanned.cancel();
  for (const x of [wallet, loaded]) x.free();
  shown.free();
  scanned.free();
  return out;
}

export function chargeStory(): string[] {
  const out: string[] = [];
  const charges = new Charges();
  const product: Product = {
    unitPrice: 10_000,
    maxUnits: 4,
    breakdown: [{ scope: "smallStoresOnly", value: 8_000 }],
    methods: ["card", "konbini"],
    lotsExpireOn: "2026-12-31",
  };
  const program: Program = { id: "oyama", name: "小山市共通商品券", paymentIdPrefix: "OEM2023030001", acceptedBrands: ["visa", "jcb"], product };
  charges.addProgram(program);
  new Wallet().addProgram(program);
  charges.addProgram({ id: "minato", name: "電子スマイル商品券", acceptedBrands: ["visa"] });
  const now = new Date("2026-11-23T10:00:00+09:00");
  const registered: string = charges.registerPurchaseCode("ab12-cd34", "oyama", 2);
  const codes: RegisteredPurchaseCode[] = charges.purchaseCodes();
  const quote: PurchaseQuote = charges.quote("oyama", 2, { kind: "konbini", chain: "lawson" });
  // The method is optional: a quote may come before the user picks how to pay.
  const unpaid: PurchaseQuote = charges.quote("oyama", 2);
  void unpaid;
  const quoteLines: ProductLine[] = quote.lines;
  const lotsExpireOn: string | null = quote.lotsExpireOn;
  const purchase: Charge = charges.startPurchase("p1", "oyama", registered, 2, { kind: "konbini", chain: "lawson" }, now);
  const heldBy: PurchaseCodeStatus = charges.purchaseCodeStatus(registered, now);
  if (heldBy.status === "inUse") out.push(heldBy.charge);
  const kinds: ChargeMethodKind[] = product.methods;
  out.push(String(codes.length), String(quoteLines.length), String(lotsExpireOn), String(purchase.purchaseCode), kinds.join());
  charges.cancel("p1", now);

  const guard: ChargeGuard = charges.canStart(now);
  if (guard.allowed) {
    out.push("allowed");
  } else {
    // Narrowed: the blocked branch has the reason, the end and the messages.
    const reason: "charge.blocked_pending_payment" | "charge.blocked_card_lockout" = guard.reason;
    out.push(reason, guard.until, guard.message, guard.messageJa);
  }

  const card: ChargeMethod = { kind: "card", brand: "jcb" };
  const chain: KonbiniChain = "sevenEleven";
  const units: ChargeOrder = { units: 2 };
  const started: Charge = charges.start("c1", "oyama", card, units, now);
  const amount: number = started.amount;
  const bought: number | null = started.units;
  const until: string | null = started.until;
  const endedBy: ChargeEvent | null = started.endedBy;
  if (started.method.kind === "card") out.push(started.method.brand);
  const confirmed: ChargeState = charges.confirm("c1", now);
  const paying: ChargeState = charges.pay("c1", now);
  const notified: Notified = charges.notify("c1", "threeDsSucceeded", now);
  const applied: boolean = notified.applied;
  const lots: ChargedLot[] = charges.chargedLots();
  charges.start("k1", "minato", { kind: "konbini", chain }, { amount: 5_000 }, now);
  charges.start("p1", "minato", { kind: "payeasy" }, { amount: 1_000 }, now);
  charges.start("j1", "minato", { kind: "jcoin" }, { amount: 1_000 }, now);
  const jcoin: JCoinEntry = { id: "jcoin012345", password: "s3cret pass", code: "482913" };
  const checked: JCoinChecked = checkJcoinCredentials(jcoin);
  const jcoinState: ChargeState = charges.confirmJcoin("j1", jcoin, now);
  const maskedJcoin: string | null | undefined = charges.charge("j1")?.jcoinId;
  out.push(checked.id, checked.maskedId, checked.confirmationCode, jcoinState, String(maskedJcoin));
  const cancelled: ChargeState = charges.cancel("p1", now);
  const expired: string[] = charges.tick(now);
  const all: Charge[] = charges.charges();
  const one: Charge | null = charges.charge("k1");
  const method = one?.method;
  if (method?.kind === "konbini") out.push(method.chain);
  out.push(
    String(amount), String(bought), String(until), String(endedBy), confirmed, paying, notified.state, String(applied),
    String(lots[0]?.value), String(lots[0]?.scope), cancelled, expired.join(","), String(all.length),
  );
  charges.free();

  const pin = new Pin("1234");
  const nothing: void = pin.verify("1234");
  const locked: boolean = pin.isLocked;
  const failures: number = pin.failures;
  const pinJson: PinSummary = pin.toJSON();
  out.push(String(nothing), String(locked), String(failures), String(pinJson.failures), pin.toString());
  pin.free();
  {
    using otp = new OneTimePassword("123456", now, 600, 3);
    otp.verify("123456", now);
    const used: boolean = otp.isUsed;
    const otpJson: OneTimePasswordSummary = otp.toJSON();
    out.push(String(used), String(otp.isLocked), otp.expiresAt, otpJson.expiresAt, otp.toString());
  }
  return out;
}

export function cardsAndSlips(): string[] {
  const out: string[] = [];
  const now = new Date("2026-03-10T12:00:00+09:00");
  const policy = new CardPolicy(new Uint8Array(32), ["visa", "mastercard"], ["400005"], []);
  const summary: CardPolicySummary = policy.toJSON();
  const accepted: boolean = policy.accepts("jcb");
  const expiry: ExpiryInput = { month: "12", year: "2030" };
  const entry: CardEntry = { number: "4242 4242 4242 4242", expiry, securityCode: "123" };
  const checked: CardConfirmation = policy.check(entry, [], now);
  const cards = new CardsOnFile();
  const confirmed: CardConfirmation = cards.confirm(policy, { ...entry, expiry: "12/30" }, now);
  const registered: CardConfirmation = cards.register(policy, entry, now);
  const record: RegisteredCard = registered.card;
  const all: RegisteredCard[] = cards.registrations();
  const current: RegisteredCard | null = cards.current();
  const billed: RegisteredCard | null = cards.billingCard("2026-03", null);
  const json: RegisteredCard[] = cards.toJSON();
  const document: string = cards.toJson();
  const reloaded: CardsOnFile = CardsOnFile.fromJson(document);
  out.push(String(reloaded.registrations().length));
  out.push(summary.acceptedBrands.join(","), String(accepted), checked.maskedNumber, confirmed.maskedSecurityCode);
  out.push(record.brand, record.last4, String(record.expiryYear), String(all.length), String(current?.debit));
  out.push(String(billed?.fingerprint), String(json.length), String(cards.billingCard("2026-02")));
  [reloaded, cards, policy].forEach((o) => o.free());

  const kind: SlipKind = "payEasy";
  const field: PaymentField = "customerNumber";
  const rule: DigitRule = { kind, field, min: 4, max: 10 };
  const parsed: PaymentNumber = parsePaymentNumber(kind, field, "1234", [rule]);
  const numbers: SlipNumber[] = [
    { field: "institutionNumber", number: "12345" },
    { field, number: "1234" },
    { field: "confirmationNumber", number: "123" },
  ];
  const slip = new PaymentSlip(kind, numbers, new Date("2026-11-26T00:00:00+09:00"), 3000);
  const lang: Lang = "ja";
  const how: SlipInstructions = slip.instructions(lang);
  const line: SlipLine = how.deadline;
  const slipJson: PaymentSlipSummary = slip.toJSON();
  const past: boolean = slip.isPastDeadline(now);
  out.push(parsed.display, slip.kind, slip.deadline, String(slip.amount), slip.numbers()[0]?.digits ?? "", how.text);
  out.push(line.label, how.steps.join(""), how.notes.join(""), slipJson.kind, String(past), parsePaymentNumber("lawson", field, "1").digits);
  slip.free();

  const medium: SmartPitMedium = { kind: "sheet", expiresOn: "2026-12-31" };
  const store: SmartPitStore = "circleK";
  const tender: Tender = "cash";
  const bill: SmartPitBill = { number: "1234567890123", merchant: "電力", amount: 5400, dueOn: "2026-12-10" };
  const yes: SmartPitPayable = canPaySmartPit("1234567890123", medium, [bill], store, true, tender, now);
  out.push(String(yes.atTerminal), String(yes.bills[0]?.amount));

  const charges = new Charges();
  charges.addProgram({ id: "minato", name: "電子スマイル商品券", acceptedBrands: ["visa"] });
  charges.start("c1", "minato", { kind: "card", brand: "visa" }, { amount: 3000 }, now);
  const card = parseCard("4242424242424242");
  const state: ChargeState = charges.confirmCard("c1", card, parseCardExpiry("12/30"), now);
  out.push(state);
  card.free();
  charges.free();
  return out;
}

export async function tour(): Promise<string> {
  await init();
  try {
    return [...formats(), ...walletStory(), ...chargeStory(), ...cardsAndSlips()].join("\n");
  } catch (e: unknown) {
    return describeError(e);
  }
}

// The types reject wrong input.
const w = new Wallet();
// @ts-expect-error a brand is one of the literal union
parseSecurityCode("123", "maestro");
// @ts-expect-error wallet amounts are numbers, not strings
w.pay("riverside", "500", new Date());
// @ts-expect-error times are Dates
w.pay("riverside", 500, "2026-05-01T12:00:00+09:00");
// @ts-expect-error a MoneyStyle is "symbol" | "suffix" | "voucher"
formatMoney({ minor: 1, currency: "JPY" }, "bold");
// @ts-expect-error a lot's scope is "allStores" | "smallStoresOnly"
w.openLot({ id: "x", code: "x", managementNo: "x", program: "x", scope: "all_stores", registeredAt: new Date(), expiresOn: null, faceValue: 1, balance: 1 });
// @ts-expect-error card numbers come from parseCard only
new CardNumber();
// @ts-expect-error a merchant's size is "large" | "small"
w.addMerchant({ id: "m", name: "M", size: "medium", programs: [] });
const charges = new Charges();
const chargesDocument: string = charges.toJson();
const chargesReloaded: Charges = Charges.fromJson(chargesDocument);
chargesReloaded.free();
const issuedLot: IssuedLot = { id: "L1", code: "N7af3c1d7AV9b2e4", managementNo: "d012104262000001" };
const creditWallet = new Wallet();
const credited: Notified = charges.notifyInto(creditWallet, "c", "threeDsSucceeded", [issuedLot], new Date());
const userDocument: string = userStateToJson(creditWallet, charges);
const userState: UserState = userStateFromJson(userDocument);
const restoredWallet: Wallet = userState.wallet;
const restoredCharges: Charges = userState.charges;
restoredWallet.free();
restoredCharges.free();
creditWallet.free();
void credited;
// @ts-expect-error an issued lot names its management number (managementNo)
charges.notifyInto(new Wallet(), "c", "paid", [{ id: "L1", code: "N7af3c1d7AV9b2e4" }], new Date());
// @ts-expect-error a charge method's kind is "card" | "konbini" | "payeasy" | "jcoin"
charges.start("c", "p", { kind: "cash" }, { amount: 1000 }, new Date());
// @ts-expect-error a card method needs its brand
charges.start("c", "p", { kind: "card" }, { amount: 1000 }, new Date());
// @ts-expect-error chains are camelCase literals ("sevenEleven")
charges.start("c", "p", { kind: "konbini", chain: "seven_eleven" }, { amount: 1000 }, new Date());
// @ts-expect-error an order is an amount or units, not both
charges.start("c", "p", { kind: "payeasy" }, { amount: 1000, units: 1 }, new Date());
// @ts-expect-error events are camelCase literals
charges.notify("c", "three_ds_succeeded", new Date());
// @ts-expect-error the blocked fields exist only once narrowed to `allowed: false`
charges.canStart(new Date()).until;
// @ts-expect-error a PIN's digits are never readable
new Pin("1234").digits();
// @ts-expect-error slip kinds are camelCase literals ("sevenEleven")
new PaymentSlip("seven_eleven", [], new Date(), 1000);
// @ts-expect-error a Smart Pit store is one of the literal union
canPaySmartPit("1234567890123", { kind: "card" }, [], "seven_eleven", false, "cash", new Date());
// @ts-expect-error a sheet needs its expiry date
canPaySmartPit("1234567890123", { kind: "sheet" }, [], "lawson", false, "cash", new Date());
// @ts-expect-error a card entry needs its security code
new CardsOnFile().register(new CardPolicy(new Uint8Array(16), [], [], []), { number: "4242424242424242", expiry: "12/30" }, new Date());

// Issue 18: sign-up, the phone's last 4 and SignIn.
const required: ProfileField[] = ["name", "birthDate", "newsletter"];
const profile: Profile = { name: "山田 花子", birthDate: "1990-01-01", newsletter: null };
const form: SignUpForm = { email: "a@b.jp", emailAgain: "a@b.jp", termsAccepted: true, loginId: "hanako", password: "Sakura2024", profile };
const accepted: SignUpAccepted = validateSignup(form, required);
const acceptedLoginId: string = accepted.loginId;
validateSignup(form);
const phoneChecked: void = checkPhoneLast4("090-1234-5678", "5678");
const key = new Uint8Array(32);
const signInConfig: SignInConfig = { puzzle: false, otpDigits: 4 };
const signIn = new SignIn(key, signInConfig);
const seed003 = new SignIn(key);
const afterId: SignInState = signIn.enterLoginId("hanako");
const signInSteps: SignInState[] = [
  seed003.puzzlePassed(),
  signIn.passwordRejected(),
  signIn.passwordAccepted(true, "1234", new Date()),
  signIn.otpResent("1234", new Date()),
  signIn.enterOtp("1234", new Date()),
  signIn.cancel(),
  signIn.signOut(),
];
const signInStatus: SignInStatus = signIn.status;
const otpLeft: number | null = signInStatus.otpRemaining;
const signInParts: SignInParts = JSON.parse(JSON.stringify(signIn.parts()));
const sealedOtp: SealedOtpParts | null = signInParts.otp;
const reloadedSignIn: SignIn = SignIn.fromParts(key, signInConfig, signInParts);
const signInJson: SignInStatus = reloadedSignIn.toJSON();
const nodeFlow: node.SignIn = new node.SignIn(key);
// @ts-expect-error profile fields are camelCase literals ("birthDate")
validateSignup(form, ["birth_date"]);
// @ts-expect-error states are camelCase literals
const badState: SignInState = "awaiting_otp";
// @ts-expect-error the key is bytes, not text
new SignIn("0123456789abcdef");
// @ts-expect-error staySignedIn is a boolean
signIn.passwordAccepted("yes", "1234", new Date());
// @ts-expect-error the status is read-only
signIn.status = signInStatus;
