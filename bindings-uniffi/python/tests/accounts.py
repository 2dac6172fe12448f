"""The accounts, sign-in and MyNaPoint vectors (conformance/README.md "Accounts, sign-in
and MyNaPoint") through the Python bindings, mirroring core/tests/scenarios/accounts.rs,
signin.rs and mynapoint.rs.

``reload`` saves the flow's parts as JSON text, as an app would, and builds the flow again
from that text through the binding (``parts_json`` / ``sign_in_parts`` /
``mynapoint_parts`` are also what the save-and-load tests use)."""

from __future__ import annotations

import datetime
import json
from typing import Any, Callable

import saifu
from vectors import CaseFailure, Outcome, check, integer, outcome, text, time

PROFILE_FIELDS = {f.id(): f for f in saifu.ProfileField}


def validate_signup(i: dict) -> Outcome:
    profile = {}
    for key, value in (i.get("profile") or {}).items():
        if key not in PROFILE_FIELDS:
            raise CaseFailure(f"unknown profile field {key}")
        if key == "newsletter":
            if not isinstance(value, bool):
                raise CaseFailure("profile.newsletter is not a boolean")
        elif not isinstance(value, str):
            raise CaseFailure(f"profile.{key} is not text")
        profile[key] = value
    required = []
    for name in i.get("required") or []:
        if name not in PROFILE_FIELDS:
            raise CaseFailure(f"unknown required field {name}")
        required.append(PROFILE_FIELDS[name])
    terms = i.get("terms_accepted")
    if not isinstance(terms, bool):
        raise CaseFailure("input.terms_accepted")
    form = saifu.SignUp(email=text(i, "email"), email_again=text(i, "email_again"), terms_accepted=terms,
                        login_id=text(i, "login_id"), profile=saifu.Profile(**profile))
    password = text(i, "password")
    return outcome(lambda: saifu.validate_signup(form, password, required) and {})


def check_phone_last4(i: dict) -> Outcome:
    registered, entered = text(i, "registered"), text(i, "entered")
    return outcome(lambda: saifu.check_phone_last4(registered, entered) or {})


FUNCTIONS = {"account.validate_signup": validate_signup, "phone.check_last4": check_phone_last4}


# ---- saved parts as JSON text ------------------------------------------------------

def _enum_by_id(kind: type, value: Any) -> Any:
    found = next((s for s in kind if s.id() == value), None)
    if found is None:
        raise CaseFailure(f"unknown {kind.__name__} {value!r}")
    return found


def _otp_dict(o: saifu.OtpParts | None) -> dict | None:
    if o is None:
        return None
    return {"digest": o.digest, "digits": o.digits, "issued_at": o.issued_at.isoformat(),
            "expires_at": o.expires_at.isoformat(), "max_attempts": o.max_attempts, "failures": o.failures,
            "used": o.used}


def _otp_parts(d: dict | None) -> saifu.OtpParts | None:
    if d is None:
        return None
    return saifu.OtpParts(digest=d["digest"], digits=d["digits"], issued_at=time(d["issued_at"]),
                          expires_at=time(d["expires_at"]), max_attempts=d["max_attempts"],
                          failures=d["failures"], used=d["used"])


def parts_json(parts: saifu.SignInParts | saifu.MyNaPointParts) -> str:
    """The parts as the JSON text an app would save: enums as their ids, times ISO 8601."""
    if isinstance(parts, saifu.SignInParts):
        return json.dumps({"state": parts.state.id(), "login_id": parts.login_id,
                           "stay_signed_in": parts.stay_signed_in, "otp": _otp_dict(parts.otp)})
    pin = parts.card_pin
    return json.dumps({
        "issuance": parts.issuance.id(), "card_kind": parts.card_kind,
        "phone": parts.phone, "sms_otp": _otp_dict(parts.sms_otp), "service_id": parts.service_id,
        "security_code": parts.security_code,
        "reservation": parts.reservation.id(),
        "card_pin": None if pin is None else {"digest": pin.digest, "failures": pin.failures},
        "mykey_id": parts.mykey_id, "application": parts.application.id(),
        "chosen_service": parts.chosen_service,
    })


def sign_in_parts(saved: str) -> saifu.SignInParts:
    d = json.loads(saved)
    return saifu.SignInParts(state=_enum_by_id(saifu.SignInState, d["state"]),
                             login_id=d["login_id"], stay_signed_in=d["stay_signed_in"], otp=_otp_parts(d["otp"]))


