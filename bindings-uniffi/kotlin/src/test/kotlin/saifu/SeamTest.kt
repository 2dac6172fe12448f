package saifu

import jp.saifu.Brand
import jp.saifu.CardExpiry
import jp.saifu.EmvField
import jp.saifu.EmvSubField
import jp.saifu.EmvValue
import jp.saifu.Initiation
import jp.saifu.Lang
import jp.saifu.Money
import jp.saifu.MoneyStyle
import jp.saifu.Rounding
import jp.saifu.applyRate
import jp.saifu.buildMerchantQr
import jp.saifu.checkPassword
import jp.saifu.detectCard
import jp.saifu.formatMoney
import jp.saifu.isCardExpired
import jp.saifu.jpqrMerchantQr
import jp.saifu.maskVoucherCode
import jp.saifu.merchantQrAmount
import jp.saifu.parseCard
import jp.saifu.parseCardExpiry
import jp.saifu.parseMerchantQr
import jp.saifu.parseMoney
import jp.saifu.parseSecurityCode
import jp.saifu.parseSmartPit
import jp.saifu.saifuVersion
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Every exported function reachable from Kotlin, and nothing lost in conversion. The
 * rules themselves are the core's tests and the vectors'. */
class SeamTest {
    @Test
    fun versionIsSemver() {
        assertTrue(Regex("""\d+\.\d+\.\d+.*""").matches(saifuVersion()), saifuVersion())
    }

    @Test
    fun money() {
        assertEquals(Money(10_000, "JPY"), parseMoney("１０，０００円"))
        assertEquals(Money(1_050, "USD"), parseMoney("10.50", "USD"))
        assertEquals("JPY", Money(5).currency) // the record's default
        assertEquals("10,000円分", formatMoney(Money(10_000), MoneyStyle.VOUCHER))
        assertEquals("-¥50", formatMoney(Money(-50), MoneyStyle.SYMBOL))
        assertEquals("USD 10.50", formatMoney(Money(1_050, "USD"), MoneyStyle.SYMBOL))
        assertEquals(Money(301), applyRate(Money(1_005), "0.3", Rounding.TO_ZERO))
        assertEquals(Money(302), applyRate(Money(1_005), "0.3", Rounding.MIDPOINT_AWAY_FROM_ZERO))
        assertEquals(Money(302), applyRate(Money(1_005), "0.3", Rounding.AWAY_FROM_ZERO))
        // i64 minor units cross whole: the largest amount of the range.
        assertEquals(Money(9_007_199_254_740_991), parseMoney("9,007,199,254,740,991"))
    }

    @Test
    fun cards() {
        parseCard("４２４２　４２４２ー４２４２ ４２４２").use { card ->
            assertEquals(Brand.VISA, card.brand())
            assertEquals("4242424242424242", card.digits())
            assertEquals("4242 4242 4242 4242", card.display())
            assertEquals("****-****-****-4242", card.masked())
            assertEquals("4242", card.last4())
            assertEquals("4242 42** **** 4242", card.first6Last4())
            assertEquals(16L, card.length())
        }
        val d = detectCard("3528")
        assertEquals(Brand.JCB, d.brand)
        assertTrue(d.potentiallyValid)
        assertFalse(d.complete)
        assertEquals(19L, d.maxLength)
        assertNull(detectCard("").brand)
        assertEquals(listOf("visa", "mastercard", "jcb", "amex", "diners", "discover", "unionpay"), Brand.entries.map { it.id() })
        assertEquals("Diners Club", Brand.DINERS.displayName(Lang.EN))
        assertEquals("ダイナースクラブ", Brand.DINERS.displayName(Lang.JA))

        val expiry = parseCardExpiry("１２／２６")
        assertEquals(CardExpiry(12L, 2026L, t("2027-01-01T00:00:00+09:00")), expiry)
        assertFalse(isCardExpired(expiry, t("2026-12-31T23:59:59.999+09:00")))
        assertTrue(isCardExpired(expiry, t("2026-12-31T15:00:00Z")))

        parseSecurityCode("１２３４", Brand.AMEX).use { cvc ->
            assertEquals("****", cvc.masked())
            assertEquals("1234", cvc.digits())
        }
    }

    @Test
    fun formats() {
        assertEquals("N7af****7AV9****", maskVoucherCode(" N7af3c1d7AV9b2e4 "))
        val pit = parseSmartPit("１２３４ ５６７８ ９０１２３")
        assertEquals("1234567890123", pit.digits)
        assertEquals("1234-5678-90123", pit.display)
        checkPassword("abc12345")
    }

    @Test
    fun merchantQrRoundTrips() {
        val qr = jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
        assertEquals(Initiation.STATIC, qr.initiation)
        assertEquals(
            listOf(EmvField(26L, EmvValue.Template(listOf(EmvSubField(0L, "jp.or.paymentsjapan"), EmvSubField(1L, "0000000000001"))))),
            qr.accounts,
        )
        val payload = buildMerchantQr(qr)
        assertTrue(payload.startsWith("000201010211"), payload)
        assertEquals(qr, parseMerchantQr(payload))
        assertNull(merchantQrAmount(qr))

        // Every field of the record crosses both ways: a dynamic code with all of them.
        val full = qr.copy(
            initiation = Initiation.DYNAMIC,
            amount = "1000",
            postalCode = "1400002",
            additionalData = listOf(EmvSubField(5L, "REF-1")),
            alternateLanguage = jp.saifu.AlternateLanguage("JA", "天王洲飯店", "品川"),
            otherFields = listOf(EmvField(80L, EmvValue.Template(listOf(EmvSubField(0L, "x")))), EmvField(55L, EmvValue.Text("01"))),
        )
        assertEquals(full.copy(otherFields = full.otherFields.sortedBy { it.tag }), parseMerchantQr(buildMerchantQr(full)))
        assertEquals(Money(1_000, "JPY"), merchantQrAmount(full))
    }
}
