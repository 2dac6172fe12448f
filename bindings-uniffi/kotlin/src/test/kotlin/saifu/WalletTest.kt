package saifu

import jp.saifu.CustomerQrPayment
import jp.saifu.CustomerQrState
import jp.saifu.ExpiredRefundPolicy
import jp.saifu.HistoryFilter
import jp.saifu.HistoryKind
import jp.saifu.MerchantQrPayment
import jp.saifu.MerchantQrState
import jp.saifu.NewLot
import jp.saifu.RestoreOutcome
import jp.saifu.Scope
import jp.saifu.SpendingPolicy
import jp.saifu.Wallet
import jp.saifu.WalletPolicy
import jp.saifu.buildMerchantQr
import jp.saifu.jpqrMerchantQr
import jp.saifu.parseCard
import jp.saifu.parseSecurityCode
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Duration

/** The wallet and the QR flows through the binding, end to end. */
class WalletTest {
    @Test
    fun recordsCrossWhole() {
        seedWallet().use { w ->
            val receipt = w.pay("riverside", 3_500, t("2021-05-21T19:12:29+09:00"))
            assertEquals("OEM202000010120210521000000000002", receipt.paymentId)
            assertEquals("天王洲飯店 リバーサイド店", receipt.merchantName)
            assertEquals(t("2021-05-21T19:12:29+09:00"), receipt.at)
            assertEquals(listOf("L2" to 3_000L, "L1" to 500L), receipt.allocations.map { it.lot to it.amount })
            assertEquals(9_500L, receipt.balanceAfter)
            assertEquals(3L, w.nextPaymentSerial())

            val refund = w.refund(receipt.paymentId, 600, t("2021-05-23T01:47:21.578+09:00"))
            assertEquals("OEM202000010120210521000000000002-20210523014721578", refund.refundId)
            assertEquals(listOf("L1" to 500L, "L2" to 100L), refund.restored.map { it.lot to it.amount })
            assertTrue(refund.restored.all { it.outcome == RestoreOutcome.Restored })
            assertEquals(2_900L, refund.refundableAfter)

            val view = w.balance(t("2021-05-24T00:00:00+09:00"))
            assertEquals(10_100L, view.total)
            assertEquals("10,100円分", view.displayTotal)
            val l1 = view.lots.first { it.lot == "L1" }
            assertEquals("N7af****7AV9****", l1.maskedCode)
            assertEquals("なし" to "none", l1.displayExpiresOnJa to l1.displayExpiresOnEn)
            assertEquals("2021/04/27 20:09:26", l1.displayRegisteredAt)
            assertEquals("10,000円分", l1.displayBalance)
            assertEquals("2026-12-31", view.lots.first { it.lot == "L2" }.expiresOn)
            assertEquals(listOf("tennozu" to 10_100L), view.programs.map { it.program to it.total })

            val history = w.history(HistoryFilter())
            assertEquals(listOf(HistoryKind.REFUND, HistoryKind.PAYMENT), history.map { it.kind })
            assertEquals("-600円分", history[0].displayAmount)
            assertEquals("2021/05/23 01:47:21", history[0].displayTime)
            assertEquals(listOf(HistoryKind.PAYMENT), w.history(HistoryFilter(kinds = listOf(HistoryKind.PAYMENT))).map { it.kind })
            assertEquals(1, w.history(HistoryFilter(until = t("2021-05-22T00:00:00+09:00"))).size)

            val payment = w.payments().single()
            assertEquals(2L, payment.serial)
            assertEquals(2_900L, payment.refundable)
            assertEquals(listOf(600L), payment.refunds.map { it.amount })
            assertEquals(listOf("L1", "L2"), w.lots().map { it.id })
            assertEquals("AAAA****aaaa****", w.lots()[1].maskedCode)

            val forfeited = w.expire(t("2027-01-01T00:00:00+09:00"))
            assertEquals(listOf("L2" to 100L), forfeited.map { it.lot to it.amount })
        }
    }

    @Test
    fun chargesAndPolicies() {
        seedWallet().use { w ->
            val bought = t("2026-04-01T10:00:00+09:00")
            w.charge(
                "C1", "tennozu", bought,
                listOf(NewLot("A", "AAAA1111BBBB2222", "d1", "tennozu", Scope.SMALL_STORES_ONLY, bought, "2026-12-31", 8_000, 8_000)),
            )
            assertEquals("-8,000円分", w.history(HistoryFilter()).first().displayAmount)
            w.setPolicy(WalletPolicy(SpendingPolicy.RESTRICTED_FIRST, ExpiredRefundPolicy.Reissue(30L)))
            val paid = w.pay("riverside", 9_000, t("2026-05-01T12:00:00+09:00"))
            val refund = w.refund(paid.paymentId, 9_000, t("2027-01-05T12:00:00+09:00"))
            val reissued = refund.restored.map { it.outcome }.filterIsInstance<RestoreOutcome.Reissued>()
            assertEquals(listOf("2027-02-04"), reissued.map { it.expiresOn }.distinct())
            assertTrue(reissued.all { it.sequence == 1L })
        }
    }

