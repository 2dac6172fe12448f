package saifu

import jp.saifu.Brand
import jp.saifu.Charge
import jp.saifu.ChargeEvent
import jp.saifu.ChargeGuard
import jp.saifu.ChargeMethod
import jp.saifu.ChargeOrder
import jp.saifu.ChargeState
import jp.saifu.ChargedLot
import jp.saifu.JCoinCredentials
import jp.saifu.KonbiniChain
import jp.saifu.Notified
import jp.saifu.OneTimePassword
import jp.saifu.Pin
import jp.saifu.SaifuException
import jp.saifu.Scope
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.Test
import java.time.Duration

/** Charges, PINs and one-time passwords through the binding: every export reachable,
 * records whole both ways. The rules are the core's tests and the vectors'. */
class ChargeTest {
    private val at = t("2026-11-23T10:00:00+09:00")

    @Test
    fun aLockoutSurvivesToJsonAndFromJson() {
        chargesFixture().use { c ->
            c.start("c1", "minato", ChargeMethod.Card(Brand.JCB), ChargeOrder.Amount(3_000), at)
            c.confirm("c1", at)
            c.pay("c1", at)
            c.notify("c1", ChargeEvent.THREE_DS_NOT_ENROLLED, at)
            val text = c.toJson()
            // Instants are saved with the offset given: a binding's times come as UTC.
            assertTrue(text.contains("\"lockout_until\":\"2026-11-23T01:30:00+00:00\""))
            val until = t("2026-11-23T10:30:00+09:00")
            jp.saifu.Charges.fromJson(text).use { again ->
                assertEquals(text, again.toJson())
                assertEquals(c.charges(), again.charges())
                assertEquals(ChargeGuard("charge.blocked_card_lockout", until), again.guard(until.minusMillis(1)))
                assertNull(again.guard(until))
                assertFalse(again.notify("c1", ChargeEvent.THREE_DS_NOT_ENROLLED, at.plusSeconds(5)).applied)
            }
            val e = org.junit.jupiter.api.Assertions.assertThrows(jp.saifu.SaifuException.StateInvalidCharges::class.java) {
                jp.saifu.Charges.fromJson(text.replace("\"lockout_until\":\"2026-11-23T01:30:00+00:00\"", "\"lockout_until\":null"))
            }
            assertEquals("lockout_until", e.subject)
            assertEquals("not-enrolled card without lockout", e.detail)
            assertEquals("state.invalid_charges", e.code())
        }
    }

    @Test
    fun cardPurchaseOfUnitsCreatesTheProductsLots() {
        chargesFixture().use { c ->
            assertNull(c.guard(at))
            c.canStart(at)
            val visa = ChargeMethod.Card(Brand.VISA)
            assertEquals(
                Charge("c1", "oyama", visa, 20_000, 2, ChargeState.DRAFT, null, null),
                c.start("c1", "oyama", visa, ChargeOrder.Units(2), at),
            )
            assertEquals(ChargeState.CONFIRMING, c.confirm("c1", at.plusSeconds(10)))
            assertEquals(ChargeState.AWAITING_THREE_DS, c.pay("c1", at.plusSeconds(20)))
            val done = at.plusSeconds(60)
            assertEquals(Notified(ChargeState.SUCCEEDED, true), c.notify("c1", ChargeEvent.THREE_DS_SUCCEEDED, done))
            assertEquals(Notified(ChargeState.SUCCEEDED, false), c.notify("c1", ChargeEvent.THREE_DS_SUCCEEDED, done.plusSeconds(5)))
            assertEquals(
                listOf(
                    ChargedLot("c1", "oyama", Scope.SMALL_STORES_ONLY, 16_000, done),
                    ChargedLot("c1", "oyama", Scope.ALL_STORES, 10_000, done),
                ),
                c.chargedLots(),
            )
            assertEquals(ChargeEvent.THREE_DS_SUCCEEDED, c.charge("c1")?.endedBy)
            assertEquals(listOf("c1"), c.charges().map { it.id })
            assertNull(c.charge("c9"))
        }
    }

