package saifu

import jp.saifu.Charges
import jp.saifu.FlowSettings
import jp.saifu.Lang
import jp.saifu.MyNaPoint
import jp.saifu.MyNaPointApplicationState
import jp.saifu.MyNaPointConfig
import jp.saifu.MyNaPointParts
import jp.saifu.MyNaPointReservationState
import jp.saifu.PinParts
import jp.saifu.Profile
import jp.saifu.ProfileField
import jp.saifu.SaifuException
import jp.saifu.SignIn
import jp.saifu.SignInConfig
import jp.saifu.SignInParts
import jp.saifu.SignInState
import jp.saifu.SignUp
import jp.saifu.UserState
import jp.saifu.Wallet
import jp.saifu.checkEmail
import jp.saifu.checkPhoneLast4
import jp.saifu.parseLoginId
import jp.saifu.parsePhoneNumber
import jp.saifu.validateSignup
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.time.Instant

/** Accounts, sign-in and MyNaPoint from Kotlin (issue 18): locks that survive an app
 * restart (the parts saved as JSON text and loaded back), no secret in any `toString`, and
 * every field's bad input answered with its coded [SaifuException]. */
class AccountsTest {
    private val key = ByteArray(32) { it.toByte() }
    private val at: Instant = Instant.parse("2026-11-23T01:00:00Z")
    private val cards = listOf("aeon_card_waon", "aeon_bank_cash_plus_debit")
    private val config = MyNaPointConfig(eligibleCards = cards)

    private fun code(block: () -> Unit): String =
        try {
            block()
            throw AssertionError("no error")
        } catch (e: SaifuException) {
            assertTrue(e.messageIn(Lang.EN).isNotEmpty())
            e.code()
        }

    /** What an app does across a restart: the parts as JSON text, loaded back. */
    private fun reload(m: MyNaPoint): MyNaPoint {
        val saved: String = SavedParts.save(m.parts())
        m.close()
        return MyNaPoint.fromParts(key, config, SavedParts.myNaPoint(saved))
    }

    private fun reload(flow: SignIn): SignIn {
        val saved: String = SavedParts.save(flow.parts())
        flow.close()
        return SignIn.fromParts(key, SignInConfig(), SavedParts.signIn(saved))
    }

    private fun signInAwaitingOtp(otp: String): SignIn =
        SignIn(key, SignInConfig()).also {
            it.enterLoginId("hanako_2024")
            it.puzzlePassed()
            it.passwordAccepted(true, otp, at)
        }

    private fun issued(): MyNaPoint =
        MyNaPoint(key, config).also {
            it.chooseCard("aeon_card_waon")
            it.enterPhone("090-1234-5678")
            it.smsSent("135790", at)
            it.enterSmsCode("135790", at)
            it.setPassword("Waon2020pt")
            it.issued("1234567890123456", "8F3K")
        }

    @Test
    fun aPinLockSurvivesSaveAndLoad() {
        var m = MyNaPoint(key, config)
        m.startReservation("4821")
        assertEquals("pin.mismatch", code { m.enterPin("0000") })
        m = reload(m)
        assertEquals(2L, m.pinRemaining())
        assertEquals("pin.mismatch", code { m.enterPin("1111") })
        m = reload(m)
        assertEquals("pin.locked", code { m.enterPin("2222") })
        repeat(3) {
            m = reload(m)
            assertTrue(m.pinLocked())
            assertEquals(0L, m.pinRemaining())
            assertEquals("pin.locked", code { m.enterPin("4821") })
        }
        assertEquals(MyNaPointReservationState.AWAITING_PIN, m.reservationState())
        m.close()
    }

