package saifu

import jp.saifu.Brand
import jp.saifu.ChargeEvent
import jp.saifu.ChargeMethod
import jp.saifu.ChargeMethodKind
import jp.saifu.ChargeOrder
import jp.saifu.Charges
import jp.saifu.HistoryFilter
import jp.saifu.IssuedLot
import jp.saifu.Program
import jp.saifu.UserState
import jp.saifu.Wallet
import jp.saifu.JCoinCredentials
import jp.saifu.KonbiniChain
import jp.saifu.Product
import jp.saifu.ProductLine
import jp.saifu.PurchaseCodeStatus
import jp.saifu.SaifuException
import jp.saifu.Scope
import jp.saifu.parseCard
import jp.saifu.parseCardExpiry
import java.time.Instant

/** The `charge` scenario of conformance/README.md, mirroring core/tests/scenarios/charge.rs. */
object ChargeScenario {
    private fun <T> setupStep(block: () -> T): T =
        try {
            block()
        } catch (e: SaifuException) {
            throw CaseFailure("setup: ${e.code()}: $e")
        }

    private fun scope(s: String): Scope =
        when (s) {
            "all_stores" -> Scope.ALL_STORES
            "small_stores_only" -> Scope.SMALL_STORES_ONLY
            else -> throw CaseFailure("unknown scope $s")
        }

    private fun scopeId(s: Scope): String = s.name.lowercase()

    private fun brand(id: Any?): Brand =
        Brand.entries.firstOrNull { it.id() == id } ?: throw CaseFailure("unknown brand $id")

    /** The setup's charges, and a wallet of the same programs that successes credit. */
    fun setup(setup: Map<String, Any?>): Pair<Wallet, Charges> {
        val charges = Charges()
        val wallet = Wallet()
        for (raw in setup.list("programs")) {
            val p = asObject(raw, "program")
            val product = p["product"]?.let { asObject(it, "product") }?.let { pr ->
                Product(
                    unitPrice = pr.integer("unit_price"),
                    maxUnits = pr.integer("max_units"),
                    breakdown = (pr["breakdown"] as? List<*> ?: throw CaseFailure("breakdown")).map {
                        val line = asObject(it, "breakdown line")
                        ProductLine(scope(line.text("scope")), line.integer("value"))
                    },
                    // Absent: every way to pay.
                    methods = if (pr.containsKey("methods")) pr.list("methods").map { methodKind(it) } else ChargeMethodKind.entries,
                    lotsExpireOn = pr["lots_expire_on"] as String?,
                )
            }
            // One record for the wallet and the charges.
            val program = Program(p.text("id"), p.text("name"), p.text("payment_id_prefix"), p.list("accepted_brands").map { brand(it) }, product)
            setupStep { wallet.addProgram(program) }
            setupStep { charges.addProgram(program) }
        }
        for (raw in setup["purchase_codes"] as? List<*> ?: listOf<Any?>()) {
            val code = asObject(raw, "purchase code")
            setupStep { charges.registerPurchaseCode(code.text("code"), code.text("program"), code.integer("units")) }
        }
        return wallet to charges
    }

    private fun methodKind(id: Any?): ChargeMethodKind =
        ChargeMethodKind.entries.firstOrNull { it.id() == id } ?: throw CaseFailure("unknown method $id")

    private fun method(args: Map<String, Any?>): ChargeMethod =
        when (val m = args.text("method")) {
            "card" -> ChargeMethod.Card(brand(args.text("brand")))
            "konbini" -> {
                val id = args.text("chain")
                ChargeMethod.Konbini(KonbiniChain.entries.firstOrNull { it.id() == id } ?: throw CaseFailure("unknown chain"))
            }
            "payeasy" -> ChargeMethod.PayEasy
            "jcoin" -> ChargeMethod.JCoin
            else -> throw CaseFailure("unknown method $m")
        }

    /** What a failed step must leave as it was: every charge, the charged lots, and the
     * guard at the step's time (the card lockout shows only through it). */
    private fun snapshot(w: Wallet, c: Charges, at: Instant): Any =
        listOf(c.charges(), c.chargedLots(), c.guard(at), c.purchaseCodes(), w.toJson())

    /** A restart of an app that saves the user's state as one document: wallet and
     * charges saved together, loaded back (the same text), and the run goes on with them. */
    private fun reloadUserState(w: Wallet, c: Charges): Pair<Wallet, Charges> {
        val saved = UserState(w, c).use { it.toJson() }
        val loaded = try {
            UserState.fromJson(saved)
        } catch (e: SaifuException) {
            throw CaseFailure("reload failed: ${e.code()}")
        }
        loaded.use {
            val (lw, lc) = it.wallet() to it.charges()
            if (it.toJson() != saved || lw.toJson() != w.toJson() || lc.toJson() != c.toJson()) {
                lw.close()
                lc.close()
                throw CaseFailure("reload changed the user's state")
            }
            w.close()
            c.close()
            return lw to lc
        }
    }