    @Test
    fun theEventLogsReplayTheChargesAndTheWallet() {
        jp.saifu.Wallet().use { w ->
            chargesFixture().use { c ->
                assertFalse(c.eventLog())
                c.setEventLog(true)
                w.setEventLog(true)
                w.addProgram(minato)
                val visa = ChargeMethod.Card(Brand.VISA)
                c.start("c1", "minato", visa, ChargeOrder.Amount(3_000), at)
                // A failed call records nothing.
                assertThrows<SaifuException.ChargeDuplicateId> { c.start("c1", "minato", visa, ChargeOrder.Amount(1), at) }
                c.confirm("c1", at.plusSeconds(10))
                c.pay("c1", at.plusSeconds(20))
                val issued = listOf(jp.saifu.IssuedLot("L1", "N7af3c1d7AV9b2e4", "d012104262000001"))
                assertTrue(c.notifyInto(w, "c1", ChargeEvent.THREE_DS_SUCCEEDED, issued, at.plusSeconds(60)).applied)
                val events = c.takeEventsJson()
                assertEquals("[]", c.takeEventsJson())
                assertEquals(4, Regex("\"at\":").findAll(events).count(), events)

                // The programs came before the log: a full log starts with them.
                val full = jp.saifu.Charges().use { programs ->
                    programs.setEventLog(true)
                    programs.addProgram(minato)
                    programs.addProgram(oyama)
                    programs.takeEventsJson().removeSuffix("]") + "," + events.removePrefix("[")
                }
                jp.saifu.Charges.replayJson(full).use { again ->
                    assertEquals(c.toJson(), again.toJson())
                    assertEquals(c.charges(), again.charges())
                    assertFalse(again.eventLog())
                }
                jp.saifu.Wallet.replayJson(w.takeEventsJson()).use { again -> assertEquals(w.toJson(), again.toJson()) }

                val e = assertThrows<SaifuException.StateInvalidEvent> { jp.saifu.Charges.replayJson(events).close() }
                assertEquals(0L, e.index)
                assertEquals("charge.unknown_program", e.causeCode)
                assertEquals("state.malformed", assertThrows<SaifuException.StateMalformed> { jp.saifu.Charges.replayJson("[{\"ticked\":{}}]").close() }.code())
            }
        }
    }

    @Test
    fun cardNotEnrolledLocksChargesFor30Minutes() {
        chargesFixture().use { c ->
            c.start("c1", "minato", ChargeMethod.Card(Brand.JCB), ChargeOrder.Amount(3_000), at)
            c.confirm("c1", at)
            c.pay("c1", at)
            assertEquals(ChargeState.FAILED, c.notify("c1", ChargeEvent.THREE_DS_NOT_ENROLLED, at).state)
            val until = t("2026-11-23T10:30:00+09:00")
            assertEquals(ChargeGuard("charge.blocked_card_lockout", until), c.guard(until.minusMillis(1)))
            assertNull(c.guard(until))
            assertTrue(c.chargedLots().isEmpty())
        }
    }

    @Test
    fun cashChargeHasItsDeadline() {
        chargesFixture().use { c ->
            val applied = t("2026-11-23T22:00:00+09:00")
            c.start("k1", "minato", ChargeMethod.Konbini(KonbiniChain.SEVEN_ELEVEN), ChargeOrder.Amount(5_000), at)
            c.confirm("k1", at)
            assertEquals(ChargeState.AWAITING_PAYMENT, c.pay("k1", applied))
            val until = t("2026-11-26T00:00:00+09:00")
            assertEquals(until, c.charge("k1")?.until)
            assertEquals(ChargeGuard("charge.blocked_pending_payment", until), c.guard(applied))
            assertEquals(ChargeState.AWAITING_PAYMENT, c.stateAt("k1", until.minusMillis(1)))
            assertEquals(ChargeState.EXPIRED, c.stateAt("k1", until))
            assertNull(c.stateAt("k9", until))
            assertEquals(ChargeState.AWAITING_PAYMENT, c.charge("k1")?.state, "recorded only by tick")
            assertEquals(listOf<String>(), c.tick(until.minusMillis(1)))
            assertEquals(listOf("k1"), c.tick(until))
            assertEquals(ChargeState.EXPIRED, c.charge("k1")?.state)
            assertNull(c.guard(until))

            c.start("p1", "minato", ChargeMethod.PayEasy, ChargeOrder.Amount(1_000), until)
            assertEquals(ChargeState.CANCELLED, c.cancel("p1", until))
            c.start("j1", "minato", ChargeMethod.JCoin, ChargeOrder.Amount(2_000), until)
            val refused = assertThrows<SaifuException.JcoinCredentialsRequired> { c.confirm("j1", until) }
            assertEquals("jcoin.credentials_required", refused.code())
            JCoinCredentials("jcoin012345", "s3cret pass", "482913").use { credentials ->
                assertEquals("JCoinCredentials { id: JCoinId(\"****2345\"), password: \"<hidden>\", confirmation_code: \"<hidden>\" }", credentials.toString())
                assertEquals("s3cret pass", credentials.password())
                assertEquals(ChargeState.CONFIRMING, c.confirmJcoin("j1", credentials, until))
            }
            assertEquals("****2345", c.charge("j1")?.jcoinId)
            assertEquals(ChargeState.AUTHORIZING, c.pay("j1", until))
            assertEquals(Notified(ChargeState.SUCCEEDED, true), c.notify("j1", ChargeEvent.AUTHORIZED, until))
            assertEquals(listOf(ChargedLot("j1", "minato", Scope.ALL_STORES, 2_000, until)), c.chargedLots())
            assertEquals(ChargeMethod.JCoin, c.charge("j1")?.method)
        }
    }