    @Test
    fun theUserStateSavesAPinLockAndAnOtpAttempt() {
        val m = MyNaPoint(key, config)
        m.startReservation("4821")
        val flow = SignIn(key, SignInConfig())
        flow.enterLoginId("hanako_2024")
        flow.puzzlePassed()
        flow.passwordAccepted(true, "0420", at)
        var state = UserState(Wallet(), Charges(), signIn = flow, mynapoint = m)
        listOf("0000", "1111", "2222").forEach { code { m.enterPin(it) } }
        assertEquals("otp.mismatch", code { flow.enterOtp("0001", at) })
        // The objects are shared: their latest counters are saved.
        var saved = state.toJson()
        assertFalse(saved.contains("\"4821\"") || saved.contains("0420"))
        val settings = FlowSettings(key, SignInConfig(), config)
        repeat(3) {
            state = UserState.fromJson(saved, settings)
            val restored = state.mynapoint()!!
            assertTrue(restored.pinLocked())
            assertEquals("pin.locked", code { restored.enterPin("4821") })
            saved = state.toJson()
        }
        val signIn = state.signIn()!!
        assertEquals("otp.mismatch", code { signIn.enterOtp("0002", at) })
        assertEquals("signin.locked", code { UserState.fromJson(state.toJson(), settings).signIn()!!.enterOtp("0003", at) })
        assertEquals("state.invalid_flow", code { UserState.fromJson(saved) })
        val other = FlowSettings(key.reversedArray(), SignInConfig())
        assertEquals("credential.key_mismatch", code { UserState.fromJson(saved, other) })
    }

    @Test
    fun anOtpLockSurvivesSaveAndLoad() {
        var flow = signInAwaitingOtp("0420")
        val first = try {
            flow.enterOtp("1111", at)
            null
        } catch (e: SaifuException.OtpMismatch) {
            e
        }
        assertEquals(2L, first?.remaining)
        flow = reload(flow)
        assertEquals(2L, flow.otpRemaining())
        assertEquals("otp.mismatch", code { flow.enterOtp("2222", at) })
        flow = reload(flow)
        assertEquals("signin.locked", code { flow.enterOtp("3333", at) })
        flow = reload(flow)
        assertEquals(SignInState.LOCKED, flow.state())
        assertEquals("signin.locked", code { flow.enterOtp("0420", at) })
        assertEquals(SignInState.AWAITING_PUZZLE, flow.enterLoginId("hanako_2024"))
        flow.close()
    }

    @Test
    fun loadingChecksTheSavedParts() {
        MyNaPoint(key, config).use { m ->
            m.startReservation("4821")
            val parts = m.parts()
            assertEquals("credential.key_mismatch", code { MyNaPoint.fromParts(key.reversedArray(), config, parts).close() })
            val tampered: MyNaPointParts = parts.copy(cardPin = PinParts(parts.cardPin!!.digest, 7))
            assertEquals("state.invalid_flow", code { MyNaPoint.fromParts(key, config, tampered).close() })
            val badDigest = parts.copy(cardPin = PinParts("00ff", 0))
            assertEquals("credential.invalid_digest", code { MyNaPoint.fromParts(key, config, badDigest).close() })
        }
        signInAwaitingOtp("0420").use { flow ->
            val noCode: SignInParts = flow.parts().copy(otp = null)
            assertEquals("state.invalid_flow", code { SignIn.fromParts(key, SignInConfig(), noCode).close() })
        }
    }

    /** Everything toString shows, without the sealed digests (hex that may hold any 4
     * digits by chance; no secret, and checked to be no code separately). */
    private fun shown(vararg values: Any, digests: List<String>): String =
        digests.fold(values.joinToString(" ") { it.toString() }) { text, d -> text.replace(d, "") }

