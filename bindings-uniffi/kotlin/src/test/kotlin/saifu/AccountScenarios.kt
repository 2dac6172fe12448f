package saifu

import jp.saifu.MyNaPoint
import jp.saifu.MyNaPointApplicationState
import jp.saifu.MyNaPointConfig
import jp.saifu.MyNaPointIssuanceState
import jp.saifu.MyNaPointParts
import jp.saifu.MyNaPointReservationState
import jp.saifu.OtpParts
import jp.saifu.PinParts
import jp.saifu.Profile
import jp.saifu.ProfileField
import jp.saifu.SaifuException
import jp.saifu.SignIn
import jp.saifu.SignInConfig
import jp.saifu.SignInParts
import jp.saifu.SignInState
import jp.saifu.SignUp
import jp.saifu.checkPhoneLast4
import jp.saifu.validateSignup
import org.json.JSONObject
import java.time.Instant

/**
 * Accounts, sign-in and MyNaPoint (conformance/README.md): the `account.validate_signup`
 * and `phone.check_last4` function cases and the `signin` and `mynapoint` scenarios,
 * mirroring core/tests/scenarios/accounts.rs, signin.rs and mynapoint.rs.
 *
 * `reload` saves the flow's parts as JSON text, as an app would, and builds the flow again
 * from that text through the binding ([SavedParts] is also what AccountsTest uses).
 */
object AccountScenarios {
    private val profileFields = ProfileField.entries.associateBy { it.id() }

    fun validateSignup(input: Map<String, Any?>): Outcome {
        val profile = input.obj("profile")
        for ((key, value) in profile) {
            if (key !in profileFields) throw CaseFailure("unknown profile field $key")
            if (key == "newsletter") {
                if (value !is Boolean) throw CaseFailure("profile.newsletter is not a boolean")
            } else if (value !is String) {
                throw CaseFailure("profile.$key is not text")
            }
        }
        val required = input.list("required").map { profileFields[it] ?: throw CaseFailure("unknown required field $it") }
        val terms = input["terms_accepted"] as? Boolean ?: throw CaseFailure("input.terms_accepted")
        val form = SignUp(
            email = input.text("email"), emailAgain = input.text("email_again"), termsAccepted = terms,
            loginId = input.text("login_id"),
            profile = Profile(
                name = profile["name"] as String?, nickname = profile["nickname"] as String?,
                birthDate = profile["birth_date"] as String?, gender = profile["gender"] as String?,
                occupation = profile["occupation"] as String?, address = profile["address"] as String?,
                phone = profile["phone"] as String?, newsletter = profile["newsletter"] as Boolean?,
            ),
        )
        val password = input.text("password")
        return outcome {
            validateSignup(form, password, required)
            emptyMap()
        }
    }

    fun checkLast4(input: Map<String, Any?>): Outcome {
        val registered = input.text("registered")
        val entered = input.text("entered")
        return outcome {
            checkPhoneLast4(registered, entered)
            emptyMap()
        }
    }

    private val countsAsAttempt = setOf("otp.mismatch", "otp.locked", "pin.mismatch", "pin.locked", "signin.locked")

    private fun key(obj: Map<String, Any?>, name: String): ByteArray {
        val text = obj.text(name)
        if (text.length % 2 != 0) throw CaseFailure("$name is not hex")
        return ByteArray(text.length / 2) { i ->
            text.substring(2 * i, 2 * i + 2).toIntOrNull(16)?.toByte() ?: throw CaseFailure("$name is not hex")
        }
    }

    private fun setting(setup: Map<String, Any?>, name: String, default: Long): Long =
        if (setup.containsKey(name)) setup.integer(name) else default

    private fun bool(args: Map<String, Any?>, name: String): Boolean =
        args[name] as? Boolean ?: throw CaseFailure("args.$name is not a boolean")

