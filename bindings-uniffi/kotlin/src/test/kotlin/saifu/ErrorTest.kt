package saifu

import jp.saifu.Brand
import jp.saifu.ChargeEvent
import jp.saifu.ChargeMethod
import jp.saifu.ChargeMethodKind
import jp.saifu.ChargeOrder
import jp.saifu.CustomerQrPayment
import jp.saifu.KonbiniChain
import jp.saifu.Lang
import jp.saifu.MerchantQrPayment
import jp.saifu.Money
import jp.saifu.MoneyStyle
import jp.saifu.OneTimePassword
import jp.saifu.Pin
import jp.saifu.Product
import jp.saifu.SaifuException
import jp.saifu.Scope
import jp.saifu.Wallet
import jp.saifu.buildMerchantQr
import jp.saifu.checkPassword
import jp.saifu.formatMoney
import jp.saifu.jpqrMerchantQr
import jp.saifu.maskVoucherCode
import jp.saifu.parseCard
import jp.saifu.parseCardExpiry
import jp.saifu.parseMerchantQr
import jp.saifu.parseMoney
import jp.saifu.parseSecurityCode
import jp.saifu.parseSmartPit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Duration
import java.time.Instant

/** Errors cross typed: each arrives as its own `SaifuException` subclass with its fields,
 * `code` and `messageIn(lang)` work, and `message` and `toString()` are the English
 * message. */
class ErrorTest {
    private inline fun <reified E : SaifuException> throws(noinline block: () -> Unit): E {
        val e = assertThrows(E::class.java) { block() }
        assertTrue(e.messageIn(Lang.EN).isNotEmpty() && e.messageIn(Lang.JA).isNotEmpty(), e.code())
        assertEquals(e.messageIn(Lang.EN), e.toString())
        assertEquals(e.messageIn(Lang.EN), e.message, "e.message is the English message, not a field list")
        assertEquals(e.code(), e.code)
        return e
    }