def mynapoint_parts(saved: str) -> saifu.MyNaPointParts:
    d = json.loads(saved)
    pin = d["card_pin"]
    return saifu.MyNaPointParts(
        issuance=_enum_by_id(saifu.MyNaPointIssuanceState, d["issuance"]),
        card_kind=d["card_kind"], phone=d["phone"], sms_otp=_otp_parts(d["sms_otp"]), service_id=d["service_id"],
        security_code=d["security_code"],
        reservation=_enum_by_id(saifu.MyNaPointReservationState, d["reservation"]),
        card_pin=None if pin is None else saifu.PinParts(digest=pin["digest"], failures=pin["failures"]),
        mykey_id=d["mykey_id"],
        application=_enum_by_id(saifu.MyNaPointApplicationState, d["application"]),
        chosen_service=d["chosen_service"],
    )


# ---- the signin and mynapoint scenarios ----------------------------------------------

COUNTS_AS_ATTEMPT = {"otp.mismatch", "otp.locked", "pin.mismatch", "pin.locked", "signin.locked"}


def key_bytes(obj: dict, name: str) -> bytes:
    try:
        return bytes.fromhex(text(obj, name))
    except ValueError as e:
        raise CaseFailure(f"{name} is not hex") from e


def setting(setup: dict, name: str, default: Any) -> Any:
    if name not in setup:
        return default
    return integer(setup, name)


