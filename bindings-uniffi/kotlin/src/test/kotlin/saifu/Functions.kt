package saifu

import jp.saifu.Brand
import jp.saifu.JCoinCredentials
import jp.saifu.Money
import jp.saifu.MoneyStyle
import jp.saifu.Rounding
import jp.saifu.applyRate
import jp.saifu.checkPassword
import jp.saifu.detectCard
import jp.saifu.formatMoney
import jp.saifu.isCardExpired
import jp.saifu.maskVoucherCode
import jp.saifu.normalizePurchaseCode
import jp.saifu.parseCard
import jp.saifu.parseCardExpiry
import jp.saifu.parseMerchantQr
import jp.saifu.parseMoney
import jp.saifu.parseSecurityCode
import jp.saifu.parseSmartPit

/** The function cases of conformance/README.md, through the Kotlin bindings. */
object Functions {
    fun call(fn: String, input: Map<String, Any?>): Outcome =
        when (fn) {
            "money.parse" -> {
                val currency = input["currency"] as? String ?: "JPY"
                val text = input.text("text")
                outcome {
                    val m = parseMoney(text, currency)
                    mapOf("minor" to m.minor, "currency" to m.currency)
                }
            }
            "money.apply_rate" -> {
                val rounding = when (val r = input.text("rounding")) {
                    "to_zero" -> Rounding.TO_ZERO
                    "midpoint_away_from_zero" -> Rounding.MIDPOINT_AWAY_FROM_ZERO
                    "away_from_zero" -> Rounding.AWAY_FROM_ZERO
                    else -> throw CaseFailure("unknown rounding $r")
                }
                val money = Money(input.integer("minor"), input["currency"] as? String ?: "JPY")
                val rate = input.text("rate")
                outcome {
                    val m = applyRate(money, rate, rounding)
                    mapOf("minor" to m.minor, "currency" to m.currency)
                }
            }
            "money.format" -> {
                val style = when (val s = input.text("style")) {
                    "symbol" -> MoneyStyle.SYMBOL
                    "suffix" -> MoneyStyle.SUFFIX
                    "voucher" -> MoneyStyle.VOUCHER
                    else -> throw CaseFailure("unknown style $s")
                }
                val minor = input.number("minor")
                val currency = input.text("currency")
                outcome { mapOf("text" to formatMoney(moneyOf(minor, currency), style)) }
            }
            "card.parse" -> {
                val number = input.text("number")
                outcome {
                    parseCard(number).use { c ->
                        mapOf(
                            "brand" to c.brand().id(), "digits" to c.digits(), "display" to c.display(),
                            "masked" to c.masked(), "last4" to c.last4(), "first6_last4" to c.first6Last4(),
                        )
                    }
                }
            }
            "card.detect" -> {
                val d = detectCard(input.text("partial"))
                Outcome.Ok(
                    mapOf(
                        "brand" to d.brand?.let { it.id() }, "potentially_valid" to d.potentiallyValid,
                        "complete" to d.complete, "max_length" to d.maxLength.toLong(),
                    ),
                )
            }
            "card.expiry" -> {
                val now = time(input["now"])
                val text = input.text("text")
                outcome {
                    val e = parseCardExpiry(text)
                    mapOf("month" to e.month.toLong(), "year" to e.year.toLong(), "expired" to isCardExpired(e, now))
                }
            }
            "card.cvc" -> {
                val id = input.text("brand")
                val brand = Brand.entries.firstOrNull { it.id() == id } ?: throw CaseFailure("unknown brand $id")
                val cvc = input.text("cvc")
                outcome { parseSecurityCode(cvc, brand).use { mapOf("masked" to it.masked()) } }
            }
            "voucher.mask_code" -> {
                val code = input.text("code")
                outcome { mapOf("masked" to maskVoucherCode(code)) }
            }
            "jcoin.credentials" -> {
                val (id, password, code) = Triple(input.text("id"), input.text("password"), input.text("code"))
                outcome {
                    JCoinCredentials(id, password, code).use {
                        mapOf("id" to it.id(), "masked" to it.maskedId(), "password" to it.password(), "code" to it.confirmationCode())
                    }
                }
            }
            "purchase.normalize_code" -> {
                val code = input.text("code")
                outcome { mapOf("code" to normalizePurchaseCode(code)) }
            }
            "smartpit.parse" -> {
                val number = input.text("number")
                outcome { parseSmartPit(number).let { mapOf("digits" to it.digits, "display" to it.display) } }
            }
            "password.check" -> {
                val password = input.text("password")
                outcome {
                    checkPassword(password)
                    emptyMap()
                }
            }
            "emvqr.parse" -> {
                val payload = input.text("payload")
                outcome {
                    val q = parseMerchantQr(payload)
                    mapOf(
                        "merchant_name" to q.merchantName, "merchant_city" to q.merchantCity,
                        "currency" to q.currency, "amount" to q.amount, "country" to q.country,
                        "merchant_category_code" to q.merchantCategoryCode,
                    )
                }
            }
            "card.register" -> CardScenarios.register(input)
            "card.billing_card" -> CardScenarios.billingCard(input)
            "payment.number" -> CardScenarios.paymentNumber(input)
            "payment.slip" -> CardScenarios.paymentSlip(input)
            "smartpit.can_pay" -> CardScenarios.smartPitCanPay(input)
            "account.validate_signup" -> AccountScenarios.validateSignup(input)
            "phone.check_last4" -> AccountScenarios.checkLast4(input)
            else -> throw CaseFailure("unknown fn $fn")
        }
}