    @Test
    fun noToStringShowsAPinCodeOrPassword() {
        signInAwaitingOtp("0420").use { flow ->
            val parts = flow.parts()
            val otp = parts.otp!!
            assertEquals(80, otp.digest.length)
            assertFalse(shown(flow, parts, otp, digests = listOf(otp.digest)).contains("0420"))
        }
        issued().use { m ->
            m.startReservation("4821")
            assertEquals("pin.mismatch", code { m.enterPin("4822") })
            val parts = m.parts()
            val text = shown(m, parts, parts.cardPin!!, digests = listOf(parts.cardPin!!.digest, parts.securityCode!!))
            for (secret in listOf("4821", "4822", "8F3K", "Waon2020pt", "135790")) {
                assertFalse(text.contains(secret), secret)
            }
            val err = try {
                m.enterPin("9999")
                null
            } catch (e: SaifuException) {
                e
            }
            assertFalse("$err ${err?.messageIn(Lang.JA)}".contains("9999"))
        }
        MyNaPoint(key, config).use { m ->
            m.chooseCard("aeon_card_waon")
            m.enterPhone("090-1234-5678")
            m.smsSent("246801", at)
            val parts = m.parts()
            assertFalse(shown(m, parts, digests = listOf(parts.smsOtp!!.digest)).contains("246801"))
        }
        val form = SignUp("hanako@example.jp", "hanako@example.jp", true, "hanako_2024", Profile(name = "山田 花子"))
        val accepted = validateSignup(form, "Sakura2024", listOf(ProfileField.NAME))
        assertFalse("$form $accepted".contains("Sakura"))
        val refused = try {
            validateSignup(form, "Sakura 2024!", emptyList())
            null
        } catch (e: SaifuException) {
            e
        }
        assertEquals("password.invalid_character", refused?.code())
        assertFalse("$refused ${refused?.messageIn(Lang.JA)}".contains("Sakura"))
    }

    /** Bad versions of a field's valid value: empty, 1 MB, NUL, emoji, RTL marks and a
     * full-width character the field does not read. */
    private fun hostile(valid: String, fullWidth: String): Map<String, String> =
        mapOf(
            "empty" to "",
            "1 MB" to valid.repeat((1 shl 20) / valid.length + 1),
            "NUL" to valid.substring(0, 2) + "\u0000" + valid.substring(2),
            "emoji" to valid + "💳",
            "RTL marks" to valid.substring(0, 2) + "\u200f\u202e" + valid.substring(2),
            "full-width" to fullWidth,
        )

    private val emails = hostile("hanako@example.jp", "hanako＠example.jp")
    private val loginIds = hostile("hanako_2024", "ｈａｎａｋｏ")
    private val phones = hostile("090-1234-5678", "０９０ー１２３４ー５６７Ｘ")
    private val last4 = hostile("5678", "５６７Ｘ")
    private val otps = hostile("0420", "０４２Ｘ")
    private val sms = hostile("135790", "１３５７９Ｘ")
    private val pins = hostile("4821", "４８２Ｘ")
    // The policy has no upper length (DESIGN §8): 1 MB of a valid password is one; 1 MB of
    // letters is not.
    private val passwords = hostile("Sakura2024", "Ｓａｋｕｒａ２０２４") + ("1 MB" to "a".repeat(1 shl 20))
    private val serviceIds = hostile("1234567890123456", "１２３４５６７８９０＿")
    private val securityCodes = hostile("8F3K", "８Ｆ３－")
    private val mykeyIds = hostile("MK00012345", "ＭＫ０００－")

    private fun form(email: String = "hanako@example.jp", loginId: String = "hanako_2024") =
        SignUp(email, email, true, loginId, Profile())