    fun signInConfig(setup: Map<String, Any?>): SignInConfig {
        val d = SignInConfig()
        return SignInConfig(
            puzzle = if (setup.containsKey("puzzle")) bool(setup, "puzzle") else d.puzzle,
            otpDigits = setting(setup, "otp_digits", d.otpDigits),
            otpValidMinutes = setting(setup, "otp_valid_minutes", d.otpValidMinutes),
            otpMaxAttempts = setting(setup, "otp_max_attempts", d.otpMaxAttempts),
        )
    }

    fun myNaPointConfig(setup: Map<String, Any?>): MyNaPointConfig {
        val cards = (setup["eligible_cards"] as? List<*> ?: throw CaseFailure("setup.eligible_cards"))
            .map { it as? String ?: throw CaseFailure("card kind $it") }
        val d = MyNaPointConfig(eligibleCards = cards)
        return MyNaPointConfig(
            eligibleCards = cards,
            smsOtpValidMinutes = setting(setup, "sms_otp_valid_minutes", d.smsOtpValidMinutes),
            smsOtpMaxAttempts = setting(setup, "sms_otp_max_attempts", d.smsOtpMaxAttempts),
        )
    }

    fun status(flow: SignIn): Map<String, Any?> =
        mapOf(
            "state" to flow.state().id(), "login_id" to flow.loginId(),
            "stay_signed_in" to flow.staySignedIn(), "otp_remaining" to flow.otpRemaining(),
            "otp_expires_at" to flow.otpExpiresAt()?.toString(),
        )

    fun status(m: MyNaPoint): Map<String, Any?> =
        mapOf(
            "issuance" to m.issuanceState().id(),
            "reservation" to m.reservationState().id(),
            "application" to m.applicationState().id(),
            "card_kind" to m.cardKind(), "phone" to m.phone(), "mykey_id" to m.mykeyId(),
            "chosen_service" to m.chosenService(), "pin_remaining" to m.pinRemaining(), "pin_locked" to m.pinLocked(),
            "sms_otp_remaining" to m.smsOtpRemaining(), "sms_otp_expires_at" to m.smsOtpExpiresAt()?.toString(),
        )

    /** A flow the runner drives: its parts, its status, and its rebuild from saved JSON. */
    private class Flow<F : AutoCloseable, P>(
        val parts: (F) -> P,
        val status: (F) -> Map<String, Any?>,
        val save: (P) -> String,
        val load: (String) -> P,
        val rebuild: (ByteArray, P) -> F,
        val op: (F, String, Map<String, Any?>, Map<String, Any?>) -> Map<String, Any?>?,
    )

    private fun <F : AutoCloseable, P> runFlow(case: Map<String, Any?>, build: (ByteArray) -> F, f: Flow<F, P>) {
        val setupKey = key(case.obj("setup"), "key")
        val built = try {
            Outcome.Ok(build(setupKey))
        } catch (e: SaifuException) {
            Outcome.Err(e)
        }
        if (case.containsKey("setup_expect")) {
            ((built as? Outcome.Ok)?.fields as? AutoCloseable)?.close()
            check(if (built is Outcome.Ok) Outcome.Ok(emptyMap<String, Any?>()) else built, case.obj("setup_expect"))
            if (case.containsKey("steps")) throw CaseFailure("a case with setup_expect has no steps")
            return
        }
        @Suppress("UNCHECKED_CAST")
        var flow = when (built) {
            is Outcome.Ok -> built.fields as F
            is Outcome.Err -> throw CaseFailure("setup failed: ${built.error.code()}")
        }
        try {
            val steps = case["steps"] as? List<*> ?: throw CaseFailure("no steps")
            steps.forEachIndexed { i, raw ->
                val step = asObject(raw, "step")
                val op = step["op"] as? String ?: ""
                val args = step.obj("args")
                val before = f.parts(flow)
                val result: Outcome = try {
                    when (op) {
                        "status" -> Outcome.Ok(f.status(flow))
                        "reload" -> {
                            val withKey = if (args.containsKey("key")) key(args, "key") else setupKey
                            val saved = f.save(before)
                            try {
                                val again = f.rebuild(withKey, f.load(saved))
                                if (f.parts(again) != before || f.load(f.save(f.parts(again))) != before) {
                                    again.close()
                                    throw CaseFailure("reload changed the parts")
                                }
                                flow.close()
                                flow = again
                                Outcome.Ok(f.status(flow))
                            } catch (e: SaifuException) {
                                Outcome.Err(e)
                            }
                        }
                        else -> try {
                            Outcome.Ok(f.op(flow, op, args, step) ?: f.status(flow))
                        } catch (e: SaifuException) {
                            Outcome.Err(e)
                        }
                    }
                } catch (e: CaseFailure) {
                    throw CaseFailure("step $i ($op): ${e.message}")
                }
                try {
                    check(result, step.obj("expect"))
                } catch (e: CaseFailure) {
                    throw CaseFailure("step $i ($op): ${e.message}")
                }
                if (result is Outcome.Err && result.error.code() !in countsAsAttempt && f.parts(flow) != before) {
                    throw CaseFailure("step $i: ${result.error.code()} changed the flow")
                }
            }
        } finally {
            flow.close()
        }
    }