    @Test
    fun moneyAndFormatErrorsArriveTyped() {
        throws<SaifuException.MoneyEmpty> { parseMoney(" ") }
        throws<SaifuException.MoneyInvalid> { parseMoney("1,0000") }
        throws<SaifuException.MoneyNegative> { parseMoney("-5") }
        assertEquals("JPY", throws<SaifuException.MoneyFractionNotAllowed> { parseMoney("1.5") }.currency)
        throws<SaifuException.MoneyOutOfRange> { parseMoney("9007199254740992") }
        throws<SaifuException.MoneyCurrencyMismatch> { formatMoney(Money(1, "USD"), MoneyStyle.SUFFIX) }.let {
            assertEquals("JPY" to "USD", it.expected to it.found)
        }
        assertEquals("XYZ", throws<SaifuException.MoneyUnknownCurrency> { parseMoney("1", "XYZ") }.currencyCode)

        throws<SaifuException.CardEmpty> { parseCard("") }
        assertEquals(4L, throws<SaifuException.CardInvalidCharacter> { parseCard("4242x42424242424") }.position)
        throws<SaifuException.CardUnknownBrand> { parseCard("9999999999999995") }
        assertEquals(12L, throws<SaifuException.CardInvalidLength> { parseCard("424242424242") }.length)
        throws<SaifuException.CardLuhnMismatch> { parseCard("4242424242424241") }
        throws<SaifuException.CardInvalidExpiry> { parseCardExpiry("13/26") }
        assertEquals(Brand.AMEX, throws<SaifuException.CardInvalidCvc> { parseSecurityCode("123", Brand.AMEX) }.brand)

        throws<SaifuException.VoucherInvalidCode> { maskVoucherCode("N7af3c1d7AV9b2e") }
        throws<SaifuException.SmartPitInvalidNumber> { parseSmartPit("123") }
        assertEquals(0L, throws<SaifuException.EmvQrMalformed> { parseMerchantQr("000201") }.position)
        val payload = buildMerchantQr(jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"))
        throws<SaifuException.EmvQrCrcMismatch> { parseMerchantQr(payload.replace("HANTEN", "HANTEM")) }.let {
            assertEquals(payload.takeLast(4), it.found)
            assertNotEquals(it.found, it.computed)
        }
        val qr = parseMerchantQr(payload)
        assertEquals("02-51", throws<SaifuException.EmvQrMissingField> { buildMerchantQr(qr.copy(accounts = listOf())) }.tag)
        assertEquals("59", throws<SaifuException.EmvQrInvalidField> { buildMerchantQr(qr.copy(merchantName = "")) }.tag)

        assertEquals(3L, throws<SaifuException.PasswordInvalidCharacter> { checkPassword("abc 12345") }.position)
        assertEquals(8L, throws<SaifuException.PasswordTooShort> { checkPassword("abc1234") }.minLength)
        throws<SaifuException.PasswordMissingLetter> { checkPassword("12345678") }
        throws<SaifuException.PasswordMissingDigit> { checkPassword("abcdefgh") }
    }

    @Test
    fun walletAndQrErrorsArriveTyped() {
        seedWallet().use { w ->
            val at = t("2026-06-01T12:00:00+09:00")
            val e = throws<SaifuException.WalletInsufficientBalance> { w.pay("mall", 20_000, at) }
            assertEquals(10_000L, e.available)
            assertEquals("Not enough balance: ¥10,000 available.", e.messageIn(Lang.EN))
            assertEquals("残高が不足しています（ご利用可能額 10,000円）。", e.messageIn(Lang.JA))
            assertEquals("wallet.insufficient_balance", e.code())

            throws<SaifuException.WalletInvalidAmount> { w.pay("riverside", 0, at) }
            assertEquals("nowhere", throws<SaifuException.WalletUnknownMerchant> { w.pay("nowhere", 1, at) }.merchant)
            assertEquals("X1", throws<SaifuException.WalletUnknownPayment> { w.refund("X1", 1, at) }.payment)
            val paid = w.pay("riverside", 100, at) // from L2, the lot that expires first
            assertEquals(100L, throws<SaifuException.WalletRefundExceedsPayment> { w.refund(paid.paymentId, 101, at) }.refundable)
            w.refund(paid.paymentId, 1, at)
            assertEquals(
                "${paid.paymentId}-20260601120000000",
                throws<SaifuException.WalletDuplicateRefundId> { w.refund(paid.paymentId, 1, at) }.refundId,
            )
            assertEquals("L2", throws<SaifuException.WalletRefundLotExpired> { w.refund(paid.paymentId, 1, t("2027-01-01T00:00:00+09:00")) }.lot)
            assertEquals("tennozu", throws<SaifuException.WalletDuplicateId> { w.addProgram(jp.saifu.Program("tennozu", "x", "X")) }.id)
            assertEquals("nope", throws<SaifuException.WalletUnknownProgram> { w.openLot(lot("L3", "BBBB2222bbbb3333", Scope.ALL_STORES, 1, null).copy(program = "nope")) }.program)
            assertEquals("L3", throws<SaifuException.WalletInvalidLot> { w.openLot(lot("L3", "BBBB2222bbbb3333", Scope.ALL_STORES, 0, null)) }.lot)
            throws<SaifuException.WalletPaymentSerialExhausted> { w.setNextPaymentSerial(1_000_000_000_000L) }
            assertEquals("2026-02-30", throws<SaifuException.TimeInvalid> { w.openLot(lot("L3", "BBBB2222bbbb3333", Scope.ALL_STORES, 1, "2026-02-30")) }.given)
            assertTrue(throws<SaifuException.TimeInvalid> { w.balance(Instant.MAX) }.given.startsWith("unix "))
        }
    }

    @Test
    fun qrErrorsArriveTyped() {
        val at = t("2026-06-01T12:00:00+09:00")
        throws<SaifuException.QrInvalidToken> { CustomerQrPayment("", at, Duration.ofMinutes(5)) }
        CustomerQrPayment("tok", at, Duration.ofMinutes(5)).use { flow ->
            throws<SaifuException.QrTokenMismatch> { flow.merchantRequest("other", "riverside", 100, at) }
            throws<SaifuException.QrTokenExpired> { flow.merchantRequest("tok", "riverside", 100, at.plusSeconds(300)) }
            flow.cancel()
            assertEquals("cancelled", throws<SaifuException.QrIllegalTransition> { flow.cancel() }.state)
        }
        seedWallet().use { w ->
            val fixed = jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA").copy(amount = "500")
            MerchantQrPayment.scan(w, buildMerchantQr(fixed)).use { flow ->
                throws<SaifuException.QrAmountFixed> { flow.enterAmount(100) }
            }
        }
    }

    @Test
    fun stateErrorsArriveTyped() {
        seedWallet().use { w ->
            w.pay("riverside", 100, t("2026-06-01T12:00:00+09:00"))
            val json = w.toJson()
            fun load(from: String, to: String): () -> Unit {
                val changed = json.replace(from, to)
                assertNotEquals(json, changed, "the saved wallet has no $from")
                return { Wallet.fromJson(changed).close() }
            }
            assertTrue(throws<SaifuException.StateMalformed> { Wallet.fromJson("{") }.detail.isNotEmpty())
            assertEquals(9L, throws<SaifuException.StateUnsupportedVersion>(load("\"version\":1", "\"version\":9")).version)
            assertEquals("L1", throws<SaifuException.StateDuplicateId>(load("\"id\":\"L2\"", "\"id\":\"L1\"")).id)
            assertEquals("nowhere", throws<SaifuException.StateUnknownReference>(load("\"program\":\"tennozu\"", "\"program\":\"nowhere\"")).id)
            assertEquals("L9", throws<SaifuException.StateUnknownLot>(load("{\"lot\":\"L2\",\"amount\"", "{\"lot\":\"L9\",\"amount\"")).lot)
            // A lot open_lot refuses (the lot invariant) is state.malformed, naming the lot and open_lot's code.
            assertEquals("lot L2: wallet.invalid_lot", throws<SaifuException.StateMalformed>(load("\"balance\":{\"minor\":2900", "\"balance\":{\"minor\":-1")).detail)
            assertEquals("lot L2: wallet.invalid_lot", throws<SaifuException.StateMalformed>(load("\"balance\":{\"minor\":2900", "\"balance\":{\"minor\":3001")).detail)
            assertEquals("tennozu", throws<SaifuException.StateInconsistentTotals>(load("\"balance\":{\"minor\":2900", "\"balance\":{\"minor\":2901")).subject)
        }
        seedWallet().use { w ->
            w.setEventLog(true)
            w.addMerchant(jp.saifu.Merchant("m2", "M2", jp.saifu.MerchantSize.LARGE, listOf()))
            val events = w.takeEventsJson().removeSurrounding("[", "]")
            val e = throws<SaifuException.StateInvalidEvent> { Wallet.replayJson("[$events,$events]").close() }
            assertEquals(1L, e.index)
            assertEquals("wallet.duplicate_id", e.causeCode)
        }
    }

    /** Every variant, built on the Kotlin side: `code()` crosses back to the core and gives
     * each code of docs/errors.md exactly once. */
    @Test
    fun everyVariantHasItsDocumentedCode() {
        // Every variant uniffi generated, built by reflection from a sample per field
        // type, so a new core variant is checked here without an edit.
        val samples = mapOf<Class<*>, Any>(
            java.lang.Long.TYPE to 2L,
            String::class.java to "X1",
            Instant::class.java to t("2026-11-26T00:00:00+09:00"),
            Brand::class.java to Brand.AMEX,
        )
        val all: List<SaifuException> = SaifuException::class.java.declaredClasses
            .filter { SaifuException::class.java.isAssignableFrom(it) }
            .map { variant ->
                val constructor = variant.constructors.minBy { it.parameterCount }
                val args = constructor.parameterTypes
                    .map { samples[it] ?: error("no sample of ${it.name} for ${variant.simpleName}: add one") }
                constructor.newInstance(*args.toTypedArray()) as SaifuException
            }
        val documented = File("../../docs/errors.md").readLines()
            .mapNotNull { Regex("""^\| `([a-z0-9_.]+)` \|""").find(it)?.groupValues?.get(1) }
        assertEquals(documented.sorted(), all.map { it.code() }.sorted())
        for (e in all) {
            assertTrue(e.messageIn(Lang.JA).isNotEmpty(), e.code())
            assertEquals(e.messageIn(Lang.EN), e.toString())
        }
        // Fields a foreign caller made up still give a message, never a crash.
        assertEquals("Not enough balance: ¥9,007,199,254,740,991 available.", SaifuException.WalletInsufficientBalance(Long.MAX_VALUE).toString())
        assertEquals("money.fraction_not_allowed", SaifuException.MoneyFractionNotAllowed("???").code())
        assertTrue(SaifuException.ChargeBlockedCardLockout(Instant.MAX).toString().startsWith("A card without 3-D Secure"))
    }

    @Test
    fun chargeErrorsArriveTyped() {
        val at = t("2026-11-23T10:00:00+09:00")
        val visa = ChargeMethod.Card(Brand.VISA)
        chargesFixture().use { c ->
            assertEquals("minato", throws<SaifuException.ChargeDuplicateId> { c.addProgram(minato) }.id)
            throws<SaifuException.ChargeInvalidUnits> { c.addProgram(minato.copy(id = "x", product = Product(0, 1, listOf(), listOf(ChargeMethodKind.CARD)))) }
            assertEquals("nowhere", throws<SaifuException.ChargeUnknownProgram> { c.start("c1", "nowhere", visa, ChargeOrder.Amount(1), at) }.program)
            throws<SaifuException.ChargeInvalidAmount> { c.start("c1", "minato", visa, ChargeOrder.Amount(0), at) }
            throws<SaifuException.ChargeInvalidUnits> { c.start("c1", "oyama", visa, ChargeOrder.Units(5), at) }
            throws<SaifuException.ChargeInvalidUnits> { c.start("c1", "minato", visa, ChargeOrder.Units(1), at) }
            val diners = throws<SaifuException.ChargeBrandNotAccepted> { c.start("c1", "minato", ChargeMethod.Card(Brand.DINERS), ChargeOrder.Amount(1), at) }
            assertEquals(Brand.DINERS, diners.brand)
            assertEquals("Diners Club cards cannot be used here.", diners.toString())
            assertEquals("ダイナースクラブのカードはご利用いただけません。", diners.messageIn(Lang.JA))
            c.start("c1", "minato", visa, ChargeOrder.Amount(3_000), at)
            assertEquals("c1", throws<SaifuException.ChargeDuplicateId> { c.start("c1", "minato", visa, ChargeOrder.Amount(1), at) }.id)
            assertEquals("c9", throws<SaifuException.ChargeUnknownCharge> { c.confirm("c9", at) }.charge)
            assertEquals("draft", throws<SaifuException.ChargeIllegalTransition> { c.pay("c1", at) }.state)
            c.confirm("c1", at)
            c.pay("c1", at)
            assertEquals("awaiting_three_ds", throws<SaifuException.ChargeIllegalTransition> { c.cancel("c1", at) }.state)
            c.notify("c1", ChargeEvent.THREE_DS_NOT_ENROLLED, at.plusSeconds(60))
            assertEquals("failed", throws<SaifuException.ChargeEnded> { c.notify("c1", ChargeEvent.THREE_DS_SUCCEEDED, at) }.state)
            val locked = throws<SaifuException.ChargeBlockedCardLockout> { c.start("c2", "minato", ChargeMethod.PayEasy, ChargeOrder.Amount(1), at.plusSeconds(61)) }
            assertEquals(t("2026-11-23T10:31:00+09:00"), locked.until)
            assertEquals("A card without 3-D Secure was used: new charges are possible from 2026/11/23 10:31:00.", locked.toString())
            assertEquals(locked.until, throws<SaifuException.ChargeBlockedCardLockout> { c.canStart(at.plusSeconds(61)) }.until)
        }
        chargesFixture().use { c ->
            c.start("k1", "minato", ChargeMethod.Konbini(KonbiniChain.LAWSON), ChargeOrder.Amount(5_000), at)
            c.confirm("k1", at)
            c.pay("k1", at)
            val pending = throws<SaifuException.ChargeBlockedPendingPayment> { c.canStart(at) }
            assertEquals(t("2026-11-26T00:00:00+09:00"), pending.until)
            assertTrue(pending.messageIn(Lang.JA).contains("2026/11/26 00:00:00"), pending.messageIn(Lang.JA))
            assertEquals("expired", throws<SaifuException.ChargeEnded> { c.notify("k1", ChargeEvent.PAID, pending.until) }.state)
        }
    }

    @Test
    fun credentialErrorsArriveTyped() {
        throws<SaifuException.PinInvalidFormat> { Pin("123") }
        Pin("1234").use { pin ->
            throws<SaifuException.PinInvalidFormat> { pin.verify("12a4") }
            val first = throws<SaifuException.PinMismatch> { pin.verify("1111") }
            assertEquals(2L, first.remaining)
            assertEquals("Wrong PIN: 2 attempts left.", first.toString())
            pin.verify("1234") // a success resets the count
            assertEquals(2L, throws<SaifuException.PinMismatch> { pin.verify("1111") }.remaining)
            assertEquals(1L, throws<SaifuException.PinMismatch> { pin.verify("2222") }.remaining)
            throws<SaifuException.PinLocked> { pin.verify("9999") }
            throws<SaifuException.PinLocked> { pin.verify("1234") }
        }
        val issued = t("2026-11-23T10:00:00+09:00")
        throws<SaifuException.OtpInvalidFormat> { OneTimePassword("123", issued, Duration.ofMinutes(10), 3L) }
        OneTimePassword("123456", issued, Duration.ofMinutes(10), 2L).use { otp ->
            throws<SaifuException.OtpExpired> { otp.verify("123456", issued.minusMillis(1)) }
            throws<SaifuException.OtpInvalidFormat> { otp.verify("12345", issued) }
            assertEquals(1L, throws<SaifuException.OtpMismatch> { otp.verify("654321", issued) }.remaining)
            throws<SaifuException.OtpLocked> { otp.verify("654321", issued) }
            throws<SaifuException.OtpLocked> { otp.verify("123456", issued) }
        }
        OneTimePassword("0420", issued, Duration.ofMinutes(10), 3L).use { otp ->
            otp.verify("0420", issued)
            throws<SaifuException.OtpUsed> { otp.verify("0420", issued) }
        }
    }
}
