package saifu

import jp.saifu.Brand
import jp.saifu.CardPolicy
import jp.saifu.CardsOnFile
import jp.saifu.ExpiryInput
import jp.saifu.KonbiniChain
import jp.saifu.Lang
import jp.saifu.PaymentField
import jp.saifu.PaymentSlip
import jp.saifu.RegisteredCard
import jp.saifu.SaifuException
import jp.saifu.SlipKind
import jp.saifu.SlipNumber
import jp.saifu.SmartPitBill
import jp.saifu.SmartPitMedium
import jp.saifu.SmartPitStore
import jp.saifu.Tender
import jp.saifu.canPaySmartPit
import jp.saifu.checkCard
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Cards on file, payment slips and Smart Pit from Kotlin: what a registration keeps
 * (never the number, never the security code), saving and loading the records, a slip's
 * instructions, the Smart Pit check. The rules are the vectors' job. */
class CardsTest {
    private val number = "4111 1111 1111 1111"
    private val digits = number.replace(" ", "")
    private val cvc = "987"

    private fun policy() = CardPolicy(ByteArray(32) { it.toByte() }, listOf(Brand.VISA, Brand.MASTERCARD), listOf("400005"), emptyList())

    private fun json(c: RegisteredCard): String =
        JSONObject(
            mapOf(
                "brand" to c.brand.id(), "last4" to c.last4, "expiryMonth" to c.expiryMonth, "expiryYear" to c.expiryYear,
                "debit" to c.debit, "fingerprint" to c.fingerprint, "registeredAt" to c.registeredAt.toString(),
            ),
        ).toString()

    /** No run of 5 of the number's digits but in its last 4, and not the security code,
     * outside the fingerprint (hex of an HMAC, not the number). */
    private fun assertSecretFree(shown: String, fingerprint: String) {
        val rest = shown.replace(fingerprint, "").replace(" ", "")
        for (i in 0 until digits.length - 4) assertFalse(rest.contains(digits.substring(i, i + 5)), rest)
        assertFalse(rest.contains(cvc), rest)
    }

    @Test
    fun checkCardAnswersAsParseCardKeepingNothing() {
        assertEquals(Brand.AMEX, checkCard("３７８２ ８２２４６３ １０００５"))
        val e = assertThrows(SaifuException.CardLuhnMismatch::class.java) { checkCard("4242424242424241") }
        assertEquals("card.luhn_mismatch", e.code)
        assertEquals(41L, assertThrows(SaifuException.CardInvalidCharacter::class.java) { checkCard("4".repeat(41) + "x") }.position)
    }

    @Test
    fun aRegistrationShowsTheLast4AndNeverTheNumberOrSecurityCode() {
        policy().use { p ->
            CardsOnFile().use { cards ->
                val shown = cards.register(p, number, ExpiryInput.Text("12/30"), cvc, t("2026-03-10T12:00:00+09:00"))
                assertEquals("****-****-****-1111", shown.maskedNumber)
                assertEquals("***", shown.maskedSecurityCode)
                val card = shown.card
                assertTrue(card.toString().contains("last4=1111"), card.toString())
                for (text in listOf(shown.toString(), card.toString(), json(card), cards.toString(), cards.registrations().toString())) {
                    assertSecretFree(text, card.fingerprint)
                }
                val e = assertThrows(SaifuException.CardAlreadyRegistered::class.java) {
                    cards.register(p, number, ExpiryInput.Text("12/30"), cvc, t("2026-03-11T12:00:00+09:00"))
                }
                assertSecretFree("$e ${e.messageIn(Lang.JA)}", card.fingerprint)
            }
            assertFalse(p.toString().contains("1, 2, 3"), p.toString())
        }
    }

