"""Accounts, sign-in and MyNaPoint through the binding (issue 18): locks that survive an
app restart (the parts saved as JSON text and loaded back), no secret in any ``repr`` or
``str``, and every field's bad input answered with its coded ``saifu.SaifuError``."""

import pytest

import saifu
from accounts import mynapoint_parts, parts_json, sign_in_parts
from fixtures import t

KEY = bytes(range(32))
AT = t("2026-11-23T10:00:00+09:00")
CARDS = ["aeon_card_waon", "aeon_bank_cash_plus_debit"]


def code(call) -> str:
    with pytest.raises(saifu.SaifuError) as raised:
        call()
    return raised.value.code


def reserved_with_pin(pin: str = "4821") -> saifu.MyNaPoint:
    """A MyNaPoint set-up waiting for the card's PIN of the reservation."""
    m = saifu.MyNaPoint(KEY, saifu.MyNaPointConfig(eligible_cards=CARDS))
    m.start_reservation(pin)
    return m


def issued() -> saifu.MyNaPoint:
    m = saifu.MyNaPoint(KEY, saifu.MyNaPointConfig(eligible_cards=CARDS))
    m.choose_card("aeon_card_waon")
    m.enter_phone("090-1234-5678")
    m.sms_sent("135790", AT)
    m.enter_sms_code("135790", AT)
    m.set_password("Waon2020pt")
    m.issued("1234567890123456", "8F3K")
    return m


def reload_mynapoint(m: saifu.MyNaPoint) -> saifu.MyNaPoint:
    """What an app does across a restart: save the parts as JSON text, load them back."""
    saved = parts_json(m.parts())
    assert isinstance(saved, str)
    config = saifu.MyNaPointConfig(eligible_cards=CARDS)
    return saifu.MyNaPoint.from_parts(KEY, config, mynapoint_parts(saved))


def signin_awaiting_otp(otp: str = "0420") -> saifu.SignIn:
    flow = saifu.SignIn(KEY, saifu.SignInConfig())
    flow.enter_login_id("hanako_2024")
    flow.puzzle_passed()
    flow.password_accepted(True, otp, AT)
    return flow


def reload_signin(flow: saifu.SignIn) -> saifu.SignIn:
    saved = parts_json(flow.parts())
    return saifu.SignIn.from_parts(KEY, saifu.SignInConfig(), sign_in_parts(saved))


# ---- locks survive save and load -------------------------------------------------

def test_a_pin_lock_survives_save_and_load():
    m = reserved_with_pin("4821")
    assert code(lambda: m.enter_pin("0000")) == "pin.mismatch"
    m = reload_mynapoint(m)
    assert m.pin_remaining() == 2
    assert code(lambda: m.enter_pin("1111")) == "pin.mismatch"
    m = reload_mynapoint(m)
    assert code(lambda: m.enter_pin("2222")) == "pin.locked"
    assert m.pin_locked()
    for _ in range(3):  # restarting the app again and again unlocks nothing
        m = reload_mynapoint(m)
        assert m.pin_locked() and m.pin_remaining() == 0
        assert code(lambda: m.enter_pin("4821")) == "pin.locked"
    assert m.reservation_state() == saifu.MyNaPointReservationState.AWAITING_PIN


def test_an_otp_lock_survives_save_and_load():
    flow = signin_awaiting_otp("0420")
    err = pytest.raises(saifu.SaifuError, flow.enter_otp, "1111", AT).value
    assert err.code == "otp.mismatch" and err.remaining == 2
    flow = reload_signin(flow)
    assert flow.otp_remaining() == 2
    assert code(lambda: flow.enter_otp("2222", AT)) == "otp.mismatch"
    flow = reload_signin(flow)
    assert flow.otp_remaining() == 1
    assert code(lambda: flow.enter_otp("3333", AT)) == "signin.locked"
    flow = reload_signin(flow)
    assert flow.state() == saifu.SignInState.LOCKED
    assert code(lambda: flow.enter_otp("0420", AT)) == "signin.locked"
    # A new attempt starts from the login ID, as before the restart.
    assert flow.enter_login_id("hanako_2024") == saifu.SignInState.AWAITING_PUZZLE


