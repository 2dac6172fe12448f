// A tour of saifu from Swift, through the uniffi bindings: the formats a wallet app parses
// and the seed-003 voucher story. It mirrors core/examples/tour.rs in small.
//
// SOURCE ONLY here: there is no Swift toolchain on the machines that build saifu, so this
// file is not compiled or run by scripts/test. CI on macOS (.github/workflows/swift.yml)
// runs it as the main.swift of a new package that depends on the Swift package
// (Package.swift, `scripts/build-swift`). It also runs with the generated Saifu.swift
// compiled into the same module (bindings-uniffi/generated/swift), without the import.

import Foundation
#if canImport(Saifu)
import Saifu
#endif

func t(_ text: String) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = f.date(from: text) { return d }
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: text)!
}

func yen(_ n: Int64) -> String {
    (try? formatMoney(money: Money(minor: n), style: .voucher)) ?? "\(n)"
}

func heading(_ title: String) { print("\n== \(title)") }

func showError(_ what: String, _ call: () throws -> Void) {
    do {
        try call()
        print("  \(what) -> ok")
    } catch let e as SaifuError {
        // `description` is the English message; codes and Japanese come from the methods.
        print("  \(what) -> \(e.code()) (\(e) / \(e.messageIn(lang: .ja)))")
    } catch {
        print("  \(what) -> \(error)")
    }
}

