package saifu

import jp.saifu.Brand
import jp.saifu.CardConfirmation
import jp.saifu.CardPolicy
import jp.saifu.CardsOnFile
import jp.saifu.DigitRule
import jp.saifu.ExpiryInput
import jp.saifu.KonbiniChain
import jp.saifu.Lang
import jp.saifu.PaymentField
import jp.saifu.PaymentSlip
import jp.saifu.RegisteredCard
import jp.saifu.SlipKind
import jp.saifu.SlipLine
import jp.saifu.SlipNumber
import jp.saifu.SmartPitBill
import jp.saifu.SmartPitMedium
import jp.saifu.SmartPitStore
import jp.saifu.Tender
import jp.saifu.canPaySmartPit
import jp.saifu.parsePaymentNumber

/**
 * Cards on file, payment slips and Smart Pit (conformance/README.md): the `card.register`,
 * `card.billing_card`, `payment.number`, `payment.slip` and `smartpit.can_pay` function
 * cases and the `cards_on_file` scenario, mirroring core/tests/scenarios/cards.rs and
 * slips.rs.
 */
object CardScenarios {
    private fun brand(id: Any?): Brand =
        Brand.entries.firstOrNull { it.id() == id } ?: throw CaseFailure("unknown brand $id")

    private fun strings(v: Map<String, Any?>, key: String): List<String> =
        v.list(key).map { it as? String ?: throw CaseFailure("$key: not text: $it") }

    private fun hex(text: String): ByteArray {
        if (text.length % 2 != 0) throw CaseFailure("not hex: $text")
        return ByteArray(text.length / 2) { i ->
            text.substring(2 * i, 2 * i + 2).toIntOrNull(16)?.toByte() ?: throw CaseFailure("not hex: $text")
        }
    }

    /** The integrator's policy of a vector; throws the SaifuException of a bad key or prefix. */
    private fun policy(v: Map<String, Any?>): CardPolicy =
        CardPolicy(
            hex(v.text("fingerprint_key")),
            strings(v, "accepted_brands").map { brand(it) },
            strings(v, "debit_prefixes"),
            strings(v, "allowed_debit_prefixes"),
        )

    private class Entry(val number: String, val expiry: ExpiryInput, val cvc: String)

    private fun entry(v: Map<String, Any?>): Entry {
        val expiry =
            if (v.containsKey("expiry")) {
                ExpiryInput.Text(v.text("expiry"))
            } else {
                ExpiryInput.Fields(v.text("expiry_month"), v.text("expiry_year"))
            }
        return Entry(v.text("number"), expiry, v.text("cvc"))
    }

    private fun record(c: RegisteredCard): Map<String, Any?> =
        mapOf(
            "brand" to c.brand.id(), "last4" to c.last4, "expiry_month" to c.expiryMonth,
            "expiry_year" to c.expiryYear, "debit" to c.debit, "fingerprint" to c.fingerprint,
            "registered_at" to c.registeredAt.toString(),
        )

    private fun readRecord(raw: Any?): RegisteredCard {
        val v = asObject(raw, "record")
        return RegisteredCard(
            brand(v.text("brand")), v.text("last4"), v.integer("expiry_month"), v.integer("expiry_year"),
            v["debit"] as? Boolean ?: throw CaseFailure("debit is not a boolean"), v.text("fingerprint"),
            time(v["registered_at"]),
        )
    }

    private fun confirmation(c: CardConfirmation): Map<String, Any?> =
        record(c.card) + mapOf(
            "masked" to c.maskedNumber, "masked_security_code" to c.maskedSecurityCode, "expiry" to c.expiry,
        )

    private fun cutoffDay(v: Map<String, Any?>): Long? =
        when (val d = v["cutoff_day"]) {
            null -> null
            is Int -> d.toLong()
            is Long -> d
            else -> throw CaseFailure("cutoff_day is not an integer")
        }

    fun register(input: Map<String, Any?>): Outcome {
        val e = entry(input)
        val registered = strings(input, "registered_fingerprints")
        val now = time(input["now"])
        return outcome { policy(input).use { confirmation(it.check(e.number, e.expiry, e.cvc, registered, now)) } }
    }