    fun runSignIn(case: Map<String, Any?>) {
        val config = signInConfig(case.obj("setup"))
        runFlow(
            case, { k -> SignIn(k, config) },
            Flow<SignIn, SignInParts>(
                parts = { it.parts() }, status = { status(it) }, save = { SavedParts.save(it) }, load = SavedParts::signIn,
                rebuild = { k, p -> SignIn.fromParts(k, config, p) },
            ) { flow, op, a, step ->
                when (op) {
                    "enter_login_id" -> flow.enterLoginId(a.text("login_id"))
                    "puzzle_passed" -> flow.puzzlePassed()
                    "password_rejected" -> flow.passwordRejected()
                    "password_accepted" -> flow.passwordAccepted(bool(a, "stay_signed_in"), a.text("otp"), time(step["at"]))
                    "otp_resent" -> flow.otpResent(a.text("otp"), time(step["at"]))
                    "enter_otp" -> flow.enterOtp(a.text("otp"), time(step["at"]))
                    "cancel" -> flow.cancel()
                    "sign_out" -> flow.signOut()
                    else -> throw CaseFailure("unknown op $op")
                }
                null
            },
        )
    }

    fun runMyNaPoint(case: Map<String, Any?>) {
        val config = myNaPointConfig(case.obj("setup"))
        runFlow(
            case, { k -> MyNaPoint(k, config) },
            Flow<MyNaPoint, MyNaPointParts>(
                parts = { it.parts() }, status = { status(it) }, save = { SavedParts.save(it) }, load = SavedParts::myNaPoint,
                rebuild = { k, p -> MyNaPoint.fromParts(k, config, p) },
            ) { m, op, a, step ->
                if (op == "view") {
                    mapOf("service_id" to m.view(bool(a, "password_accepted")))
                } else {
                    when (op) {
                        "choose_card" -> m.chooseCard(a.text("card"))
                        "enter_phone" -> m.enterPhone(a.text("phone"))
                        "sms_sent" -> m.smsSent(a.text("code"), time(step["at"]))
                        "enter_sms_code" -> m.enterSmsCode(a.text("code"), time(step["at"]))
                        "set_password" -> m.setPassword(a.text("password"))
                        "issued" -> m.issued(a.text("service_id"), a.text("security_code"))
                        "start_reservation" -> m.startReservation(a.text("pin"))
                        "enter_pin" -> m.enterPin(a.text("pin"))
                        "card_read" -> m.cardRead()
                        "mykey_issued" -> m.mykeyIssued(a.text("mykey_id"))
                        "proceed_to_application" -> m.proceedToApplication()
                        "resume_application" -> m.resumeApplication()
                        "choose_service" -> m.chooseService(a.text("service"))
                        "accept_terms" -> m.acceptTerms()
                        "enter_details" -> m.enterDetails(a.text("service_id"), a.text("security_code"), a.text("phone_last4"))
                        "confirm" -> m.confirm()
                        "registration_confirmed" -> m.registrationConfirmed()
                        else -> throw CaseFailure("unknown op $op")
                    }
                    null
                }
            },
        )
    }
}