    @Test
    fun jsonAndEventsRoundTrip() {
        seedWallet().use { w ->
            w.setEventLog(true)
            w.pay("riverside", 100, t("2026-06-01T12:00:00+09:00"))
            val json = w.toJson()
            Wallet.fromJson(json).use { copy -> assertEquals(json, copy.toJson()) }
            val events = w.takeEventsJson()
            assertEquals("[]", w.takeEventsJson())
            assertTrue(events.startsWith("[") && events.length > 2, events)
        }
        Wallet().use { w ->
            w.setEventLog(true)
            w.addProgram(jp.saifu.Program("tennozu", "天王洲キャッシュ", "OEM2020000101"))
            w.addMerchant(jp.saifu.Merchant("riverside", "天王洲飯店", jp.saifu.MerchantSize.SMALL, listOf("tennozu")))
            w.openLot(lot("L1", "N7af3c1d7AV9b2e4", Scope.ALL_STORES, 10_000, null))
            w.pay("riverside", 100, t("2026-06-01T12:00:00+09:00"))
            Wallet.replayJson(w.takeEventsJson()).use { replayed -> assertEquals(w.toJson(), replayed.toJson()) }
        }
    }

    @Test
    fun customerPresentedFlow() {
        seedWallet().use { w ->
            val issued = t("2026-06-01T12:00:00+09:00")
            CustomerQrPayment("tok-8f3a", issued, Duration.ofMinutes(5)).use { flow ->
                assertEquals("tok-8f3a", flow.token())
                assertEquals(issued.plusSeconds(300), flow.expiresAt())
                assertEquals(CustomerQrState.Showing, flow.state())
                flow.merchantRequest("tok-8f3a", "riverside", 300, issued.plusSeconds(60))
                assertEquals(CustomerQrState.AmountShown("riverside", 300), flow.state())
                val receipt = flow.complete(w, issued.plusSeconds(65))
                assertEquals(300L, receipt.amount)
                assertEquals(CustomerQrState.Completed(receipt), flow.state())
            }
            CustomerQrPayment("tok-2", t("2026-06-01T13:00:00+09:00"), Duration.ofMinutes(5)).use { flow ->
                flow.cancel()
                assertEquals(CustomerQrState.Cancelled, flow.state())
            }
        }
    }

    @Test
    fun merchantPresentedFlow() {
        seedWallet().use { w ->
            val payload = buildMerchantQr(jpqrMerchantQr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"))
            MerchantQrPayment.scan(w, payload).use { flow ->
                assertEquals("riverside", flow.merchant())
                assertEquals("天王洲飯店 リバーサイド店", flow.merchantName())
                assertEquals("TENNOZU HANTEN", flow.qr().merchantName)
                assertEquals(MerchantQrState.Scanned, flow.state())
                flow.enterAmount(500)
                assertEquals(MerchantQrState.AmountEntered(500), flow.state())
                val quote = flow.confirm(w, t("2026-06-01T12:00:00+09:00"))
                assertEquals(MerchantQrState.Confirming(quote), flow.state())
                val receipt = flow.pay(w, t("2026-06-01T12:00:10+09:00"))
                assertEquals(quote.allocations, receipt.allocations)
                assertEquals(MerchantQrState.Completed(receipt), flow.state())
            }
            MerchantQrPayment.scan(w, payload).use { flow ->
                flow.cancel()
                assertEquals(MerchantQrState.Cancelled, flow.state())
            }
        }
    }

    @Test
    fun secretsNeverPrintTheirDigits() {
        parseCard("4242424242424242").use { card ->
            val shown = card.toString()
            assertFalse(shown.contains("424242"), shown)
            assertTrue(shown.contains("4242"), shown)
        }
        parseCard("378282246310005").use { card -> assertFalse(card.toString().contains("378282"), card.toString()) }
        parseSecurityCode("987", jp.saifu.Brand.VISA).use { cvc ->
            assertFalse(cvc.toString().contains("987"), cvc.toString())
        }
    }
}