def test_an_sms_code_lock_survives_save_and_load():
    m = saifu.MyNaPoint(KEY, saifu.MyNaPointConfig(eligible_cards=CARDS, sms_otp_max_attempts=2))
    m.choose_card("aeon_card_waon")
    m.enter_phone("090-1234-5678")
    m.sms_sent("135790", AT)
    assert code(lambda: m.enter_sms_code("000000", AT)) == "otp.mismatch"
    assert code(lambda: m.enter_sms_code("000000", AT)) == "otp.locked"
    m = reload_mynapoint(m)
    assert m.sms_otp_remaining() == 0
    assert code(lambda: m.enter_sms_code("135790", AT)) == "otp.locked"


def test_loading_checks_the_saved_parts():
    m = reserved_with_pin()
    parts = m.parts()
    config = saifu.MyNaPointConfig(eligible_cards=CARDS)
    assert code(lambda: saifu.MyNaPoint.from_parts(bytes(reversed(KEY)), config, parts)) == "credential.key_mismatch"
    parts.card_pin = saifu.PinParts(digest=parts.card_pin.digest, failures=7)
    assert code(lambda: saifu.MyNaPoint.from_parts(KEY, config, parts)) == "state.invalid_flow"
    parts.card_pin = saifu.PinParts(digest="00ff", failures=0)
    assert code(lambda: saifu.MyNaPoint.from_parts(KEY, config, parts)) == "credential.invalid_digest"
    flow = signin_awaiting_otp()
    sparts = flow.parts()
    sparts.otp = None
    assert code(lambda: saifu.SignIn.from_parts(KEY, saifu.SignInConfig(), sparts)) == "state.invalid_flow"


# ---- no secret in repr or str ------------------------------------------------------

def shown(*values) -> str:
    """Everything repr and str show of the values, without the sealed digests (hex that
    may hold any 4 digits by chance; they are no secret, and checked separately)."""
    text = " ".join(f"{v!r} {v!s}" for v in values)
    for digest in digests(*values):
        text = text.replace(digest, "")
    return text


def digests(*values) -> list:
    found = []
    for v in values:
        for p in (getattr(v, "otp", None), getattr(v, "sms_otp", None), getattr(v, "card_pin", None)):
            if p is not None:
                found.append(p.digest)
        if isinstance(getattr(v, "security_code", None), str):
            found.append(v.security_code)
    return found


def test_no_repr_shows_a_pin_code_or_password():
    flow = signin_awaiting_otp("0420")
    parts = flow.parts()
    assert "0420" not in shown(flow, parts, parts.otp)
    assert len(parts.otp.digest) == 80

    m = issued()
    m.start_reservation("4821")
    assert code(lambda: m.enter_pin("4822")) == "pin.mismatch"
    mparts = m.parts()
    text = shown(m, mparts, mparts.card_pin)
    for secret in ("4821", "4822", "8F3K", "Waon2020pt", "135790"):
        assert secret not in text, secret
    assert "8F3K" not in mparts.security_code

    sms = saifu.MyNaPoint(KEY, saifu.MyNaPointConfig(eligible_cards=CARDS))
    sms.choose_card("aeon_card_waon")
    sms.enter_phone("090-1234-5678")
    sms.sms_sent("246801", AT)
    assert "246801" not in shown(sms, sms.parts(), sms.parts().sms_otp)

    form = saifu.SignUp(email="hanako@example.jp", email_again="hanako@example.jp", terms_accepted=True,
                        login_id="hanako_2024", profile=saifu.Profile(name="山田 花子"))
    accepted = saifu.validate_signup(form, "Sakura2024", [saifu.ProfileField.NAME])
    assert "Sakura2024" not in shown(form, accepted)
    # An error says what went wrong, never what was typed.
    for call in (lambda: m.enter_pin("9999"), lambda: flow.enter_otp("9753", AT),
                 lambda: saifu.validate_signup(form, "Sakura 2024!", [])):
        err = pytest.raises(saifu.SaifuError, call).value
        said = f"{err!r} {err!s} {err.message_in(saifu.Lang.JA)}"
        assert "9999" not in said and "9753" not in said and "Sakura" not in said


# ---- bad input: a coded error for every field -------------------------------------