/** The parts of a flow as the JSON text an app saves (enums as their ids, instants ISO
 * 8601), and back. */
object SavedParts {
    private fun Any?.orNull(): Any = this ?: JSONObject.NULL

    private fun otp(o: OtpParts?): Any =
        o?.let {
            JSONObject()
                .put("digest", it.digest).put("digits", it.digits).put("issued_at", it.issuedAt.toString())
                .put("expires_at", it.expiresAt.toString()).put("max_attempts", it.maxAttempts)
                .put("failures", it.failures).put("used", it.used)
        }.orNull()

    private fun otp(j: JSONObject?): OtpParts? =
        j?.let {
            OtpParts(
                digest = it.getString("digest"), digits = it.getLong("digits"),
                issuedAt = Instant.parse(it.getString("issued_at")), expiresAt = Instant.parse(it.getString("expires_at")),
                maxAttempts = it.getLong("max_attempts"), failures = it.getLong("failures"), used = it.getBoolean("used"),
            )
        }

    private fun JSONObject.text(key: String): String? = if (isNull(key)) null else getString(key)

    fun save(p: SignInParts): String =
        JSONObject()
            .put("state", p.state.id()).put("login_id", p.loginId.orNull())
            .put("stay_signed_in", p.staySignedIn).put("otp", otp(p.otp))
            .toString()

    fun signIn(saved: String): SignInParts {
        val j = JSONObject(saved)
        val state = j.getString("state")
        return SignInParts(
            state = SignInState.entries.firstOrNull { it.id() == state } ?: throw CaseFailure("state $state"),
            loginId = j.text("login_id"), staySignedIn = j.getBoolean("stay_signed_in"), otp = otp(j.optJSONObject("otp")),
        )
    }

    fun save(p: MyNaPointParts): String =
        JSONObject()
            .put("issuance", p.issuance.id()).put("card_kind", p.cardKind.orNull())
            .put("phone", p.phone.orNull()).put("sms_otp", otp(p.smsOtp)).put("service_id", p.serviceId.orNull())
            .put("security_code", p.securityCode.orNull())
            .put("reservation", p.reservation.id())
            .put("card_pin", p.cardPin?.let { JSONObject().put("digest", it.digest).put("failures", it.failures) }.orNull())
            .put("mykey_id", p.mykeyId.orNull()).put("application", p.application.id())
            .put("chosen_service", p.chosenService.orNull())
            .toString()

    fun myNaPoint(saved: String): MyNaPointParts {
        val j = JSONObject(saved)
        fun <E> state(entries: List<E>, id: (E) -> String, key: String): E =
            j.getString(key).let { v -> entries.firstOrNull { id(it) == v } ?: throw CaseFailure("$key $v") }
        return MyNaPointParts(
            issuance = state(MyNaPointIssuanceState.entries, MyNaPointIssuanceState::id, "issuance"),
            cardKind = j.text("card_kind"), phone = j.text("phone"), smsOtp = otp(j.optJSONObject("sms_otp")),
            serviceId = j.text("service_id"), securityCode = j.text("security_code"),
            reservation = state(MyNaPointReservationState.entries, MyNaPointReservationState::id, "reservation"),
            cardPin = j.optJSONObject("card_pin")?.let { PinParts(it.getString("digest"), it.getLong("failures")) },
            mykeyId = j.text("mykey_id"),
            application = state(MyNaPointApplicationState.entries, MyNaPointApplicationState::id, "application"),
            chosenService = j.text("chosen_service"),
        )
    }
}