    @TestFactory
    fun badInputForEveryFieldIsCoded(): List<DynamicTest> =
        emails.keys.map { kind ->
            DynamicTest.dynamicTest(kind) {
                val email = emails.getValue(kind)
                assertEquals("account.invalid_email", code { checkEmail(email) })
                assertEquals("account.invalid_email", code { validateSignup(form(email = email), "Sakura2024", emptyList()) })
                val loginId = loginIds.getValue(kind)
                assertEquals("account.invalid_login_id", code { parseLoginId(loginId) })
                assertEquals("account.invalid_login_id", code { validateSignup(form(loginId = loginId), "Sakura2024", emptyList()) })
                val password = passwords.getValue(kind)
                assertTrue(code { validateSignup(form(), password, emptyList()) }.startsWith("password."))
                val phone = phones.getValue(kind)
                assertEquals("phone.invalid_number", code { parsePhoneNumber(phone) })
                assertEquals("phone.invalid_number", code { checkPhoneLast4(phone, "5678") })
                assertEquals("phone.invalid_format", code { checkPhoneLast4("090-1234-5678", last4.getValue(kind)) })

                SignIn(key, SignInConfig(puzzle = false)).use { flow ->
                    assertEquals("account.invalid_login_id", code { flow.enterLoginId(loginId) })
                    flow.enterLoginId("sc-0012345")
                    val otp = otps.getValue(kind)
                    assertEquals("otp.invalid_format", code { flow.passwordAccepted(true, otp, at) })
                    flow.passwordAccepted(true, "0420", at)
                    assertEquals("otp.invalid_format", code { flow.enterOtp(otp, at) })
                    assertEquals("otp.invalid_format", code { flow.otpResent(otp, at) })
                    assertEquals(3L, flow.otpRemaining())
                }

                MyNaPoint(key, config).use { m ->
                    assertEquals("mynapoint.card_not_eligible", code { m.chooseCard(email) })
                    m.chooseCard("aeon_card_waon")
                    assertEquals("phone.invalid_number", code { m.enterPhone(phone) })
                    m.enterPhone("090-1234-5678")
                    assertEquals("otp.invalid_format", code { m.smsSent(sms.getValue(kind), at) })
                    m.smsSent("135790", at)
                    assertEquals("otp.invalid_format", code { m.enterSmsCode(sms.getValue(kind), at) })
                    m.enterSmsCode("135790", at)
                    assertTrue(code { m.setPassword(password) }.startsWith("password."))
                    m.setPassword("Waon2020pt")
                    assertEquals("mynapoint.invalid_service_id", code { m.issued(serviceIds.getValue(kind), "8F3K") })
                    assertEquals(
                        "mynapoint.invalid_security_code",
                        code { m.issued("1234567890123456", securityCodes.getValue(kind)) },
                    )
                    m.issued("1234567890123456", "8F3K")
                    assertEquals("pin.invalid_format", code { m.startReservation(pins.getValue(kind)) })
                    m.startReservation("4821")
                    assertEquals("pin.invalid_format", code { m.enterPin(pins.getValue(kind)) })
                    assertEquals(3L, m.pinRemaining())
                    m.enterPin("4821")
                    m.cardRead()
                    assertEquals("mynapoint.invalid_mykey_id", code { m.mykeyIssued(mykeyIds.getValue(kind)) })
                    m.mykeyIssued("MK00012345")
                    m.proceedToApplication()
                    assertEquals("mynapoint.card_not_eligible", code { m.chooseService(serviceIds.getValue(kind)) })
                    m.chooseService("aeon_card_waon")
                    m.acceptTerms()
                    assertEquals(
                        "mynapoint.invalid_service_id",
                        code { m.enterDetails(serviceIds.getValue(kind), "8F3K", "5678") },
                    )
                    assertEquals(
                        "mynapoint.invalid_security_code",
                        code { m.enterDetails("1234567890123456", securityCodes.getValue(kind), "5678") },
                    )
                    assertEquals("phone.invalid_format", code { m.enterDetails("1234567890123456", "8F3K", last4.getValue(kind)) })
                    m.enterDetails("1234567890123456", "8F3K", "5678")
                    assertEquals(MyNaPointApplicationState.CONFIRMING, m.applicationState())
                }
            }
        }

    @Test
    fun badKeysAndSettingsAreCoded() {
        for (bad in listOf(ByteArray(0), ByteArray(15))) {
            assertEquals("credential.invalid_key", code { SignIn(bad, SignInConfig()).close() })
            assertEquals("credential.invalid_key", code { MyNaPoint(bad, config).close() })
        }
        for (c in listOf(SignInConfig(otpDigits = -1), SignInConfig(otpValidMinutes = Long.MAX_VALUE), SignInConfig(otpMaxAttempts = Long.MIN_VALUE))) {
            assertEquals("signin.invalid_config", code { SignIn(key, c).close() })
        }
        for (kinds in listOf(listOf(""), listOf("a".repeat(1 shl 20)), listOf("\u0000"), listOf("💳"), listOf("\u200f"), listOf("ａｅｏｎ"), listOf("x", "x"))) {
            assertEquals("mynapoint.invalid_config", code { MyNaPoint(key, MyNaPointConfig(eligibleCards = kinds)).close() })
        }
    }
}