def hostile(valid: str, full_width: str) -> dict:
    """Bad versions of a field's valid value: empty, 1 MB, NUL, emoji, RTL marks and a
    full-width character the field does not read."""
    return {
        "empty": "",
        "1 MB": valid * ((1 << 20) // len(valid) + 1),
        "NUL": valid[:2] + "\0" + valid[2:],
        "emoji": valid + "💳",
        "RTL marks": valid[:2] + "\u200f\u202e" + valid[2:],
        "full-width": full_width,
    }


EMAILS = hostile("hanako@example.jp", "hanako＠example.jp")
LOGIN_IDS = hostile("hanako_2024", "ｈａｎａｋｏ")
PHONES = hostile("090-1234-5678", "０９０ー１２３４ー５６７Ｘ")
LAST4 = hostile("5678", "５６７Ｘ")
OTPS = hostile("0420", "０４２Ｘ")
SMS = hostile("135790", "１３５７９Ｘ")
PINS = hostile("4821", "４８２Ｘ")
# The policy has no upper length (DESIGN §8): 1 MB of a valid password is one; 1 MB of
# letters is not.
PASSWORDS = {**hostile("Sakura2024", "Ｓａｋｕｒａ２０２４"), "1 MB": "a" * (1 << 20)}
SERVICE_IDS = hostile("1234567890123456", "１２３４５６７８９０＿")
SECURITY_CODES = hostile("8F3K", "８Ｆ３－")
MYKEY_IDS = hostile("MK00012345", "ＭＫ０００－")


def form(**changes) -> saifu.SignUp:
    base = dict(email="hanako@example.jp", email_again="hanako@example.jp", terms_accepted=True,
                login_id="hanako_2024", profile=saifu.Profile())
    base.update(changes)
    return saifu.SignUp(**base)


@pytest.mark.parametrize("kind", EMAILS.keys())
def test_bad_input_for_every_field(kind):
    email = EMAILS[kind]
    assert code(lambda: saifu.check_email(email)) == "account.invalid_email"
    assert code(lambda: saifu.validate_signup(form(email=email, email_again=email), "Sakura2024", [])) \
        == "account.invalid_email"

    login_id = LOGIN_IDS[kind]
    assert code(lambda: saifu.parse_login_id(login_id)) == "account.invalid_login_id"
    assert code(lambda: saifu.validate_signup(form(login_id=login_id), "Sakura2024", [])) \
        == "account.invalid_login_id"
    flow = saifu.SignIn(KEY, saifu.SignInConfig(puzzle=False))
    assert code(lambda: flow.enter_login_id(login_id)) == "account.invalid_login_id"

    password = PASSWORDS[kind]
    assert code(lambda: saifu.validate_signup(form(), password, [])).startswith("password.")

    phone = PHONES[kind]
    assert code(lambda: saifu.parse_phone_number(phone)) == "phone.invalid_number"
    assert code(lambda: saifu.check_phone_last4(phone, "5678")) == "phone.invalid_number"
    assert code(lambda: saifu.check_phone_last4("090-1234-5678", LAST4[kind])) == "phone.invalid_format"

    otp = OTPS[kind]
    flow.enter_login_id("sc-0012345")
    assert code(lambda: flow.password_accepted(True, otp, AT)) == "otp.invalid_format"
    flow.password_accepted(True, "0420", AT)
    assert code(lambda: flow.enter_otp(otp, AT)) == "otp.invalid_format"
    assert code(lambda: flow.otp_resent(otp, AT)) == "otp.invalid_format"
    assert flow.otp_remaining() == 3  # a malformed code is not counted

    m = saifu.MyNaPoint(KEY, saifu.MyNaPointConfig(eligible_cards=CARDS))
    assert code(lambda: m.choose_card(EMAILS[kind])) == "mynapoint.card_not_eligible"
    m.choose_card("aeon_card_waon")
    assert code(lambda: m.enter_phone(phone)) == "phone.invalid_number"
    m.enter_phone("090-1234-5678")
    assert code(lambda: m.sms_sent(SMS[kind], AT)) == "otp.invalid_format"
    m.sms_sent("135790", AT)
    assert code(lambda: m.enter_sms_code(SMS[kind], AT)) == "otp.invalid_format"
    m.enter_sms_code("135790", AT)
    assert code(lambda: m.set_password(password)).startswith("password.")
    m.set_password("Waon2020pt")
    assert code(lambda: m.issued(SERVICE_IDS[kind], "8F3K")) == "mynapoint.invalid_service_id"
    assert code(lambda: m.issued("1234567890123456", SECURITY_CODES[kind])) == "mynapoint.invalid_security_code"
    m.issued("1234567890123456", "8F3K")
    assert code(lambda: m.start_reservation(PINS[kind])) == "pin.invalid_format"
    m.start_reservation("4821")
    assert code(lambda: m.enter_pin(PINS[kind])) == "pin.invalid_format"
    assert m.pin_remaining() == 3  # a malformed PIN is not counted
    m.enter_pin("4821")
    m.card_read()
    assert code(lambda: m.mykey_issued(MYKEY_IDS[kind])) == "mynapoint.invalid_mykey_id"
    m.mykey_issued("MK00012345")
    m.proceed_to_application()
    assert code(lambda: m.choose_service(SERVICE_IDS[kind])) == "mynapoint.card_not_eligible"
    m.choose_service("aeon_card_waon")
    m.accept_terms()
    assert code(lambda: m.enter_details(SERVICE_IDS[kind], "8F3K", "5678")) == "mynapoint.invalid_service_id"
    assert code(lambda: m.enter_details("1234567890123456", SECURITY_CODES[kind], "5678")) \
        == "mynapoint.invalid_security_code"
    assert code(lambda: m.enter_details("1234567890123456", "8F3K", LAST4[kind])) == "phone.invalid_format"
    m.enter_details("1234567890123456", "8F3K", "5678")
    assert m.application_state() == saifu.MyNaPointApplicationState.CONFIRMING


def test_bad_keys_and_settings_are_coded():
    for key in (b"", bytes(15)):
        assert code(lambda: saifu.SignIn(key, saifu.SignInConfig())) == "credential.invalid_key"
        assert code(lambda: saifu.MyNaPoint(key, saifu.MyNaPointConfig(eligible_cards=CARDS))) \
            == "credential.invalid_key"
    for config in (saifu.SignInConfig(otp_digits=-1), saifu.SignInConfig(otp_valid_minutes=2**63 - 1),
                   saifu.SignInConfig(otp_max_attempts=-(2**63))):
        assert code(lambda: saifu.SignIn(KEY, config)) == "signin.invalid_config"
    for cards in ([""], ["a" * (1 << 20)], ["\0"], ["💳"], ["\u200f"], ["ａｅｏｎ"], ["x", "x"]):
        config = saifu.MyNaPointConfig(eligible_cards=cards)
        assert code(lambda: saifu.MyNaPoint(KEY, config)) == "mynapoint.invalid_config"


# ---- the user's state saves the flows with everything else ------------------------

def settings() -> saifu.FlowSettings:
    return saifu.FlowSettings(key=KEY, sign_in=saifu.SignInConfig(),
                              mynapoint=saifu.MyNaPointConfig(eligible_cards=CARDS))


def test_the_user_state_saves_a_pin_lock_and_an_otp_attempt():
    m = reserved_with_pin("4821")
    flow = signin_awaiting_otp("0420")
    state = saifu.UserState(saifu.Wallet(), saifu.Charges(), sign_in=flow, mynapoint=m)
    for wrong in ["0000", "1111", "2222"]:
        code(lambda: m.enter_pin(wrong))
    assert code(lambda: flow.enter_otp("0001", AT)) == "otp.mismatch"
    saved = state.to_json()  # the objects are shared: their latest counters are saved
    for secret in ['"4821"', "0420"]:
        assert secret not in saved
    for _ in range(3):  # restarting the app again and again unlocks nothing
        state = saifu.UserState.from_json(saved, settings())
        m = state.mynapoint()
        assert m.pin_locked() and code(lambda: m.enter_pin("4821")) == "pin.locked"
        assert state.sign_in().otp_remaining() == 2
        saved = state.to_json()
    assert code(lambda: saifu.UserState.from_json(saved)) == "state.invalid_flow"
    other = saifu.FlowSettings(key=bytes(reversed(KEY)), sign_in=saifu.SignInConfig())
    assert code(lambda: saifu.UserState.from_json(saved, other)) == "credential.key_mismatch"
    # Set and cleared like any field; a state without flows loads without settings.
    state.set_sign_in(None)
    state.set_mynapoint(None)
    assert saifu.UserState.from_json(state.to_json()).sign_in() is None
    assert state.cards().registrations() == []