    /** What an app does at a restart: save the charges, load the text back, go on with
     * the loaded ones (which must save the same text). */
    private fun reload(c: Charges): Charges {
        val saved = c.toJson()
        val loaded = try {
            Charges.fromJson(saved)
        } catch (e: SaifuException) {
            throw CaseFailure("reload failed: ${e.code()}")
        }
        if (loaded.toJson() != saved || loaded.charges() != c.charges() || loaded.chargedLots() != c.chargedLots()) {
            loaded.close()
            throw CaseFailure("reload changed the charges")
        }
        c.close()
        return loaded
    }

    fun run(case: Map<String, Any?>) {
        var (w, c) = setup(case.obj("setup"))
        try {
            val steps = case["steps"] as? List<*> ?: throw CaseFailure("no steps")
            steps.forEachIndexed { i, raw ->
                val step = asObject(raw, "step")
                val before = snapshot(w, c, time(step["at"]))
                val outcome = try {
                    when (step["op"]) {
                        "reload" -> {
                            c = reload(c)
                            Outcome.Ok(emptyMap<String, Any?>())
                        }
                        "reload_user_state" -> {
                            val (lw, lc) = reloadUserState(w, c)
                            w = lw
                            c = lc
                            Outcome.Ok(emptyMap<String, Any?>())
                        }
                        else -> stepOutcome(w, c, step)
                    }
                } catch (f: CaseFailure) {
                    throw CaseFailure("step $i: ${f.message}")
                }
                try {
                    check(outcome, step.obj("expect"))
                } catch (f: CaseFailure) {
                    throw CaseFailure("step $i (${step["op"]}): ${f.message}")
                }
                if (outcome is Outcome.Err && snapshot(w, c, time(step["at"])) != before) {
                    throw CaseFailure("step $i: a failed step changed the charges or the wallet")
                }
            }
        } finally {
            c.close()
            w.close()
        }
    }