    /** The registrations become records of one user's cards on file, each with its own
     * fingerprint; the answer names the card of the record chosen. */
    fun billingCard(input: Map<String, Any?>): Outcome {
        val given = input["registrations"] as? List<*> ?: throw CaseFailure("registrations is not a list")
        val ids = mutableMapOf<String, String>()
        val records = given.mapIndexed { i, raw ->
            val r = asObject(raw, "registration")
            val fingerprint = "%064x".format(i)
            ids[fingerprint] = r.text("card")
            RegisteredCard(Brand.VISA, "0000", 12, 2099, false, fingerprint, time(r["at"]))
        }
        val cards = try {
            CardsOnFile.fromRegistrations(records)
        } catch (e: jp.saifu.SaifuException) {
            throw CaseFailure("registrations: ${e.code()}")
        }
        val month = input.text("month")
        val day = cutoffDay(input)
        return cards.use { c -> outcome { mapOf("card" to c.billingCard(month, day)?.let { ids[it.fingerprint] }) } }
    }

    private fun kind(v: Map<String, Any?>): SlipKind =
        when (val id = v.text("kind")) {
            "payeasy" -> SlipKind.PayEasy
            else -> SlipKind.Konbini(
                KonbiniChain.entries.firstOrNull { it.id() == id } ?: throw CaseFailure("unknown kind $id"),
            )
        }

    private fun field(v: Map<String, Any?>): PaymentField =
        PaymentField.entries.firstOrNull { it.id() == v["field"] } ?: throw CaseFailure("unknown field ${v["field"]}")

    fun rules(v: Map<String, Any?>): List<DigitRule> =
        v.list("digits").map {
            val d = asObject(it, "digits")
            DigitRule(kind(d), field(d), d.integer("min"), d.integer("max"))
        }

    fun paymentNumber(input: Map<String, Any?>): Outcome {
        val (kind, field, number) = Triple(kind(input), field(input), input.text("number"))
        val rules = rules(input)
        return outcome { parsePaymentNumber(kind, field, number, rules).let { mapOf("digits" to it.digits, "display" to it.display) } }
    }

    fun slipLang(input: Map<String, Any?>): Lang =
        when (val l = input["lang"]) {
            "ja" -> Lang.JA
            "en" -> Lang.EN
            else -> throw CaseFailure("unknown lang $l")
        }

    fun slipNumbers(input: Map<String, Any?>): List<SlipNumber> =
        (input["numbers"] as? List<*> ?: throw CaseFailure("numbers is not a list")).map {
            val n = asObject(it, "number")
            SlipNumber(field(n), n.text("number"))
        }

    /** A slip as `payment.slip` answers it. */
    fun slipView(slip: PaymentSlip, lang: Lang): Map<String, Any?> {
        val how = slip.instructions(lang)
        val line = { l: SlipLine -> mapOf("label" to l.label, "value" to l.value) }
        return mapOf(
            "numbers" to slip.numbers().map {
                mapOf("field" to it.field.id(), "digits" to it.digits, "display" to it.display)
            },
            "instructions" to mapOf(
                "title" to how.title, "numbers" to how.numbers.map(line), "steps" to how.steps,
                "amount" to line(how.amount), "deadline" to line(how.deadline), "notes" to how.notes,
            ),
            "text" to how.text,
        )
    }

    fun paymentSlip(input: Map<String, Any?>): Outcome {
        val lang = slipLang(input)
        val numbers = slipNumbers(input)
        val kind = kind(input)
        val rules = rules(input)
        val amount = input.number("amount")
        val deadline = time(input["deadline"])
        return outcome { PaymentSlip(kind, numbers, deadline, yenOf(amount), rules).use { slipView(it, lang) } }
    }

