package saifu

import jp.saifu.OneTimePassword
import jp.saifu.Pin
import jp.saifu.SaifuException
import java.time.Duration

/** The `pin` and `otp` scenarios of conformance/README.md, mirroring
 * core/tests/scenarios/credentials.rs. A mismatch counts as an attempt, so a failed step
 * may change the state: nothing to compare. */
object CredentialScenarios {
    private fun <T> setupStep(block: () -> T): T =
        try {
            block()
        } catch (e: SaifuException) {
            throw CaseFailure(e.code())
        }

    private fun steps(case: Map<String, Any?>): List<Map<String, Any?>> =
        (case["steps"] as? List<*> ?: throw CaseFailure("no steps")).map { asObject(it, "step") }

    /** Runs each `verify` step; an unknown op fails the case. */
    private fun verifySteps(case: Map<String, Any?>, verify: (Map<String, Any?>) -> Unit) {
        steps(case).forEachIndexed { i, step ->
            if (step["op"] != "verify") throw CaseFailure("step $i: unknown op ${step["op"]}")
            val outcome = try {
                Outcome.Ok(true.also { verify(step) })
            } catch (e: SaifuException) {
                Outcome.Err(e)
            } catch (f: CaseFailure) {
                throw CaseFailure("step $i: ${f.message}")
            }
            try {
                check(outcome, step.obj("expect"))
            } catch (f: CaseFailure) {
                throw CaseFailure("step $i: ${f.message}")
            }
        }
    }

    fun runPin(case: Map<String, Any?>) {
        val setup = case.obj("setup")
        val digits = setup["digits"]
        if (digits != 4) throw CaseFailure("a PIN has 4 digits, not $digits")
        val pinText = setup.text("pin")
        setupStep { Pin(pinText) }.use { pin ->
            verifySteps(case) { step -> pin.verify(step.obj("args").text("input")) }
        }
    }

    fun runOtp(case: Map<String, Any?>) {
        val setup = case.obj("setup")
        val code = setup.text("code")
        val digits = setup["digits"]
        if (digits !is Int || digits != code.codePointCount(0, code.length)) throw CaseFailure("digits and code disagree")
        val minutes = setup.integer("valid_minutes")
        val attempts = setup.integer("max_attempts")
        val issuedAt = time(setup["issued_at"])
        if (case.containsKey("setup_expect")) {
            val built = try {
                OneTimePassword(code, issuedAt, Duration.ofMinutes(minutes), attempts).close()
                Outcome.Ok(emptyMap<String, Any?>())
            } catch (e: SaifuException) {
                Outcome.Err(e)
            }
            check(built, case.obj("setup_expect"))
            if (case.containsKey("steps")) throw CaseFailure("a case with setup_expect has no steps")
            return
        }
        setupStep { OneTimePassword(code, issuedAt, Duration.ofMinutes(minutes), attempts) }.use { otp ->
            verifySteps(case) { step ->
                val input = step.obj("args").text("input")
                otp.verify(input, time(step["at"]))
            }
        }
    }
}