    private fun stepOutcome(w: Wallet, c: Charges, step: Map<String, Any?>): Outcome {
        val at = time(step["at"])
        val args = step.obj("args")
        val state = { s: jp.saifu.ChargeState -> mapOf("state" to s.id()) }
        return when (val op = step["op"] as? String ?: "") {
            "can_start" -> outcome {
                try {
                    c.canStart(at)
                    mapOf("allowed" to true)
                } catch (e: SaifuException) {
                    val blocked = mutableMapOf<String, Any?>("allowed" to false, "reason" to e.code())
                    runCatching { errorField(e, "until") }.getOrNull()?.let { blocked["until"] = it }
                    blocked
                }
            }
            "start" -> {
                // The numbers go to core as given (a Double through core's floating-point
                // entry): core decides what they mean.
                val order: () -> ChargeOrder = when {
                    args.containsKey("amount") && !args.containsKey("units") -> args.number("amount").let { { ChargeOrder.Amount(yenOf(it)) } }
                    args.containsKey("units") && !args.containsKey("amount") -> args.number("units").let { { ChargeOrder.Units(unitsOf(it)) } }
                    else -> throw CaseFailure("start needs amount or units")
                }
                val (id, program, method) = Triple(args.text("id"), args.text("program"), method(args))
                outcome {
                    val charge = c.start(id, program, method, order(), at)
                    mapOf("state" to charge.state.id(), "amount" to charge.amount)
                }
            }
            "confirm" ->
                if (args.containsKey("number")) {
                    val (id, number, expiry) = Triple(args.text("id"), args.text("number"), args.text("expiry"))
                    outcome {
                        val s = parseCard(number).use { card -> c.confirmCard(id, card, parseCardExpiry(expiry), at) }
                        val method = c.charges().first { it.id == id }.method as? ChargeMethod.Card
                            ?: throw CaseFailure("the charge is no card charge")
                        mapOf("state" to s.id(), "brand" to method.brand.id())
                    }
                } else if (args.containsKey("jcoin_id")) {
                    val id = args.text("id")
                    val (jcoinId, password, code) = Triple(args.text("jcoin_id"), args.text("password"), args.text("code"))
                    outcome {
                        val s = JCoinCredentials(jcoinId, password, code).use { c.confirmJcoin(id, it, at) }
                        mapOf("state" to s.id(), "jcoin_id" to c.charges().first { it.id == id }.jcoinId)
                    }
                } else {
                    args.text("id").let { id -> outcome { state(c.confirm(id, at)) } }
                }
            "pay" -> args.text("id").let { id -> outcome { state(c.pay(id, at)) } }
            "cancel" -> args.text("id").let { id -> outcome { state(c.cancel(id, at)) } }
            "event" -> {
                val eventId = args.text("event")
                val event = ChargeEvent.entries.firstOrNull { it.id() == eventId } ?: throw CaseFailure("unknown event")
                val id = args.text("id")
                outcome {
                    val n = c.notify(id, event, at)
                    mapOf("state" to n.state.id(), "applied" to n.applied)
                }
            }
            "issue_slip" -> {
                val id = args.text("id")
                val (numbers, rules, lang) =
                    Triple(CardScenarios.slipNumbers(args), CardScenarios.rules(args), CardScenarios.slipLang(args))
                outcome { c.issueSlip(id, numbers, at, rules).use { CardScenarios.slipView(it, lang) } }
            }
            "slip" -> {
                val id = args.text("id")
                val lang = CardScenarios.slipLang(args)
                val charge = c.charge(id) ?: throw CaseFailure("unknown charge")
                outcome {
                    mapOf(
                        "state" to c.stateAt(id, at)?.let { it.id() },
                        "slip" to charge.slip?.let { CardScenarios.slipView(it, lang) },
                    )
                }
            }
            "start_purchase" -> {
                val (id, program, code) = Triple(args.text("id"), args.text("program"), args.text("code"))
                val (units, method) = Pair(args.number("units"), method(args))
                outcome {
                    val charge = c.startPurchase(id, program, code, unitsOf(units), method, at)
                    mapOf("state" to charge.state.id(), "amount" to charge.amount)
                }
            }
            "register_code" -> {
                val (code, program, units) = Triple(args.text("code"), args.text("program"), args.number("units"))
                outcome { mapOf("code" to c.registerPurchaseCode(code, program, unitsOf(units))) }
            }
            "code_status" -> {
                val code = args.text("code")
                outcome {
                    when (val s = c.purchaseCodeStatus(code, at)) {
                        is PurchaseCodeStatus.Available -> mapOf("status" to "available")
                        is PurchaseCodeStatus.InUse -> mapOf("status" to "in_use", "charge" to s.charge)
                        is PurchaseCodeStatus.Used -> mapOf("status" to "used", "charge" to s.charge)
                    }
                }
            }
            "quote" -> {
                val (program, units) = Pair(args.text("program"), args.number("units"))
                val method = if (args.containsKey("method")) method(args) else null
                outcome {
                    val q = c.quote(program, unitsOf(units), method)
                    mapOf(
                        "lines" to q.lines.map { mapOf("scope" to scopeId(it.scope), "value" to it.value) },
                        "total" to q.total,
                        "lots_expire_on" to q.lotsExpireOn,
                    )
                }
            }
            "tick" -> outcome { mapOf("expired" to c.tick(at)) }
            // The provider's notification with the lots it issued: a success credits the
            // wallet in the same step.
            "credit" -> {
                val eventId = args.text("event")
                val event = ChargeEvent.entries.firstOrNull { it.id() == eventId } ?: throw CaseFailure("unknown event")
                val issued = args.list("issued").map {
                    val lot = asObject(it, "issued lot")
                    IssuedLot(lot.text("id"), lot.text("code"), lot.text("management_no"))
                }
                val id = args.text("id")
                outcome {
                    val n = c.notifyInto(w, id, event, issued, at)
                    mapOf("state" to n.state.id(), "applied" to n.applied)
                }
            }
            "wallet" -> outcome {
                mapOf(
                    "total" to w.balance(at).total,
                    "lots" to w.lots().map { l ->
                        mapOf(
                            "id" to l.id, "masked_code" to l.maskedCode, "management_no" to l.managementNo,
                            "program" to l.program, "scope" to scopeId(l.scope), "balance" to l.balance,
                            "expires_on" to l.expiresOn, "registered_at" to l.registeredAt.toString(),
                        )
                    },
                    "history" to w.history(HistoryFilter()).map { e ->
                        mapOf("kind" to e.kind.id(), "id" to e.id, "amount" to e.amount)
                    },
                )
            }
            "lots" -> outcome {
                mapOf(
                    "lots" to c.chargedLots().map { l ->
                        mapOf("scope" to scopeId(l.scope), "balance" to l.value, "charge" to l.charge, "expires_on" to l.expiresOn)
                    },
                )
            }
            else -> throw CaseFailure("unknown op $op")
        }
    }
}