func tour() throws {
    print("saifu \(saifuVersion()) — a tour from Swift")

    heading("1. What people type: IME digits, dashes and spaces")
    let card = try parseCard(number: "４２４２　４２４２ー４２４２ ４２４２")
    print("  brand \(card.brand().displayName(lang: .en)), display \(card.display()), masked \(card.masked())")
    for partial in ["3", "35", "3528", "378282246310005"] {
        let d = detectCard(partial: partial)
        print("  as you type \(partial): brand \(d.brand.map { $0.id() } ?? "-"), potentially valid \(d.potentiallyValid), complete \(d.complete)")
    }
    showError("card 4242424242424241") { _ = try parseCard(number: "4242424242424241") }
    let expiry = try parseCardExpiry(text: "１２／２６")
    print("  expiry \(expiry.month)/\(expiry.year): expired at 2026-12-31T15:00Z? \(try isCardExpired(expiry: expiry, now: t("2026-12-31T15:00:00Z")))")
    print("  security code shown as \(try parseSecurityCode(code: "１２３", brand: .visa).masked())")

    heading("2. Money, formats and passwords")
    for text in ["¥10,000", "１０，０００円", " 5,000 円 "] {
        let m = try parseMoney(text: text)
        print("  \(text) -> \(try formatMoney(money: m, style: .symbol)) / \(try formatMoney(money: m, style: .voucher))")
    }
    showError("money 1,0000") { _ = try parseMoney(text: "1,0000") }
    let premium = try applyRate(money: Money(minor: 10_000), rate: "0.3", rounding: .toZero)
    print("  a 30 % premium on ¥10,000, 切り捨て: \(try formatMoney(money: premium, style: .symbol))")
    print("  voucher code N7af3c1d7AV9b2e4 -> \(try maskVoucherCode(code: "N7af3c1d7AV9b2e4"))")
    print("  Smart Pit \(try parseSmartPit(number: "１２３４ ５６７８ ９０１２３").display)")
    showError("password abc 12345") { try checkPassword(password: "abc 12345") }

    heading("3. The seed-003 wallet")
    let wallet = Wallet()
    try wallet.addProgram(program: Program(id: "oyama", name: "小山市共通商品券", paymentIdPrefix: "OEM2023030001"))
    try wallet.addProgram(program: Program(id: "tennozu", name: "天王洲キャッシュ", paymentIdPrefix: "OEM2020000101"))
    try wallet.addMerchant(merchant: Merchant(id: "riverside", name: "天王洲飯店 リバーサイド店", size: .small,
                                              programs: ["oyama", "tennozu"], jpqrId: "0000000000001"))
    try wallet.addMerchant(merchant: Merchant(id: "mall", name: "おやまショッピングモール", size: .large,
                                              programs: ["oyama"], jpqrId: "0000000000002"))
    try wallet.openLot(lot: NewLot(id: "T1", code: "N7af3c1d7AV9b2e4", managementNo: "d012104262000001", program: "tennozu",
                                   scope: .allStores, registeredAt: t("2021-04-27T20:09:26+09:00"), expiresOn: nil,
                                   faceValue: 10_000, balance: 10_000))
    let bought = t("2026-04-01T10:00:00+09:00")
    try wallet.charge(chargeId: "CH-20260401-1", program: "oyama", at: bought, lots: [
        NewLot(id: "A", code: "AAAA1111aaaa2222", managementNo: "d0230401AAAA1111", program: "oyama",
               scope: .smallStoresOnly, registeredAt: bought, expiresOn: "2026-12-31", faceValue: 8_000, balance: 8_000),
        NewLot(id: "B", code: "BBBB3333bbbb4444", managementNo: "d0230401BBBB3333", program: "oyama",
               scope: .allStores, registeredAt: bought, expiresOn: "2026-12-31", faceValue: 5_000, balance: 5_000),
    ])
    try wallet.setPolicy(policy: WalletPolicy(spending: .restrictedFirst, expiredRefund: .reject))
    print("  bought 1口: 中小店舗限定 \(yen(8_000)) + 全店共通 \(yen(5_000)); restricted-first spending")

    let payload = try buildMerchantQr(qr: try jpqrMerchantQr(merchantId: "0000000000001", category: "5812",
                                                             name: "TENNOZU HANTEN", city: "SHINAGAWA"))
    let flow = try MerchantQrPayment.scan(wallet: wallet, payload: payload)
    try flow.enterAmount(amount: 9_500)
    let quote = try flow.confirm(wallet: wallet, at: t("2026-05-01T12:00:00+09:00"))
    print("  (B) scanned \(flow.merchantName()); お支払確認 \(yen(quote.amount)) from \(quote.allocations.map { "\($0.lot) \($0.amount)" })")
    let receipt = try flow.pay(wallet: wallet, at: t("2026-05-01T12:00:10+09:00"))
    print("  お支払 done: \(receipt.paymentId), balance after \(yen(receipt.balanceAfter))")

    let shown = try CustomerQrPayment(token: "TOKEN-3f9a", issuedAt: t("2026-05-02T18:00:00+09:00"), validFor: 5 * 60)
    try shown.merchantRequest(scannedToken: "TOKEN-3f9a", merchant: "mall", amount: 2_000, at: t("2026-05-02T18:01:00+09:00"))
    let second = try shown.complete(wallet: wallet, at: t("2026-05-02T18:01:02+09:00"))
    print("  (A) the mall scanned the one-time code: paid \(yen(second.amount))")
    do {
        _ = try wallet.pay(merchant: "mall", amount: 5_000, at: t("2026-05-02T18:05:00+09:00"))
    } catch SaifuError.WalletInsufficientBalance(let available) {
        print("  pay ¥5,000 at the mall -> only \(yen(available)) available")
    }

    let refund = try wallet.refund(paymentId: receipt.paymentId, amount: 4_000, at: t("2026-05-03T11:22:33.456+09:00"))
    print("  refund \(refund.refundId) restored \(refund.restored.map { "\($0.lot) \($0.amount)" })")
    for f in try wallet.expire(now: t("2027-01-01T00:00:00+09:00")) { print("  expired: \(f.lot) \(yen(f.amount))") }

    let view = try wallet.balance(now: t("2027-01-02T09:00:00+09:00"))
    print("  残高詳細: あなたの残高 \(view.displayTotal)")
    for lot in view.lots {
        print("    \(lot.title)\(lot.usable ? "" : " [期限切れ]")  \(lot.maskedCode)  有効期限 \(lot.displayExpiresOnJa)  \(lot.displayBalance)")
    }
    print("  ご利用履歴:")
    for e in try wallet.history() { print("    \(e.displayTime)  \(e.title)  \(e.displayAmount)") }

    let json = try wallet.toJson()
    print("  \(json.utf8.count) bytes of JSON; reloads equal: \(try Wallet.fromJson(json: json).toJson() == json)")

    print("\n== A card on file (seed 002) and a convenience-store slip (seed 000)")
    let policy = try CardPolicy(
        fingerprintKey: Data((0..<32).map { UInt8($0) }),
        acceptedBrands: [.jcb, .visa, .mastercard, .amex, .diners],
        debitPrefixes: ["400005", "353011"],
        allowedDebitPrefixes: ["353011"]
    )
    let cards = CardsOnFile()
    let shown = try cards.register(policy: policy, number: "４２４２ ４２４２ ４２４２ ４２４２",
                                   expiry: .fields(month: "12", year: "28"), securityCode: "１２３",
                                   now: t("2026-03-10T12:00:00+09:00"))
    print("  登録: \(shown.maskedNumber)  \(shown.expiry)  \(shown.maskedSecurityCode)  (kept: …\(shown.card.last4))")
    do {
        _ = try cards.register(policy: policy, number: "4242-4242-4242-4242", expiry: .text(text: "12/28"),
                               securityCode: "123", now: t("2026-03-15T09:00:00+09:00"))
    } catch SaifuError.CardAlreadyRegistered(let last4) {
        print("  the same card again -> already registered (…\(last4))")
    }
    _ = try cards.register(policy: policy, number: "5555 5555 5555 4444", expiry: .text(text: "01/30"),
                           securityCode: "321", now: t("2026-04-02T09:00:00+09:00"))
    for month in ["2026-02", "2026-03", "2026-04"] {
        let card = try cards.billingCard(month: month)
        print("  usage of \(month) is billed to \(card.map { "…" + $0.last4 } ?? "no card")")
    }
    let slip = try PaymentSlip(kind: .konbini(chain: .sevenEleven),
                               numbers: [SlipNumber(field: .paymentSlipNumber, number: "1234-5678-9012-3")],
                               deadline: t("2026-11-26T00:00:00+09:00"), amount: 5_000)
    for line in slip.instructions(lang: .ja).text.split(separator: "\n") { print("  | \(line)") }
    print("\ntour complete")
}

do {
    try tour()
} catch {
    print("tour failed: \(error)")
    exit(1)
}
