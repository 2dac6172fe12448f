// A tour of saifu from Kotlin (JVM), through the uniffi bindings: the formats a wallet app
// parses, the seed-003 voucher story, charges with their guard and a PIN, a card on file, a
// payment slip and a MyNaPoint application (seed 004). It mirrors
// core/examples/tour.rs in small.
//
// Run: bash scripts/build-bindings uniffi && mvn -B -q -f bindings-uniffi/kotlin/pom.xml test-compile exec:java
// (the Maven project of bindings-uniffi/kotlin compiles this file with its tests).
package saifu.examples

import jp.saifu.Brand
import jp.saifu.CardPolicy
import jp.saifu.CardsOnFile
import jp.saifu.ExpiryInput
import jp.saifu.PaymentField
import jp.saifu.PaymentSlip
import jp.saifu.SlipKind
import jp.saifu.SlipNumber
import jp.saifu.ChargeEvent
import jp.saifu.ChargeMethod
import jp.saifu.ChargeOrder
import jp.saifu.Charges
import jp.saifu.CustomerQrPayment
import jp.saifu.KonbiniChain
import jp.saifu.Lang
import jp.saifu.Merchant
import jp.saifu.MerchantQrPayment
import jp.saifu.MerchantSize
import jp.saifu.Money
import jp.saifu.MoneyStyle
import jp.saifu.MyNaPoint
import jp.saifu.MyNaPointApplicationState
import jp.saifu.MyNaPointConfig
import jp.saifu.MyNaPointIssuanceState
import jp.saifu.MyNaPointParts
import jp.saifu.MyNaPointReservationState
import jp.saifu.PinParts
import jp.saifu.NewLot
import jp.saifu.Pin
import jp.saifu.Program
import jp.saifu.Rounding
import jp.saifu.SaifuException
import jp.saifu.Scope
import jp.saifu.SpendingPolicy
import jp.saifu.ExpiredRefundPolicy
import jp.saifu.Wallet
import jp.saifu.WalletPolicy
import jp.saifu.applyRate
import jp.saifu.buildMerchantQr
import jp.saifu.detectCard
import jp.saifu.formatMoney
import jp.saifu.isCardExpired
import jp.saifu.jpqrMerchantQr
import jp.saifu.maskVoucherCode
import jp.saifu.parseCard
import jp.saifu.parseCardExpiry
import jp.saifu.parseMoney
import jp.saifu.parseSecurityCode
import jp.saifu.parseSmartPit
import jp.saifu.saifuVersion
import java.time.Duration
import java.time.Instant
import java.time.OffsetDateTime
import java.time.ZoneOffset
import org.json.JSONObject

private fun t(s: String): Instant = OffsetDateTime.parse(s).toInstant()

private fun heading(title: String) = println("\n== $title")

/** An instant in Japan Standard Time, as the screens show it. */
private fun jst(at: Instant): OffsetDateTime = at.atOffset(ZoneOffset.ofHours(9))

private fun yen(n: Long) = formatMoney(Money(n), MoneyStyle.VOUCHER)

private fun showError(what: String, block: () -> Unit) {
    try {
        block()
        println("  %-30s -> ok".format(what))
    } catch (e: SaifuException) {
        println("  %-30s -> %s (%s / %s)".format(what, e.code, e.message, e.messageIn(Lang.JA)))
    }
}