    @Test
    fun idsOfStatesEventsAndChains() {
        assertEquals(
            listOf("draft", "confirming", "awaiting_three_ds", "awaiting_payment", "authorizing", "succeeded", "paid", "failed", "expired", "cancelled"),
            ChargeState.entries.map { it.id() },
        )
        assertEquals(
            listOf(ChargeState.SUCCEEDED, ChargeState.PAID, ChargeState.FAILED, ChargeState.EXPIRED, ChargeState.CANCELLED),
            ChargeState.entries.filter { it.isEnded() },
        )
        assertEquals(
            listOf("three_ds_succeeded", "three_ds_failed", "three_ds_not_enrolled", "paid", "authorized", "declined"),
            ChargeEvent.entries.map { it.id() },
        )
        assertEquals(listOf("familymart", "lawson", "seven_eleven", "ministop", "seicomart"), KonbiniChain.entries.map { it.id() })
    }

    @Test
    fun pinAndOneTimePassword() {
        Pin("１２３４").use { pin ->
            assertEquals(0L, pin.failures())
            assertFalse(pin.isLocked())
            pin.verify("1234")
            runCatching { pin.verify("1111") }
            assertEquals(1L, pin.failures())
        }
        val issued = t("2026-11-23T10:00:00+09:00")
        OneTimePassword("0420", issued, Duration.ofMinutes(10), 3L).use { otp ->
            assertEquals(issued.plusSeconds(600), otp.expiresAt())
            assertFalse(otp.isUsed())
            assertFalse(otp.isLocked())
            otp.verify("０４２０", issued.plusSeconds(599))
            assertTrue(otp.isUsed())
        }
        OneTimePassword("123456", issued, Duration.ofMinutes(10), 1L).use { otp ->
            runCatching { otp.verify("000000", issued) }
            assertTrue(otp.isLocked())
        }
    }

    @Test
    fun secretsNeverPrintTheirDigits() {
        Pin("1234").use { pin ->
            assertEquals("Pin { failures: 0, locked: false }", pin.toString())
            runCatching { pin.verify("9876") }
            assertFalse(pin.toString().contains("1234") || pin.toString().contains("9876"), pin.toString())
        }
        OneTimePassword("987654", t("2026-11-23T10:00:00+09:00"), Duration.ofMinutes(10), 3L).use { otp ->
            val shown = otp.toString()
            assertTrue(shown.startsWith("OneTimePassword {") && shown.contains("used: false"), shown)
            assertFalse(shown.contains("987654"), shown)
        }
    }

    @Test
    fun oneProgramRecordServesTheWalletAndTheCharges() {
        jp.saifu.Wallet().use { w ->
            jp.saifu.Charges().use { c ->
                jp.saifu.UserState(w, c).use { state ->
                    // The record the charges sell is the one the wallet spends, added to both at once.
                    state.addProgram(oyama)
                    assertEquals(listOf(oyama), w.programs())
                    assertEquals(listOf(oyama), c.programs())
                    // All or nothing: without a prefix the wallet refuses it, the charges stay as they were.
                    val noPrefix = jp.saifu.Program("p", "P", acceptedBrands = listOf(Brand.VISA))
                    val e = assertThrows<SaifuException.WalletNoPaymentIdPrefix> { c.addProgramWith(w, noPrefix) }
                    assertEquals("p", e.program)
                    assertEquals(listOf("oyama"), c.programs().map { it.id })
                    // The charges alone take it; then the pair refuses the id, and the wallet is unchanged.
                    c.addProgram(noPrefix)
                    assertThrows<SaifuException.ChargeDuplicateId> { state.addProgram(jp.saifu.Program("p", "P", "X")) }
                    assertEquals(listOf("oyama"), w.programs().map { it.id })
                    jp.saifu.Wallet.fromJson(w.toJson()).use { assertEquals(listOf(oyama), it.programs()) }
                }
            }
        }
    }
}
