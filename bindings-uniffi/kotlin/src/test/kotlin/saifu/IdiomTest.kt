package saifu

import jp.saifu.CardExpiry
import jp.saifu.EmvField
import jp.saifu.EmvSubField
import jp.saifu.EmvValue
import jp.saifu.ExpiredRefundPolicy
import jp.saifu.Lang
import jp.saifu.Money
import jp.saifu.OneTimePassword
import jp.saifu.SaifuException
import jp.saifu.SpendingPolicy
import jp.saifu.WalletPolicy
import jp.saifu.buildMerchantQr
import jp.saifu.isCardExpired
import jp.saifu.jpqrMerchantQr
import jp.saifu.parseMoney
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Duration
import java.time.Instant

/** The API as a Kotlin caller expects it: signed integers only, an exception's `message`
 * for people, its `code` a property. */
class IdiomTest {
    private val generated = File(System.getProperty("saifu.generated.dir") ?: "target/generated-sources/uniffi")
        .walkTopDown().single { it.name == "saifu_ffi.kt" }.readText()

    @Test
    fun theApiHasNoUnsignedType() {
        // uniffi writes the API's own types qualified (`kotlin.Long`); its internal
        // converters use bare `ULong` for buffer sizes, which no caller sees.
        assertTrue(generated.contains("kotlin.Long"), "the generated API is where this test looks")
        val unsigned = Regex("""kotlin\.U(Int|Long|Byte|Short)\b""")
        val found = generated.lines().withIndex().filter { unsigned.containsMatchIn(it.value) }
            .map { "${it.index + 1}: ${it.value.trim()}" }
        assertEquals(listOf<String>(), found, "unsigned types in the Kotlin API")
    }

    @Test
    fun theDocsNameKotlinCallsNotRustOnes() {
        // The doc comments of the Rust exports become these KDoc comments (and Swift's).
        val docs = Regex("""/\*\*(.*?)\*/""", RegexOption.DOT_MATCHES_ALL).findAll(generated)
            .map { it.groupValues[1] }.toList()
        assertTrue(docs.size > 500, "the KDoc is where this test looks")
        val functions = Regex("""fun `([A-Za-z0-9]+)`\(""").findAll(generated).map { it.groupValues[1] }.toSet()
        fun camel(snake: String) = snake.split('_').mapIndexed { i, part ->
            if (i == 0) part else part.replaceFirstChar { it.uppercase() }
        }.joinToString("")
        val rustish = docs.flatMap { doc ->
            Regex("""`[^`]*::[^`]*`|\[`[^`]+`]""").findAll(doc).map { it.value } +
                // A call named as Rust names it: `to_json`, where Kotlin has `toJson`.
                Regex("""`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`""").findAll(doc)
                    .filter { camel(it.groupValues[1]) in functions }.map { it.value }
        }.toSet()
        assertEquals(setOf<String>(), rustish)
    }

    private fun code(block: () -> Unit): String =
        assertThrows(SaifuException::class.java) { block() }.code

    @Test
    fun numbersOutsideTheirRangeAreTheCoresCodedErrors() {
        seedWallet().use { w ->
            assertEquals("wallet.invalid_payment_serial", code { w.setNextPaymentSerial(-1) })
            assertEquals("wallet.invalid_payment_serial", code { w.setNextPaymentSerial(Long.MIN_VALUE) })
            assertEquals("wallet.payment_serial_exhausted", code { w.setNextPaymentSerial(1_000_000_000_000L) })
            for (days in listOf(-1L, 36_501L, 1L shl 32, Long.MIN_VALUE)) {
                assertEquals("time.invalid", code {
                    w.setPolicy(WalletPolicy(SpendingPolicy.EXPIRY_THEN_BALANCE, ExpiredRefundPolicy.Reissue(days)))
                }, "$days days")
            }
            w.setPolicy(WalletPolicy(SpendingPolicy.EXPIRY_THEN_BALANCE, ExpiredRefundPolicy.Reissue(36_500L)))
        }
        val at = Instant.parse("2026-11-23T01:00:00Z")
        for (attempts in listOf(-1L, 0L, 1L shl 32, Long.MAX_VALUE)) {
            assertEquals("otp.invalid_format", code { OneTimePassword("1234", at, Duration.ofMinutes(1), attempts).close() })
        }
        for ((month, year) in listOf(-1L to 2030L, 13L to 2030L, 1L to -2030L, 1L to (1L shl 32) + 2030L)) {
            assertEquals("card.invalid_expiry", code { isCardExpired(CardExpiry(month, year, at), at) })
        }
        val qr = jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
        for (tag in listOf(-1L, 100L, 256L, Long.MIN_VALUE)) {
            val e = assertThrows(SaifuException.EmvQrInvalidField::class.java) {
                buildMerchantQr(qr.copy(otherFields = listOf(EmvField(tag, EmvValue.Text("x")))))
            }
            assertEquals(tag.toString(), e.tag)
            assertThrows(SaifuException.EmvQrInvalidField::class.java) {
                buildMerchantQr(qr.copy(additionalData = listOf(EmvSubField(tag, "x"))))
            }
        }
    }

    @Test
    fun anExceptionSaysWhatWentWrongInItsMessage() {
        val e = assertThrows(SaifuException.MoneyFractionNotAllowed::class.java) { parseMoney("1.5") }
        assertEquals(e.messageIn(Lang.EN), e.message)
        assertTrue(e.message!!.isNotEmpty() && !e.message!!.contains("currency="), e.message)
        assertEquals("money.fraction_not_allowed", e.code)
        // As Throwable shows it: a log or a crash report carries the message.
        val thrown: Throwable = e
        assertEquals(e.messageIn(Lang.EN), thrown.localizedMessage)
        // A field-less error too (uniffi's message was empty).
        val empty = assertThrows(SaifuException.MoneyEmpty::class.java) { parseMoney(" ") }
        assertEquals(empty.messageIn(Lang.EN), empty.message)
        assertTrue(empty.message!!.isNotEmpty())
    }

    @Test
    fun recordsAreImmutable() {
        // A record's fields are `val`: no `var` field in any generated data class.
        val records = Regex("""data class \w+ \((.*?)\n\)\s*\{""", RegexOption.DOT_MATCHES_ALL).findAll(generated)
            .map { it.groupValues[1] }.toList()
        assertTrue(records.size > 40, "the records are where this test looks")
        assertEquals(listOf<String>(), records.filter { Regex("""(^|\n)\s*var `""").containsMatchIn(it) })
    }

    @Test
    fun recordsAreValuesThatPrintTheirFields() {
        assertEquals(Money(10_000, "JPY"), Money(10_000, "JPY"))
        assertEquals(Money(10_000, "JPY").hashCode(), Money(10_000, "JPY").hashCode())
        assertEquals("Money(minor=10000, currency=JPY)", Money(10_000, "JPY").toString())
    }
}