fun main() {
    println("saifu ${saifuVersion()} — a tour from Kotlin")

    heading("1. What people type: IME digits, dashes and spaces")
    parseCard("４２４２　４２４２ー４２４２ ４２４２").use { card ->
        println("  brand ${card.brand().displayName(Lang.EN)}, display ${card.display()}, masked ${card.masked()}")
        println("  toString never shows the number: $card")
    }
    for (partial in listOf("3", "35", "3528", "378282246310005")) {
        val d = detectCard(partial)
        println("  as you type %-16s brand %-6s potentially valid %-5s complete %s".format(partial, d.brand, d.potentiallyValid, d.complete))
    }
    showError("card \"4242424242424241\"") { parseCard("4242424242424241") }
    val expiry = parseCardExpiry("１２／２６")
    println("  expiry ${expiry.month}/${expiry.year}: expired at 2026-12-31T15:00Z (new year in Tokyo)? ${isCardExpired(expiry, t("2026-12-31T15:00:00Z"))}")
    parseSecurityCode("１２３", Brand.VISA).use { println("  security code shown as ${it.masked()} ($it)") }

    heading("2. Money, formats and passwords")
    for (text in listOf("¥10,000", "１０，０００円", " 5,000 円 ")) {
        val m = parseMoney(text)
        println("  %-12s -> %s / %s".format(text, formatMoney(m, MoneyStyle.SYMBOL), formatMoney(m, MoneyStyle.VOUCHER)))
    }
    showError("money \"1,0000\"") { parseMoney("1,0000") }
    println("  a 30 % premium on ¥10,000, 切り捨て: ${formatMoney(applyRate(Money(10_000), "0.3", Rounding.TO_ZERO), MoneyStyle.SYMBOL)}")
    println("  voucher code N7af3c1d7AV9b2e4 -> ${maskVoucherCode("N7af3c1d7AV9b2e4")}")
    println("  Smart Pit ${parseSmartPit("１２３４ ５６７８ ９０１２３").display}")
    showError("password \"abc 12345\"") { jp.saifu.checkPassword("abc 12345") }

    heading("3. The seed-003 wallet")
    Wallet().use { wallet ->
        wallet.addProgram(Program("oyama", "小山市共通商品券", "OEM2023030001"))
        wallet.addProgram(Program("tennozu", "天王洲キャッシュ", "OEM2020000101"))
        wallet.addMerchant(Merchant("riverside", "天王洲飯店 リバーサイド店", MerchantSize.SMALL, listOf("oyama", "tennozu"), "0000000000001"))
        wallet.addMerchant(Merchant("mall", "おやまショッピングモール", MerchantSize.LARGE, listOf("oyama"), "0000000000002"))
        wallet.openLot(NewLot("T1", "N7af3c1d7AV9b2e4", "d012104262000001", "tennozu", Scope.ALL_STORES, t("2021-04-27T20:09:26+09:00"), null, 10_000, 10_000))
        val bought = t("2026-04-01T10:00:00+09:00")
        wallet.charge(
            "CH-20260401-1", "oyama", bought,
            listOf(
                NewLot("A", "AAAA1111aaaa2222", "d0230401AAAA1111", "oyama", Scope.SMALL_STORES_ONLY, bought, "2026-12-31", 8_000, 8_000),
                NewLot("B", "BBBB3333bbbb4444", "d0230401BBBB3333", "oyama", Scope.ALL_STORES, bought, "2026-12-31", 5_000, 5_000),
            ),
        )
        wallet.setPolicy(WalletPolicy(SpendingPolicy.RESTRICTED_FIRST, ExpiredRefundPolicy.Reject))
        println("  bought 1口: 中小店舗限定 ${yen(8_000)} + 全店共通 ${yen(5_000)}; restricted-first spending")

        val payload = buildMerchantQr(jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"))
        val receipt = MerchantQrPayment.scan(wallet, payload).use { flow ->
            flow.enterAmount(9_500)
            val quote = flow.confirm(wallet, t("2026-05-01T12:00:00+09:00"))
            println("  (B) scanned ${flow.merchantName()}; お支払確認 ${yen(quote.amount)} from ${quote.allocations.map { "${it.lot} ${it.amount}" }}")
            flow.pay(wallet, t("2026-05-01T12:00:10+09:00"))
        }
        println("  お支払 done: ${receipt.paymentId}, balance after ${yen(receipt.balanceAfter)}")

        CustomerQrPayment("TOKEN-3f9a", t("2026-05-02T18:00:00+09:00"), Duration.ofMinutes(5)).use { shown ->
            shown.merchantRequest("TOKEN-3f9a", "mall", 2_000, t("2026-05-02T18:01:00+09:00"))
            val second = shown.complete(wallet, t("2026-05-02T18:01:02+09:00"))
            println("  (A) the mall scanned the one-time code: paid ${yen(second.amount)} from ${second.allocations.map { "${it.lot} ${it.amount}" }}")
        }
        showError("pay ¥5,000 at the mall") { wallet.pay("mall", 5_000, t("2026-05-02T18:05:00+09:00")) }

        val refund = wallet.refund(receipt.paymentId, 4_000, t("2026-05-03T11:22:33.456+09:00"))
        println("  refund ${refund.refundId} restored ${refund.restored.map { "${it.lot} ${it.amount}" }}")
        for (f in wallet.expire(t("2027-01-01T00:00:00+09:00"))) println("  expired: ${f.lot} ${yen(f.amount)}")

        val view = wallet.balance(t("2027-01-02T09:00:00+09:00"))
        println("  残高詳細: あなたの残高 ${view.displayTotal}")
        for (lot in view.lots) {
            println("    ${lot.title}${if (lot.usable) "" else " [期限切れ]"}  ${lot.maskedCode}  有効期限 ${lot.displayExpiresOnJa}  ${lot.displayBalance}")
        }
        println("  ご利用履歴:")
        for (e in wallet.history()) println("    ${e.displayTime}  %-28s %s".format(e.title, e.displayAmount))

        val json = wallet.toJson()
        Wallet.fromJson(json).use { println("  ${json.length} bytes of JSON; reloads equal: ${it.toJson() == json}") }
    }

    heading("4. Charges (seed 000) and a PIN")
    Charges().use { charges ->
        charges.addProgram(Program("minato", "電子スマイル商品券", acceptedBrands = listOf(Brand.VISA, Brand.MASTERCARD, Brand.JCB, Brand.AMEX)))
        val start = t("2026-11-23T10:00:00+09:00")
        charges.start("c1", "minato", ChargeMethod.Card(Brand.VISA), ChargeOrder.Amount(10_000), start)
        charges.confirm("c1", start.plusSeconds(10))
        println("  card charge of ${yen(10_000)}: 確認, 支払う -> ${(charges.pay("c1", start.plusSeconds(20))).id()}")
        val failed = charges.notify("c1", ChargeEvent.THREE_DS_NOT_ENROLLED, start.plusSeconds(60))
        println("  the card is not enrolled in 3-D Secure -> ${failed.state.id()}; no new charge for 30 minutes")
        val lawson = ChargeMethod.Konbini(KonbiniChain.LAWSON)
        showError("Lawson charge at 10:15") { charges.start("k1", "minato", lawson, ChargeOrder.Amount(5_000), t("2026-11-23T10:15:00+09:00")) }
        for (at in listOf("2026-11-23T10:30:59+09:00", "2026-11-23T10:31:00+09:00")) {
            val guard = charges.guard(t(at))
            println("  may a charge start at ${at.substring(11, 19)}? ${guard?.let { "no: ${it.reason} until ${jst(it.until)}" } ?: "yes"}")
        }
        val applied = t("2026-11-23T10:31:00+09:00")
        charges.start("k1", "minato", lawson, ChargeOrder.Amount(5_000), applied)
        charges.confirm("k1", applied)
        charges.pay("k1", applied) // 申し込み完了: the deadline runs from the application day
        val until = charges.charge("k1")?.until ?: error("a cash charge has a deadline")
        println("  Lawson charge of ${yen(5_000)} applied: pay by the end of ${jst(until.minusMillis(1)).toLocalDate()}, expires at ${jst(until)}")
        showError("another charge meanwhile") { charges.canStart(applied.plusSeconds(60)) }
        println("  paid at the register -> ${(charges.notify("k1", ChargeEvent.PAID, t("2026-11-24T09:00:00+09:00")).state).id()}; " +
            "lots to register: ${charges.chargedLots().map { "${it.scope} ${yen(it.value)}" }}")
    }
    Pin("1234").use { pin ->
        for (typed in listOf("12a4", "1111", "2222", "3333", "1234")) showError("PIN \"$typed\"") { pin.verify(typed) }
        println("  the PIN prints as $pin")
    }

    heading("5. A card on file (seed 002) and a convenience-store slip (seed 000)")
    CardPolicy(
        ByteArray(32) { it.toByte() },
        listOf(Brand.JCB, Brand.VISA, Brand.MASTERCARD, Brand.AMEX, Brand.DINERS),
        listOf("400005", "353011"),
        listOf("353011"),
    ).use { policy ->
        CardsOnFile().use { cards ->
            val shown = cards.register(policy, "４２４２ ４２４２ ４２４２ ４２４２", ExpiryInput.Fields("12", "28"), "１２３", t("2026-03-10T12:00:00+09:00"))
            println("  登録: ${shown.maskedNumber}  ${shown.expiry}  ${shown.maskedSecurityCode}  (kept: …${shown.card.last4}, fingerprint ${shown.card.fingerprint.take(16)}…)")
            showError("the same card again") {
                cards.register(policy, "4242-4242-4242-4242", ExpiryInput.Text("12/28"), "123", t("2026-03-15T09:00:00+09:00"))
            }
            cards.register(policy, "5555 5555 5555 4444", ExpiryInput.Text("01/30"), "321", t("2026-04-02T09:00:00+09:00"))
            for (month in listOf("2026-02", "2026-03", "2026-04")) {
                println("  usage of $month is billed to ${cards.billingCard(month)?.let { "…" + it.last4 } ?: "no card"}")
            }
            CardsOnFile.fromRegistrations(cards.registrations()).use { println("  ${it.registrations().size} registrations reload; current card …${it.current()?.last4}") }
        }
    }
    PaymentSlip(
        SlipKind.Konbini(KonbiniChain.SEVEN_ELEVEN),
        listOf(SlipNumber(PaymentField.PAYMENT_SLIP_NUMBER, "1234-5678-9012-3")),
        t("2026-11-26T00:00:00+09:00"),
        5_000,
    ).use { slip -> slip.instructions(Lang.EN).text.lines().forEach { println("  | $it") } }

    myNaPoint()
    println("\ntour complete")
}

/** Seed 004: the bank issues the payment-service ID and security code, the national app
 * reserves (MyKey ID) and applies, and a day later the registration is confirmed. */
private fun myNaPoint() {
    heading("6. MyNaPoint: the bank's issuance, the reservation and the application (seed 004)")
    // The integrator's secret (a keystore's, never in the saved state): PINs and codes are
    // kept only as HMAC-SHA-256 digests under it.
    val key = "integrator's key: 32 bytes, kept".toByteArray()
    val config = MyNaPointConfig(eligibleCards = listOf("aeon_card_waon", "aeon_bank_cash_plus_debit"))
    val at = t("2026-07-01T10:00:00+09:00")
    val saved = MyNaPoint(key, config).use { m ->
        println("  [イオン銀行マイナポイント管理ページ]")
        showError("初回登録: a Visa card") { m.chooseCard("visa_classic") }
        m.chooseCard("aeon_card_waon")
        showError("電話番号 090-1234-56") { m.enterPhone("090-1234-56") }
        m.enterPhone("０９０ー１２３４ー５６７８")
        println("  初回登録: イオンカード（WAON）, SMS to ${m.phone()}")
        m.smsSent("135790", at) // the bank's SMS
        println("  ワンタイムパスワード（6桁）sent, valid until %tY/%<tm/%<td %<tH:%<tM".format(jst(m.smsOtpExpiresAt()!!)))
        showError("認証 135709") { m.enterSmsCode("135709", at.plusSeconds(60)) }
        m.enterSmsCode("１３５７９０", at.plusSeconds(60))
        showError("パスワードを設定 waonwaon") { m.setPassword("waonwaon") }
        m.setPassword("Waon2020pt")
        m.issued("1234567890123456", "8F3K") // the bank's answer
        println("  発行完了: 決済サービスID 1234567890123456 / セキュリティコード 8F3K")
        println("            (スクリーンショットやメモをお取りください)")
        println("  確認 with the password the bank accepted: 決済サービスID ${m.view(true)}")

        println("  [マイナポイントアプリ] マイナポイントの予約（マイキーIDの発行）")
        m.startReservation("1234") // the card's PIN, sealed at once
        for (wrong in listOf("1111", "4321")) showError("パスワード（数字4桁）$wrong") { m.enterPin(wrong) }
        // The app is closed here and opened again: the failures come back with the saved
        // state, here as JSON text (the parts are plain data: states, IDs, counters, digests).
        val p = m.parts()
        println("  saved: card_pin failures ${p.cardPin?.failures}, digest ${p.cardPin?.digest?.take(16)}…")
        JSONObject()
            .put("issuance", p.issuance.id())
            .put("reservation", p.reservation.id())
            .put("application", p.application.id())
            .put("card_kind", p.cardKind).put("phone", p.phone).put("service_id", p.serviceId)
            .put("security_code", p.securityCode)
            .put("card_pin", JSONObject().put("digest", p.cardPin?.digest).put("failures", p.cardPin?.failures))
            .toString()
    }
    val j = JSONObject(saved)
    val pin = j.getJSONObject("card_pin")
    val parts = MyNaPointParts(
        issuance = MyNaPointIssuanceState.entries.first { it.id() == j.getString("issuance") },
        cardKind = j.getString("card_kind"), phone = j.getString("phone"), smsOtp = null,
        serviceId = j.getString("service_id"), securityCode = j.getString("security_code"),
        reservation = MyNaPointReservationState.entries.first { it.id() == j.getString("reservation") },
        cardPin = PinParts(pin.getString("digest"), pin.getLong("failures")), mykeyId = null,
        application = MyNaPointApplicationState.entries.first { it.id() == j.getString("application") },
        chosenService = null,
    )
    MyNaPoint.fromParts(key, config, parts).use { m ->
        println("  reloaded: ${m.pinRemaining()} attempt(s) left before the card locks")
        m.enterPin("１２３４")
        m.cardRead()
        m.mykeyIssued("AB12CD34")
        println("  予約完了: マイキーID ${m.mykeyId()}")

        println("  [マイナポイントアプリ] マイナポイント申込")
        m.proceedToApplication() // 申込へ
        m.chooseService("aeon_card_waon")
        m.acceptTerms()
        showError("必要事項の入力 (下4桁 5679)") { m.enterDetails("1234567890123456", "8F3K", "5679") }
        m.enterDetails("１２３４５６７８９０１２３４５６", "８Ｆ３Ｋ", "５６７８")
        m.confirm() // 申込
        m.enterPin("1234")
        m.cardRead()
        println("  申込完了 (${m.applicationState().id()}): ご登録完了までに約1日かかります")
        showError("確認 after the application") { m.view(true) }
        m.registrationConfirmed() // the next day
        println(
            "  the next day: ${m.applicationState().id()}" +
                " (issuance ${m.issuanceState().id()}, reservation ${m.reservationState().id()})",
        )
    }
}