    /** A bill of the vector is a number only; the answer does not depend on the rest. */
    fun smartPitCanPay(input: Map<String, Any?>): Outcome {
        val medium = when (val m = input.text("medium")) {
            "card" -> SmartPitMedium.Card
            "sheet" -> SmartPitMedium.Sheet(input.text("sheet_expires_on"))
            else -> throw CaseFailure("unknown medium $m")
        }
        val bills = (input["bills"] as? List<*> ?: throw CaseFailure("bills is not a list")).map {
            SmartPitBill(it as? String ?: throw CaseFailure("bill is not text: $it"), "merchant", 1, "2099-12-31")
        }
        val store = SmartPitStore.entries.firstOrNull { it.id() == input["store"] }
            ?: throw CaseFailure("unknown store ${input["store"]}")
        val printed = input["has_printed_sheet"] as? Boolean ?: throw CaseFailure("has_printed_sheet is not a boolean")
        // "cash" or another word: any other way of paying.
        val tender = when (input.text("method")) {
            "cash" -> Tender.CASH
            "credit_card" -> Tender.CREDIT_CARD
            "emoney" -> Tender.E_MONEY
            else -> Tender.OTHER
        }
        val number = input.text("number")
        val now = time(input["now"])
        return outcome {
            val yes = canPaySmartPit(number, medium, bills, store, printed, tender, now)
            mapOf("at_terminal" to yes.atTerminal, "bills" to yes.bills.size.toLong())
        }
    }

    /** The `cards_on_file` scenario. */
    fun run(case: Map<String, Any?>) {
        val setup = case.obj("setup")
        val policy = try {
            policy(setup)
        } catch (e: jp.saifu.SaifuException) {
            throw CaseFailure("setup: ${e.code()}")
        }
        val day = cutoffDay(setup)
        val loaded = setup.list("registrations").map { readRecord(it) }
        var cards = try {
            CardsOnFile.fromRegistrations(loaded)
        } catch (e: jp.saifu.SaifuException) {
            throw CaseFailure("setup: ${e.code()}")
        }
        val steps = case["steps"] as? List<*> ?: throw CaseFailure("no steps")
        steps.forEachIndexed { i, raw ->
            val step = asObject(raw, "step")
            val args = step.obj("args")
            val before = cards.registrations()
            val op = step["op"] as? String ?: ""
            val result: Outcome = try {
                when (op) {
                    "confirm", "register" -> {
                        val e = entry(args)
                        val at = time(step["at"])
                        val shown = outcome {
                            confirmation(
                                if (op == "confirm") {
                                    cards.confirm(policy, e.number, e.expiry, e.cvc, at)
                                } else {
                                    cards.register(policy, e.number, e.expiry, e.cvc, at)
                                },
                            )
                        }
                        if (op == "confirm" && cards.registrations() != before) throw CaseFailure("confirm changed the cards")
                        shown
                    }
                    "current" -> Outcome.Ok(mapOf("card" to cards.current()?.let { record(it) }))
                    "registrations" -> Outcome.Ok(mapOf("registrations" to cards.registrations().map { record(it) }))
                    "billing_card" -> {
                        val month = args.text("month")
                        outcome { mapOf("card" to cards.billingCard(month, day)?.let { record(it) }) }
                    }
                    "reload" -> {
                        // What an app saves (the cards-on-file document) and loads back.
                        val again = CardsOnFile.fromJson(cards.toJson())
                        if (again.registrations() != cards.registrations() || again.toJson() != cards.toJson()) {
                            throw CaseFailure("reload changed the cards")
                        }
                        cards.close()
                        cards = again
                        Outcome.Ok(mapOf("registrations" to cards.registrations().map { record(it) }))
                    }
                    "load" -> {
                        val records = (args["registrations"] as? List<*> ?: throw CaseFailure("registrations is not a list"))
                            .map { readRecord(it) }
                        outcome {
                            val loadedCards = CardsOnFile.fromRegistrations(records)
                            cards.close()
                            cards = loadedCards
                            mapOf("registrations" to cards.registrations().map { record(it) })
                        }
                    }
                    else -> throw CaseFailure("unknown op $op")
                }
            } catch (f: CaseFailure) {
                throw CaseFailure("step $i: ${f.message}")
            }
            if (result is Outcome.Err && cards.registrations() != before) {
                throw CaseFailure("step $i: a failed step changed the cards")
            }
            try {
                check(result, step.obj("expect"))
            } catch (f: CaseFailure) {
                throw CaseFailure("step $i ($op): ${f.message}")
            }
        }
        cards.close()
        policy.close()
    }
}
