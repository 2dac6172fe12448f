package saifu

import jp.saifu.ExpiredRefundPolicy
import jp.saifu.HistoryFilter
import jp.saifu.Merchant
import jp.saifu.MerchantSize
import jp.saifu.NewLot
import jp.saifu.Program
import jp.saifu.SaifuException
import jp.saifu.Scope
import jp.saifu.SpendingPolicy
import jp.saifu.Wallet
import jp.saifu.WalletPolicy

/** The `wallet` scenario of conformance/README.md, mirroring core/tests/scenarios/wallet.rs. */
object WalletScenario {
    /** A setup step that fails is a failed case, not an outcome. */
    private fun <T> setupStep(block: () -> T): T =
        try {
            block()
        } catch (e: SaifuException) {
            throw CaseFailure("setup: ${e.code()}: $e")
        }

    fun setup(setup: Map<String, Any?>): Wallet {
        val w = Wallet()
        for (raw in setup.list("programs")) {
            val p = asObject(raw, "program")
            setupStep { w.addProgram(Program(p.text("id"), p.text("name"), p.text("payment_id_prefix"))) }
        }
        for (raw in setup.list("merchants")) {
            val m = asObject(raw, "merchant")
            val size = when (val s = m.text("size")) {
                "large" -> MerchantSize.LARGE
                "small" -> MerchantSize.SMALL
                else -> throw CaseFailure("unknown size $s")
            }
            val programs = m.list("programs").filterIsInstance<String>()
            setupStep { w.addMerchant(Merchant(m.text("id"), m.text("name"), size, programs, m["jpqr_id"] as? String)) }
        }
        if (setup.containsKey("policy")) {
            val policy = setup.obj("policy")
            val spending = when (val s = policy["spending"]) {
                null, "expiry_then_balance" -> SpendingPolicy.EXPIRY_THEN_BALANCE
                "restricted_first" -> SpendingPolicy.RESTRICTED_FIRST
                else -> throw CaseFailure("unknown spending policy $s")
            }
            val expiredRefund = when (val r = policy["expired_refund"]) {
                null, "reject" -> ExpiredRefundPolicy.Reject
                "forfeit" -> ExpiredRefundPolicy.Forfeit
                is Map<*, *> -> {
                    val days = (r["reissue_days"] as? Number)?.toLong() ?: throw CaseFailure("bad reissue_days")
                    ExpiredRefundPolicy.Reissue(days)
                }
                else -> throw CaseFailure("unknown expired_refund policy $r")
            }
            setupStep { w.setPolicy(WalletPolicy(spending, expiredRefund)) }
        }
        if (setup["payment_serial"] != null) {
            val serial = setup.integer("payment_serial")
            setupStep { w.setNextPaymentSerial(serial) }
        }
        for (raw in setup.list("lots")) {
            val lot = newLot(asObject(raw, "lot"))
            setupStep { w.openLot(lot) }
        }
        return w
    }

    fun newLot(l: Map<String, Any?>): NewLot {
        val balance = l.integer("balance")
        return NewLot(
            id = l.text("id"),
            code = l.text("code"),
            managementNo = l.text("management_no"),
            program = l.text("program"),
            scope = when (val s = l.text("scope")) {
                "all_stores" -> Scope.ALL_STORES
                "small_stores_only" -> Scope.SMALL_STORES_ONLY
                else -> throw CaseFailure("unknown scope $s")
            },
            registeredAt = time(l["registered_at"]),
            expiresOn = when (val e = l["expires_on"]) {
                null -> null
                is String -> e
                else -> throw CaseFailure("bad expires_on $e")
            },
            faceValue = if (l.containsKey("face_value")) l.integer("face_value") else balance,
            balance = balance,
        )
    }

    private fun allocations(list: List<Pair<String, Long>>): List<Map<String, Any?>> =
        list.map { (lot, amount) -> mapOf("lot" to lot, "amount" to amount) }

    fun run(case: Map<String, Any?>) {
        setup(case.obj("setup")).use { w ->
            val steps = case["steps"] as? List<*> ?: throw CaseFailure("no steps")
            steps.forEachIndexed { i, raw ->
                val step = asObject(raw, "step")
                val before = w.toJson()
                val outcome = try {
                    stepOutcome(w, step)
                } catch (f: CaseFailure) {
                    throw CaseFailure("step $i: ${f.message}")
                }
                try {
                    check(outcome, step.obj("expect"))
                } catch (f: CaseFailure) {
                    throw CaseFailure("step $i (${step["op"]}): ${f.message}")
                }
                if (outcome is Outcome.Err && w.toJson() != before) {
                    throw CaseFailure("step $i: a failed step changed the wallet")
                }
            }
        }
    }

    private fun stepOutcome(w: Wallet, step: Map<String, Any?>): Outcome {
        val at = time(step["at"])
        val args = step.obj("args")
        return when (val op = step["op"] as? String ?: "") {
            "pay" -> {
                val (merchant, amount) = args.text("merchant") to args.number("amount")
                outcome {
                    val r = w.pay(merchant, yenOf(amount), at)
                    mapOf(
                        "payment_id" to r.paymentId,
                        "allocations" to allocations(r.allocations.map { it.lot to it.amount }),
                        "balance_after" to r.balanceAfter,
                    )
                }
            }
            "quote" -> {
                val (merchant, amount) = args.text("merchant") to args.number("amount")
                outcome {
                    val q = w.quote(merchant, yenOf(amount), at)
                    mapOf("available" to q.available, "allocations" to allocations(q.allocations.map { it.lot to it.amount }))
                }
            }
            "refund" -> {
                val (payment, amount) = args.text("payment_id") to args.number("amount")
                outcome {
                    val r = w.refund(payment, yenOf(amount), at)
                    mapOf(
                        "refund_id" to r.refundId,
                        "restored" to allocations(r.restored.map { it.lot to it.amount }),
                        "refundable" to r.refundableAfter,
                    )
                }
            }
            "expire" -> outcome { mapOf("forfeited" to allocations(w.expire(at).map { it.lot to it.amount })) }
            "balance" -> outcome {
                val b = w.balance(at)
                mapOf(
                    "total" to b.total, "under_6_months" to b.under6Months, "under_1_year" to b.under1Year,
                    "one_year_or_more" to b.oneYearOrMore,
                    "lots" to b.lots.associate { it.lot to it.balance },
                    "programs" to b.programs.associate { it.program to it.total },
                )
            }
            "history" -> outcome {
                mapOf(
                    "entries" to w.history(HistoryFilter()).map { e ->
                        mapOf(
                            "kind" to e.kind.id(), "id" to e.id, "amount" to e.amount,
                            "at" to e.at.toString(), "time" to e.displayTime, "display_amount" to e.displayAmount,
                        )
                    },
                )
            }
            "charge" -> {
                val lots = (args["lots"] as? List<*> ?: throw CaseFailure("charge needs lots")).map { newLot(asObject(it, "lot")) }
                val (id, program) = args.text("id") to args.text("program")
                outcome {
                    w.charge(id, program, at, lots)
                    emptyMap()
                }
            }
            "lots" -> outcome {
                mapOf(
                    "lots" to w.lots().map { l ->
                        mapOf("id" to l.id, "balance" to l.balance, "scope" to l.scope.name.lowercase())
                    },
                )
            }
            else -> throw CaseFailure("unknown op $op")
        }
    }
}