def _iso(t: datetime.datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def sign_in_status(flow: saifu.SignIn) -> dict:
    return {"state": flow.state().id(), "login_id": flow.login_id(),
            "stay_signed_in": flow.stay_signed_in(), "otp_remaining": flow.otp_remaining(),
            "otp_expires_at": _iso(flow.otp_expires_at())}


def mynapoint_status(m: saifu.MyNaPoint) -> dict:
    return {
        "issuance": m.issuance_state().id(),
        "reservation": m.reservation_state().id(),
        "application": m.application_state().id(),
        "card_kind": m.card_kind(), "phone": m.phone(), "mykey_id": m.mykey_id(),
        "chosen_service": m.chosen_service(), "pin_remaining": m.pin_remaining(), "pin_locked": m.pin_locked(),
        "sms_otp_remaining": m.sms_otp_remaining(), "sms_otp_expires_at": _iso(m.sms_otp_expires_at()),
    }


def sign_in_config(s: dict) -> saifu.SignInConfig:
    puzzle = s.get("puzzle", True)
    if not isinstance(puzzle, bool):
        raise CaseFailure("setup.puzzle is not a boolean")
    return saifu.SignInConfig(puzzle=puzzle, otp_digits=setting(s, "otp_digits", 4),
                              otp_valid_minutes=setting(s, "otp_valid_minutes", 10),
                              otp_max_attempts=setting(s, "otp_max_attempts", 3))


def mynapoint_config(s: dict) -> saifu.MyNaPointConfig:
    cards = s.get("eligible_cards")
    if not isinstance(cards, list) or not all(isinstance(c, str) for c in cards):
        raise CaseFailure("setup.eligible_cards")
    return saifu.MyNaPointConfig(eligible_cards=cards,
                                 sms_otp_valid_minutes=setting(s, "sms_otp_valid_minutes", 10),
                                 sms_otp_max_attempts=setting(s, "sms_otp_max_attempts", 3))


def _run_flow(case: dict, build: Callable[[bytes], Any], rebuild: Callable[[bytes, str], Any],
              status: Callable[[Any], dict], ops: dict, from_json: Callable[[str], Any]) -> None:
    """Builds the flow (or checks `setup_expect`), then runs each step, comparing the
    parts before and after an error that counts no attempt, and reloading through JSON."""
    setup = case.get("setup") or {}
    key = key_bytes(setup, "key")
    built = outcome(lambda: build(key))
    if "setup_expect" in case:
        check({} if not isinstance(built, saifu.SaifuError) else built, case["setup_expect"])
        if "steps" in case:
            raise CaseFailure("a case with setup_expect has no steps")
        return
    if isinstance(built, saifu.SaifuError):
        raise CaseFailure(f"setup failed: {built.code}")
    flow = built
    steps = case.get("steps")
    if not isinstance(steps, list):
        raise CaseFailure("no steps")
    for i, step in enumerate(steps):
        args, op = step.get("args") or {}, step.get("op")
        before = flow.parts()
        try:
            if op == "status":
                result = status(flow)
            elif op == "reload":
                with_key = key_bytes(args, "key") if "key" in args else key
                saved = parts_json(before)
                again = outcome(lambda: rebuild(with_key, saved))
                if isinstance(again, saifu.SaifuError):
                    result = again
                else:
                    if again.parts() != before or from_json(parts_json(again.parts())) != before:
                        raise CaseFailure("reload changed the parts")
                    flow = again
                    result = status(flow)
            elif op in ops:
                call = ops[op]
                result = outcome(lambda: call(flow, args, step))
                if not isinstance(result, saifu.SaifuError) and op != "view":
                    result = status(flow)
            else:
                raise CaseFailure(f"unknown op {op}")
            check(result, step.get("expect") or {})
        except CaseFailure as f:
            raise CaseFailure(f"step {i} ({op}): {f}") from f
        if isinstance(result, saifu.SaifuError) and result.code not in COUNTS_AS_ATTEMPT \
                and flow.parts() != before:
            raise CaseFailure(f"step {i}: {result.code} changed the flow")


SIGN_IN_OPS = {
    "enter_login_id": lambda f, a, s: f.enter_login_id(text(a, "login_id")),
    "puzzle_passed": lambda f, a, s: f.puzzle_passed(),
    "password_rejected": lambda f, a, s: f.password_rejected(),
    "password_accepted": lambda f, a, s: f.password_accepted(_bool(a, "stay_signed_in"), text(a, "otp"),
                                                             time(s.get("at"))),
    "otp_resent": lambda f, a, s: f.otp_resent(text(a, "otp"), time(s.get("at"))),
    "enter_otp": lambda f, a, s: f.enter_otp(text(a, "otp"), time(s.get("at"))),
    "cancel": lambda f, a, s: f.cancel(),
    "sign_out": lambda f, a, s: f.sign_out(),
}

MYNAPOINT_OPS = {
    "choose_card": lambda m, a, s: m.choose_card(text(a, "card")),
    "enter_phone": lambda m, a, s: m.enter_phone(text(a, "phone")),
    "sms_sent": lambda m, a, s: m.sms_sent(text(a, "code"), time(s.get("at"))),
    "enter_sms_code": lambda m, a, s: m.enter_sms_code(text(a, "code"), time(s.get("at"))),
    "set_password": lambda m, a, s: m.set_password(text(a, "password")),
    "issued": lambda m, a, s: m.issued(text(a, "service_id"), text(a, "security_code")),
    "view": lambda m, a, s: {"service_id": m.view(_bool(a, "password_accepted"))},
    "start_reservation": lambda m, a, s: m.start_reservation(text(a, "pin")),
    "enter_pin": lambda m, a, s: m.enter_pin(text(a, "pin")),
    "card_read": lambda m, a, s: m.card_read(),
    "mykey_issued": lambda m, a, s: m.mykey_issued(text(a, "mykey_id")),
    "proceed_to_application": lambda m, a, s: m.proceed_to_application(),
    "resume_application": lambda m, a, s: m.resume_application(),
    "choose_service": lambda m, a, s: m.choose_service(text(a, "service")),
    "accept_terms": lambda m, a, s: m.accept_terms(),
    "enter_details": lambda m, a, s: m.enter_details(text(a, "service_id"), text(a, "security_code"),
                                                     text(a, "phone_last4")),
    "confirm": lambda m, a, s: m.confirm(),
    "registration_confirmed": lambda m, a, s: m.registration_confirmed(),
}


def _bool(obj: dict, key: str) -> bool:
    value = obj.get(key)
    if not isinstance(value, bool):
        raise CaseFailure(f"args.{key} is not a boolean")
    return value


def run_signin(case: dict) -> None:
    config = sign_in_config(case.get("setup") or {})
    _run_flow(case, lambda key: saifu.SignIn(key, config),
              lambda key, saved: saifu.SignIn.from_parts(key, config, sign_in_parts(saved)),
              sign_in_status, SIGN_IN_OPS, sign_in_parts)


def run_mynapoint(case: dict) -> None:
    config = mynapoint_config(case.get("setup") or {})
    _run_flow(case, lambda key: saifu.MyNaPoint(key, config),
              lambda key, saved: saifu.MyNaPoint.from_parts(key, config, mynapoint_parts(saved)),
              mynapoint_status, MYNAPOINT_OPS, mynapoint_parts)