    @Test
    fun savedRegistrationsLoadBackAndPayTheSameMonths() {
        policy().use { p ->
            CardsOnFile().use { cards ->
                cards.register(p, number, ExpiryInput.Fields("12", "2030"), cvc, t("2026-03-10T12:00:00+09:00"))
                cards.register(p, "5555555555554444", ExpiryInput.Text("01/31"), "123", t("2026-04-02T09:00:00+09:00"))
                CardsOnFile.fromRegistrations(cards.registrations()).use { again ->
                    assertEquals(cards.registrations(), again.registrations())
                    assertEquals("1111", again.billingCard("2026-03")?.last4)
                    assertEquals("4444", again.billingCard("2026-04")?.last4)
                    assertEquals("1111", again.billingCard("2026-04", 1)?.last4)
                    assertNull(again.billingCard("2026-02"))
                }
                val bad = cards.registrations().mapIndexed { i, c -> if (i == 1) c.copy(last4 = "44a4") else c }
                val e = assertThrows(SaifuException.StateInvalidCardRegistration::class.java) { CardsOnFile.fromRegistrations(bad) }
                assertEquals(1L, e.index)
                assertEquals("last4", e.detail)
            }
        }
    }

    @Test
    fun cardsOnFileSaveAsTheirDocumentAndLoadChecked() {
        policy().use { p ->
            CardsOnFile().use { cards ->
                cards.register(p, number, ExpiryInput.Text("12/30"), cvc, t("2026-03-10T12:00:00+09:00"))
                cards.register(p, "5555555555554444", ExpiryInput.Text("01/31"), "123", t("2026-04-02T09:00:00+09:00"))
                val text = cards.toJson()
                assertTrue(text.startsWith("{\"version\":1,\"registrations\":[{\"brand\":\"visa\",\"last4\":\"1111\","))
                assertFalse(text.contains(number) || text.contains("5555555555554444"))
                CardsOnFile.fromJson(text).use { again ->
                    assertEquals(cards.registrations(), again.registrations())
                    assertEquals("1111", again.billingCard("2026-03")?.last4)
                    assertEquals("4444", again.billingCard("2026-04")?.last4)
                }
                val e = assertThrows(SaifuException.StateInvalidCardRegistration::class.java) {
                    CardsOnFile.fromJson(text.replace("\"last4\":\"4444\"", "\"last4\":\"44a4\""))
                }
                assertEquals(1L, e.index)
                assertEquals("last4", e.detail)
                assertThrows(SaifuException.StateUnsupportedVersion::class.java) {
                    CardsOnFile.fromJson(text.replace("\"version\":1", "\"version\":2"))
                }
            }
        }
    }

    @Test
    fun aSlipGivesItsNumbersAndInstructions() {
        PaymentSlip(
            SlipKind.Konbini(KonbiniChain.SEVEN_ELEVEN),
            listOf(SlipNumber(PaymentField.PAYMENT_SLIP_NUMBER, "１２３４ー５６７８ー９０１２ー３")),
            t("2026-11-26T00:00:00+09:00"),
            3000,
        ).use { slip ->
            assertEquals(listOf("1234 5678 9012 3"), slip.numbers().map { it.display })
            assertEquals("seven_eleven", slip.kind().id())
            assertFalse(slip.isPastDeadline(t("2026-11-25T23:59:59+09:00")))
            val ja = slip.instructions(Lang.JA)
            assertTrue(ja.deadline.value.contains("2026/11/25 23:59"), ja.deadline.value)
            assertTrue(ja.text.contains("3,000円"), ja.text)
        }
    }

    @Test
    fun smartPitAnswersOrSaysWhyNot() {
        val bill = SmartPitBill("1234 5678 90123", "電力", 5400, "2026-12-10")
        val yes = canPaySmartPit("1234567890123", SmartPitMedium.Card, listOf(bill), SmartPitStore.LAWSON, false, Tender.CASH, t("2026-11-23T10:00:00+09:00"))
        assertTrue(yes.atTerminal)
        assertEquals("1234567890123", yes.bills.single().number)
        val e = assertThrows(SaifuException.SmartPitSheetExpired::class.java) {
            canPaySmartPit("1234567890123", SmartPitMedium.Sheet("2026-11-22"), listOf(bill), SmartPitStore.LAWSON, false, Tender.CASH, t("2026-11-23T10:00:00+09:00"))
        }
        assertEquals(t("2026-11-23T00:00:00+09:00"), e.expiredAt)
    }
}
