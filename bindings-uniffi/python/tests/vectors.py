"""The conformance vectors (conformance/README.md) through the Python bindings.

Mirrors core/tests/conformance.rs and core/tests/scenarios/wallet.rs: each case gives an
outcome (the fields of a success, with the vectors' snake_case names, or a typed
``saifu.SaifuError``) compared with the vector's ``expect``. A case the runner cannot run
(an unknown ``fn``, ``scenario`` or ``op``, a malformed vector, any other exception)
raises ``CaseFailure``: a failure, never a skip.
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
from dataclasses import dataclass
from typing import Any, Callable, Union

import saifu

REPO = pathlib.Path(__file__).resolve().parents[3]


class CaseFailure(Exception):
    """The case cannot run, or disagrees with the vector."""


@dataclass
class Case:
    file: str
    name: str
    body: dict


def vectors_dir() -> pathlib.Path:
    """``SAIFU_CONFORMANCE_DIR`` when set, else the project's conformance/."""
    return pathlib.Path(os.environ.get("SAIFU_CONFORMANCE_DIR") or REPO / "conformance").resolve()


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(vectors_dir().glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        for body in suite["cases"]:
            cases.append(Case(path.name, body.get("name", "(unnamed)"), body))
    return cases


# An outcome: a dict of fields (``True`` for a PIN or one-time password that matched), or
# the error raised.
Outcome = Union[dict, bool, saifu.SaifuError]


def outcome(call: Callable[[], Any]) -> Outcome:
    try:
        return call()
    except saifu.SaifuError as e:
        return e


def text(obj: dict, key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise CaseFailure(f"input.{key} is not text")
    return value


def integer(obj: dict, key: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseFailure(f"input.{key} is not an integer")
    return value


SPECIAL_NUMBERS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf"), "-0": -0.0}


def number_of(obj: dict, key: str) -> int | float:
    """A vector's number (conformance/README.md "Bad numbers"): a JSON integer as an
    int, any other number as a float; {"number": "NaN" | "Infinity" | "-Infinity" |
    "-0"} for what JSON cannot write."""
    value = obj.get(key)
    if isinstance(value, dict) and value.get("number") in SPECIAL_NUMBERS:
        return SPECIAL_NUMBERS[value["number"]]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CaseFailure(f"input.{key} is not a number: {value!r}")
    return value


def money_of(n: int | float, currency: str) -> saifu.Money:
    """An amount through Python's entry for the number: an int as the Money record takes
    it, a float through money_from_f64 (it raises what core answers)."""
    return saifu.Money(minor=n, currency=currency) if isinstance(n, int) else saifu.money_from_f64(n, currency)


def yen_of(n: int | float) -> int:
    """Yen as the wallet and charges take them (an int), read as money_of() reads a number."""
    return n if isinstance(n, int) else saifu.money_from_f64(n, "JPY").minor


def units_of(n: int | float) -> int:
    """A count of units (an int), a float through units_from_f64."""
    return n if isinstance(n, int) else saifu.units_from_f64(n)


def instant_or_none(value: Any) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo is not None else None


def time(value: Any) -> datetime.datetime:
    t = instant_or_none(value)
    if t is None:
        raise CaseFailure(f"not an RFC 3339 time: {value!r}")
    return t


def error_field(e: saifu.SaifuError, key: str) -> Any:
    """An error's typed field by its name; a brand as its id, an instant as ISO 8601 text
    (compared as an instant); amounts are minor units."""
    if not hasattr(e, key):
        raise CaseFailure(f"error {e.code} has no field {key}")
    value = getattr(e, key)
    if isinstance(value, saifu.Brand):
        return value.id()
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def matches(got: Any, want: Any, path: str = "") -> None:
    """Only the fields given; lists element by element with equal lengths; times as instants."""

    def fail(why: str) -> None:
        raise CaseFailure(f"{path}: {why}" if path else why)

    if isinstance(want, dict):
        if not isinstance(got, dict):
            fail(f"expected an object, got {got!r}")
        for key, w in want.items():
            if key not in got:
                fail(f"missing field {key} in {got!r}")
            matches(got[key], w, f"{path}.{key}" if path else key)
    elif isinstance(want, list):
        if not isinstance(got, list):
            fail(f"expected a list, got {got!r}")
        if len(got) != len(want):
            fail(f"expected {len(want)} elements, got {len(got)}: {got!r}")
        for i, (g, w) in enumerate(zip(got, want)):
            matches(g, w, f"{path}[{i}]")
    elif isinstance(want, str) and isinstance(got, str):
        if got != want:
            a, b = instant_or_none(got), instant_or_none(want)
            if a is None or b is None or a != b:
                fail(f"expected {want!r}, got {got!r}")
    elif isinstance(want, bool) or isinstance(got, bool):
        if type(got) is not type(want) or got != want:
            fail(f"expected {want!r}, got {got!r}")
    elif got != want or type(got) is not type(want):
        fail(f"expected {want!r}, got {got!r}")


def check(result: Outcome, expect: dict) -> None:
    code = expect.get("error")
    if isinstance(result, saifu.SaifuError):
        if code is None:
            raise CaseFailure(f"unexpected error {result.code}: {result.message_in(saifu.Lang.EN)}")
        if result.code != code:
            raise CaseFailure(f"expected error {code}, got {result.code}")
        for key, want in expect.items():
            if key != "error":
                matches(error_field(result, key), want, f"error field {key}")
    else:
        if code is not None:
            raise CaseFailure(f"expected error {code}, got {result!r}")
        matches(result, expect.get("ok", expect))


# ---- function cases ----------------------------------------------------------------

STYLES = {"symbol": saifu.MoneyStyle.SYMBOL, "suffix": saifu.MoneyStyle.SUFFIX, "voucher": saifu.MoneyStyle.VOUCHER}


def card_fields(number: str) -> dict:
    c = saifu.parse_card(number)
    return {
        "brand": c.brand().id(), "digits": c.digits(), "display": c.display(),
        "masked": c.masked(), "last4": c.last4(), "first6_last4": c.first6_last4(),
    }

ROUNDINGS = {"to_zero": saifu.Rounding.TO_ZERO, "midpoint_away_from_zero": saifu.Rounding.MIDPOINT_AWAY_FROM_ZERO,
             "away_from_zero": saifu.Rounding.AWAY_FROM_ZERO}



def call(fn: str, i: dict) -> Outcome:
    if fn == "money.parse":
        currency = i.get("currency") or "JPY"
        typed = text(i, "text")

        def parse() -> dict:
            m = saifu.parse_money(typed, currency)
            return {"minor": m.minor, "currency": m.currency}

        return outcome(parse)
    if fn == "money.apply_rate":
        rounding = ROUNDINGS.get(text(i, "rounding"))
        if rounding is None:
            raise CaseFailure(f"unknown rounding {i['rounding']}")
        money = saifu.Money(minor=integer(i, "minor"), currency=i.get("currency") or "JPY")
        rate = text(i, "rate")

        def apply() -> dict:
            m = saifu.apply_rate(money, rate, rounding)
            return {"minor": m.minor, "currency": m.currency}

        return outcome(apply)
    if fn == "money.format":
        style = STYLES.get(text(i, "style"))
        if style is None:
            raise CaseFailure(f"unknown style {i['style']}")
        minor, currency = number_of(i, "minor"), text(i, "currency")
        return outcome(lambda: {"text": saifu.format_money(money_of(minor, currency), style)})
    if fn == "card.parse":
        number = text(i, "number")
        return outcome(lambda: card_fields(number))
    if fn == "card.detect":
        d = saifu.detect_card(text(i, "partial"))
        return {
            "brand": d.brand.id() if d.brand is not None else None,
            "potentially_valid": d.potentially_valid, "complete": d.complete, "max_length": d.max_length,
        }
    if fn == "card.expiry":
        now, typed = time(i.get("now")), text(i, "text")

        def expiry() -> dict:
            e = saifu.parse_card_expiry(typed)
            return {"month": e.month, "year": e.year, "expired": saifu.is_card_expired(e, now)}

        return outcome(expiry)
    if fn == "card.cvc":
        brand = next((b for b in saifu.Brand if b.id() == text(i, "brand")), None)
        if brand is None:
            raise CaseFailure(f"unknown brand {i['brand']}")
        cvc = text(i, "cvc")
        return outcome(lambda: {"masked": saifu.parse_security_code(cvc, brand).masked()})
    if fn == "voucher.mask_code":
        code = text(i, "code")
        return outcome(lambda: {"masked": saifu.mask_voucher_code(code)})
    if fn == "jcoin.credentials":
        jcoin_id, password, code = text(i, "id"), text(i, "password"), text(i, "code")

        def credentials() -> dict:
            c = saifu.JCoinCredentials(jcoin_id, password, code)
            return {"id": c.id(), "masked": c.masked_id(), "password": c.password(), "code": c.confirmation_code()}

        return outcome(credentials)
    if fn == "purchase.normalize_code":
        code = text(i, "code")
        return outcome(lambda: {"code": saifu.normalize_purchase_code(code)})
    if fn == "smartpit.parse":
        number = text(i, "number")

        def smartpit() -> dict:
            n = saifu.parse_smart_pit(number)
            return {"digits": n.digits, "display": n.display}

        return outcome(smartpit)
    if fn == "password.check":
        password = text(i, "password")
        return outcome(lambda: saifu.check_password(password) or {})
    if fn == "emvqr.parse":
        payload = text(i, "payload")

        def emvqr() -> dict:
            q = saifu.parse_merchant_qr(payload)
            return {
                "merchant_name": q.merchant_name, "merchant_city": q.merchant_city,
                "currency": q.currency, "amount": q.amount, "country": q.country,
                "merchant_category_code": q.merchant_category_code,
            }

        return outcome(emvqr)
    if fn == "card.register":
        return card_register(i)
    if fn == "card.billing_card":
        return card_billing_card(i)
    if fn == "payment.number":
        return payment_number(i)
    if fn == "payment.slip":
        return payment_slip(i)
    if fn == "smartpit.can_pay":
        return smartpit_can_pay(i)
    import accounts  # it imports this module's helpers

    if fn in accounts.FUNCTIONS:
        return accounts.FUNCTIONS[fn](i)
    raise CaseFailure(f"unknown fn {fn}")


# ---- cards on file, payment slips and Smart Pit (core/tests/scenarios/cards.rs, slips.rs) ----

def strings(obj: dict, key: str) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CaseFailure(f"{key} is not a list of text")
    return value


def card_policy(v: dict) -> saifu.CardPolicy:
    """The integrator's policy of a vector; raises the SaifuError of a bad key or prefix."""
    try:
        key = bytes.fromhex(text(v, "fingerprint_key"))
    except ValueError as e:
        raise CaseFailure(f"fingerprint_key is not hex: {e}") from e
    return saifu.CardPolicy(key, [brand(b) for b in strings(v, "accepted_brands")],
                            strings(v, "debit_prefixes"), strings(v, "allowed_debit_prefixes"))


def card_entry(v: dict) -> tuple:
    """(number, expiry, security code) of a card form."""
    if "expiry" in v:
        expiry = saifu.ExpiryInput.TEXT(text=text(v, "expiry"))
    else:
        expiry = saifu.ExpiryInput.FIELDS(month=text(v, "expiry_month"), year=text(v, "expiry_year"))
    return text(v, "number"), expiry, text(v, "cvc")


def card_record(c: saifu.RegisteredCard) -> dict:
    return {"brand": c.brand.id(), "last4": c.last4, "expiry_month": c.expiry_month,
            "expiry_year": c.expiry_year, "debit": c.debit, "fingerprint": c.fingerprint,
            "registered_at": c.registered_at.isoformat()}


def read_card_record(v: dict) -> saifu.RegisteredCard:
    debit = v.get("debit")
    if not isinstance(debit, bool):
        raise CaseFailure("debit is not a boolean")
    return saifu.RegisteredCard(brand=brand(text(v, "brand")), last4=text(v, "last4"),
                                expiry_month=integer(v, "expiry_month"), expiry_year=integer(v, "expiry_year"),
                                debit=debit, fingerprint=text(v, "fingerprint"),
                                registered_at=time(v.get("registered_at")))


def card_confirmation(c: saifu.CardConfirmation) -> dict:
    return {**card_record(c.card), "masked": c.masked_number, "masked_security_code": c.masked_security_code,
            "expiry": c.expiry}


def cutoff_day(v: dict) -> int | None:
    day = v.get("cutoff_day")
    if day is None:
        return None
    if isinstance(day, bool) or not isinstance(day, int):
        raise CaseFailure("cutoff_day is not an integer")
    return day


def card_register(i: dict) -> Outcome:
    number, expiry, cvc = card_entry(i)
    registered, now = strings(i, "registered_fingerprints"), time(i.get("now"))
    return outcome(lambda: card_confirmation(card_policy(i).check(number, expiry, cvc, registered, now)))


def card_billing_card(i: dict) -> Outcome:
    """The registrations become records of one user's cards on file, each with its own
    fingerprint; the answer names the card of the record chosen."""
    given = i.get("registrations")
    if not isinstance(given, list):
        raise CaseFailure("registrations is not a list")
    ids = [text(r, "card") for r in given]
    records = [saifu.RegisteredCard(brand=saifu.Brand.VISA, last4="0000", expiry_month=12, expiry_year=2099,
                                    debit=False, fingerprint=f"{n:064x}", registered_at=time(r.get("at")))
               for n, r in enumerate(given)]
    cards = setup_step(lambda: saifu.CardsOnFile.from_registrations(records))
    month, day = text(i, "month"), cutoff_day(i)

    def billed() -> dict:
        card = cards.billing_card(month, day)
        return {"card": None if card is None else ids[int(card.fingerprint, 16)]}

    return outcome(billed)


def slip_kind(v: dict) -> saifu.SlipKind:
    kind = text(v, "kind")
    if kind == "payeasy":
        return saifu.SlipKind.PAY_EASY()
    chain = next((c for c in saifu.KonbiniChain if c.id() == kind), None)
    if chain is None:
        raise CaseFailure(f"unknown kind {kind}")
    return saifu.SlipKind.KONBINI(chain=chain)


def payment_field(v: dict) -> saifu.PaymentField:
    field = next((f for f in saifu.PaymentField if f.id() == v.get("field")), None)
    if field is None:
        raise CaseFailure(f"unknown field {v.get('field')}")
    return field


def digit_rules(v: dict) -> list:
    return [saifu.DigitRule(kind=slip_kind(d), field=payment_field(d), min=integer(d, "min"), max=integer(d, "max"))
            for d in v.get("digits") or []]


def payment_number(i: dict) -> Outcome:
    kind, field, number, rules = slip_kind(i), payment_field(i), text(i, "number"), digit_rules(i)

    def parse() -> dict:
        n = saifu.parse_payment_number(kind, field, number, rules)
        return {"digits": n.digits, "display": n.display}

    return outcome(parse)


def slip_lang(i: dict) -> saifu.Lang:
    lang = {"ja": saifu.Lang.JA, "en": saifu.Lang.EN}.get(i.get("lang"))
    if lang is None:
        raise CaseFailure(f"unknown lang {i.get('lang')}")
    return lang


def slip_numbers(i: dict) -> list:
    if not isinstance(i.get("numbers"), list):
        raise CaseFailure("numbers is not a list")
    return [saifu.SlipNumber(field=payment_field(n), number=text(n, "number")) for n in i["numbers"]]


def slip_view(s: saifu.PaymentSlip, lang: saifu.Lang) -> dict:
    """A slip as `payment.slip` answers it."""

    def line(l: saifu.SlipLine) -> dict:
        return {"label": l.label, "value": l.value}

    how = s.instructions(lang)
    return {
        "numbers": [{"field": n.field.id(), "digits": n.digits, "display": n.display}
                    for n in s.numbers()],
        "instructions": {"title": how.title, "numbers": [line(l) for l in how.numbers], "steps": how.steps,
                         "amount": line(how.amount), "deadline": line(how.deadline), "notes": how.notes},
        "text": how.text,
    }


def payment_slip(i: dict) -> Outcome:
    lang, numbers = slip_lang(i), slip_numbers(i)
    kind, rules, amount, deadline = slip_kind(i), digit_rules(i), number_of(i, "amount"), time(i.get("deadline"))
    return outcome(lambda: slip_view(saifu.PaymentSlip(kind, numbers, deadline, yen_of(amount), rules), lang))


TENDERS = {"cash": saifu.Tender.CASH, "credit_card": saifu.Tender.CREDIT_CARD, "emoney": saifu.Tender.E_MONEY,
           "other": saifu.Tender.OTHER}


def smartpit_can_pay(i: dict) -> Outcome:
    medium_id = text(i, "medium")
    if medium_id == "card":
        medium = saifu.SmartPitMedium.CARD()
    elif medium_id == "sheet":
        medium = saifu.SmartPitMedium.SHEET(expires_on=text(i, "sheet_expires_on"))
    else:
        raise CaseFailure(f"unknown medium {medium_id}")
    if not isinstance(i.get("bills"), list):
        raise CaseFailure("bills is not a list")
    # A bill of the vector is a number only; the answer does not depend on the rest.
    bills = [saifu.SmartPitBill(number=b, merchant="merchant", amount=1, due_on="2099-12-31") for b in i["bills"]]
    store = next((s for s in saifu.SmartPitStore if s.id() == i.get("store")), None)
    if store is None:
        raise CaseFailure(f"unknown store {i.get('store')}")
    printed = i.get("has_printed_sheet")
    if not isinstance(printed, bool):
        raise CaseFailure("has_printed_sheet is not a boolean")
    # "cash" or another word: any other way of paying.
    tender = TENDERS.get(text(i, "method"), saifu.Tender.OTHER)
    number, now = text(i, "number"), time(i.get("now"))

    def can_pay() -> dict:
        yes = saifu.can_pay_smart_pit(number, medium, bills, store, printed, tender, now)
        return {"at_terminal": yes.at_terminal, "bills": len(yes.bills)}

    return outcome(can_pay)


def run_cards_on_file(case: dict) -> None:
    s = case.get("setup") or {}
    policy = setup_step(lambda: card_policy(s))
    day = cutoff_day(s)
    loaded = [read_card_record(r) for r in s.get("registrations") or []]
    cards = setup_step(lambda: saifu.CardsOnFile.from_registrations(loaded))
    steps = case.get("steps")
    if not isinstance(steps, list):
        raise CaseFailure("no steps")
    for i, step in enumerate(steps):
        before = cards.registrations()
        args = step.get("args") or {}
        op = step.get("op")
        try:
            if op in ("confirm", "register"):
                number, expiry, cvc = card_entry(args)
                at = time(step.get("at"))
                command = cards.confirm if op == "confirm" else cards.register
                result = outcome(lambda: card_confirmation(command(policy, number, expiry, cvc, at)))
                if op == "confirm" and cards.registrations() != before:
                    raise CaseFailure("confirm changed the cards")
            elif op == "current":
                current = cards.current()
                result = {"card": None if current is None else card_record(current)}
            elif op == "registrations":
                result = {"registrations": [card_record(c) for c in cards.registrations()]}
            elif op == "billing_card":
                month = text(args, "month")
                result = outcome(lambda: {"card": (lambda c: None if c is None else card_record(c))(
                    cards.billing_card(month, day))})
            elif op == "reload":
                # What an app saves (the cards-on-file document) and loads back.
                again = saifu.CardsOnFile.from_json(cards.to_json())
                if again.registrations() != cards.registrations() or again.to_json() != cards.to_json():
                    raise CaseFailure("reload changed the cards")
                cards = again
                result = {"registrations": [card_record(c) for c in cards.registrations()]}
            elif op == "load":
                if not isinstance(args.get("registrations"), list):
                    raise CaseFailure("registrations is not a list")
                records = [read_card_record(r) for r in args["registrations"]]

                def load() -> dict:
                    nonlocal cards
                    cards = saifu.CardsOnFile.from_registrations(records)
                    return {"registrations": [card_record(c) for c in cards.registrations()]}

                result = outcome(load)
            else:
                raise CaseFailure(f"unknown op {op}")
        except CaseFailure as f:
            raise CaseFailure(f"step {i}: {f}") from f
        if isinstance(result, saifu.SaifuError) and cards.registrations() != before:
            raise CaseFailure(f"step {i}: a failed step changed the cards")
        try:
            check(result, step.get("expect") or {})
        except CaseFailure as f:
            raise CaseFailure(f"step {i} ({op}): {f}") from f


# ---- the wallet scenario -------------------------------------------------------------

def setup_step(step: Callable[[], Any]) -> Any:
    try:
        return step()
    except saifu.SaifuError as e:
        raise CaseFailure(f"setup: {e.code}: {e.message_in(saifu.Lang.EN)}") from e


def new_lot(lot: dict) -> saifu.NewLot:
    balance = integer(lot, "balance")
    scope = {"all_stores": saifu.Scope.ALL_STORES, "small_stores_only": saifu.Scope.SMALL_STORES_ONLY}.get(
        text(lot, "scope"))
    if scope is None:
        raise CaseFailure(f"unknown scope {lot['scope']}")
    expires_on = lot.get("expires_on")
    if expires_on is not None and not isinstance(expires_on, str):
        raise CaseFailure(f"bad expires_on {expires_on!r}")
    return saifu.NewLot(
        id=text(lot, "id"), code=text(lot, "code"), management_no=text(lot, "management_no"),
        program=text(lot, "program"), scope=scope, registered_at=time(lot.get("registered_at")),
        expires_on=expires_on, face_value=integer(lot, "face_value") if "face_value" in lot else balance,
        balance=balance,
    )


def setup(s: dict) -> saifu.Wallet:
    w = saifu.Wallet()
    for p in s.get("programs", []):
        program = saifu.Program(id=text(p, "id"), name=text(p, "name"), payment_id_prefix=text(p, "payment_id_prefix"))
        setup_step(lambda: w.add_program(program))
    for m in s.get("merchants", []):
        size = {"large": saifu.MerchantSize.LARGE, "small": saifu.MerchantSize.SMALL}.get(text(m, "size"))
        if size is None:
            raise CaseFailure(f"unknown size {m['size']}")
        merchant = saifu.Merchant(
            id=text(m, "id"), name=text(m, "name"), size=size,
            programs=[p for p in m.get("programs", []) if isinstance(p, str)], jpqr_id=m.get("jpqr_id"),
        )
        setup_step(lambda: w.add_merchant(merchant))
    if "policy" in s:
        policy = s["policy"]
        spending = {None: saifu.SpendingPolicy.EXPIRY_THEN_BALANCE,
                    "expiry_then_balance": saifu.SpendingPolicy.EXPIRY_THEN_BALANCE,
                    "restricted_first": saifu.SpendingPolicy.RESTRICTED_FIRST}.get(policy.get("spending"))
        if spending is None:
            raise CaseFailure(f"unknown spending policy {policy.get('spending')}")
        refund = policy.get("expired_refund")
        if refund is None or refund == "reject":
            expired = saifu.ExpiredRefundPolicy.REJECT()
        elif refund == "forfeit":
            expired = saifu.ExpiredRefundPolicy.FORFEIT()
        elif isinstance(refund, dict):
            days = refund.get("reissue_days")
            if isinstance(days, bool) or not isinstance(days, int):
                raise CaseFailure("bad reissue_days")
            expired = saifu.ExpiredRefundPolicy.REISSUE(valid_days=days)
        else:
            raise CaseFailure(f"unknown expired_refund policy {refund!r}")
        setup_step(lambda: w.set_policy(saifu.WalletPolicy(spending=spending, expired_refund=expired)))
    if s.get("payment_serial") is not None:
        serial = integer(s, "payment_serial")
        setup_step(lambda: w.set_next_payment_serial(serial))
    for raw in s.get("lots", []):
        lot = new_lot(raw)
        setup_step(lambda: w.open_lot(lot))
    return w


def allocations(items) -> list:
    return [{"lot": a.lot, "amount": a.amount} for a in items]


def step_outcome(w: saifu.Wallet, step: dict) -> Outcome:
    at = time(step.get("at"))
    args = step.get("args") or {}
    op = step.get("op")
    if op == "pay":
        merchant, amount = text(args, "merchant"), number_of(args, "amount")

        def pay() -> dict:
            r = w.pay(merchant, yen_of(amount), at)
            return {"payment_id": r.payment_id, "allocations": allocations(r.allocations),
                    "balance_after": r.balance_after}

        return outcome(pay)
    if op == "quote":
        merchant, amount = text(args, "merchant"), number_of(args, "amount")

        def quote() -> dict:
            q = w.quote(merchant, yen_of(amount), at)
            return {"available": q.available, "allocations": allocations(q.allocations)}

        return outcome(quote)
    if op == "refund":
        payment, amount = text(args, "payment_id"), number_of(args, "amount")

        def refund() -> dict:
            r = w.refund(payment, yen_of(amount), at)
            return {"refund_id": r.refund_id, "restored": allocations(r.restored), "refundable": r.refundable_after}

        return outcome(refund)
    if op == "expire":
        return outcome(lambda: {"forfeited": allocations(w.expire(at))})
    if op == "balance":
        def balance() -> dict:
            b = w.balance(at)
            return {
                "total": b.total, "under_6_months": b.under_6_months, "under_1_year": b.under_1_year,
                "one_year_or_more": b.one_year_or_more,
                "lots": {lot.lot: lot.balance for lot in b.lots},
                "programs": {p.program: p.total for p in b.programs},
            }

        return outcome(balance)
    if op == "history":
        return outcome(lambda: {"entries": [
            {"kind": e.kind.id(), "id": e.id, "amount": e.amount, "at": e.at.isoformat(),
             "time": e.display_time, "display_amount": e.display_amount}
            for e in w.history(saifu.HistoryFilter())
        ]})
    if op == "charge":
        if not isinstance(args.get("lots"), list):
            raise CaseFailure("charge needs lots")
        lots = [new_lot(lot) for lot in args["lots"]]
        charge_id, program = text(args, "id"), text(args, "program")
        return outcome(lambda: w.charge(charge_id, program, at, lots) or {})
    if op == "lots":
        return outcome(lambda: {"lots": [
            {"id": lot.id, "balance": lot.balance, "scope": lot.scope.name.lower()} for lot in w.lots()
        ]})
    raise CaseFailure(f"unknown op {op}")


def run_wallet(case: dict) -> None:
    w = setup(case.get("setup") or {})
    steps = case.get("steps")
    if not isinstance(steps, list):
        raise CaseFailure("no steps")
    for i, step in enumerate(steps):
        before = w.to_json()
        try:
            result = step_outcome(w, step)
        except CaseFailure as f:
            raise CaseFailure(f"step {i}: {f}") from f
        try:
            check(result, step.get("expect") or {})
        except CaseFailure as f:
            raise CaseFailure(f"step {i} ({step.get('op')}): {f}") from f
        if isinstance(result, saifu.SaifuError) and w.to_json() != before:
            raise CaseFailure(f"step {i}: a failed step changed the wallet")


# ---- the charge scenario (core/tests/scenarios/charge.rs) ----------------------------

SCOPES = {"all_stores": saifu.Scope.ALL_STORES, "small_stores_only": saifu.Scope.SMALL_STORES_ONLY}


def scope(s: Any) -> saifu.Scope:
    if s not in SCOPES:
        raise CaseFailure(f"unknown scope {s}")
    return SCOPES[s]


def brand(id: Any) -> saifu.Brand:
    found = next((b for b in saifu.Brand if b.id() == id), None)
    if found is None:
        raise CaseFailure(f"unknown brand {id}")
    return found


def setup_charges(s: dict) -> tuple[saifu.Wallet, saifu.Charges]:
    """The setup's charges, and a wallet of the same programs that successes credit."""
    charges = saifu.Charges()
    wallet = saifu.Wallet()
    for p in s.get("programs", []):
        product = None
        raw = p.get("product")
        if raw is not None:
            if not isinstance(raw.get("breakdown"), list):
                raise CaseFailure("breakdown")
            product = saifu.Product(
                unit_price=integer(raw, "unit_price"), max_units=integer(raw, "max_units"),
                breakdown=[saifu.ProductLine(scope=scope(text(line, "scope")), value=integer(line, "value"))
                           for line in raw["breakdown"]],
                # Absent: every way to pay.
                methods=[method_kind(m) for m in raw["methods"]] if "methods" in raw else list(saifu.ChargeMethodKind),
                lots_expire_on=raw.get("lots_expire_on"),
            )
        # One record for the wallet and the charges.
        program = saifu.Program(id=text(p, "id"), name=text(p, "name"),
                                payment_id_prefix=text(p, "payment_id_prefix"),
                                accepted_brands=[brand(b) for b in p.get("accepted_brands", [])],
                                product=product)
        setup_step(lambda: wallet.add_program(program))
        setup_step(lambda: charges.add_program(program))
    for c in s.get("purchase_codes", []):
        code, program_id, units = text(c, "code"), text(c, "program"), integer(c, "units")
        setup_step(lambda: charges.register_purchase_code(code, program_id, units))
    return wallet, charges


def method_kind(kind_id: str) -> saifu.ChargeMethodKind:
    kind = next((k for k in saifu.ChargeMethodKind if k.id() == kind_id), None)
    if kind is None:
        raise CaseFailure(f"unknown method {kind_id}")
    return kind


def charge_method(args: dict) -> saifu.ChargeMethod:
    method = text(args, "method")
    if method == "card":
        return saifu.ChargeMethod.CARD(brand=brand(text(args, "brand")))
    if method == "konbini":
        chain_id = text(args, "chain")
        chain = next((c for c in saifu.KonbiniChain if c.id() == chain_id), None)
        if chain is None:
            raise CaseFailure("unknown chain")
        return saifu.ChargeMethod.KONBINI(chain=chain)
    if method == "payeasy":
        return saifu.ChargeMethod.PAY_EASY()
    if method == "jcoin":
        return saifu.ChargeMethod.J_COIN()
    raise CaseFailure(f"unknown method {method}")


def charges_snapshot(wallet: saifu.Wallet, charges: saifu.Charges, at: datetime.datetime) -> tuple:
    """What a failed step must leave as it was: every charge, the charged lots, the
    guard at the step's time (the card lockout shows only through it), and the wallet."""
    return (charges.charges(), charges.charged_lots(), charges.guard(at), charges.purchase_codes(),
            wallet.to_json())


def charge_step(wallet: saifu.Wallet, charges: saifu.Charges, step: dict) -> Outcome:
    at = time(step.get("at"))
    args = step.get("args") or {}
    op = step.get("op")

    def state(s: saifu.ChargeState) -> dict:
        return {"state": s.id()}

    if op == "can_start":
        try:
            charges.can_start(at)
            return {"allowed": True}
        except saifu.SaifuError as e:
            blocked = {"allowed": False, "reason": e.code}
            if hasattr(e, "until"):
                blocked["until"] = error_field(e, "until")
            return blocked
    if op == "start":
        # The numbers go to core as given (a float through core's floating-point entry):
        # core decides what they mean.
        if "amount" in args and "units" not in args:
            amount = number_of(args, "amount")
            order = lambda: saifu.ChargeOrder.AMOUNT(yen=yen_of(amount))  # noqa: E731
        elif "units" in args and "amount" not in args:
            count = number_of(args, "units")
            order = lambda: saifu.ChargeOrder.UNITS(units=units_of(count))  # noqa: E731
        else:
            raise CaseFailure("start needs amount or units")
        charge_id, program, method = text(args, "id"), text(args, "program"), charge_method(args)

        def start() -> dict:
            c = charges.start(charge_id, program, method, order(), at)
            return {"state": c.state.id(), "amount": c.amount}

        return outcome(start)
    if op == "confirm" and "number" in args:
        charge_id, number, expiry = text(args, "id"), text(args, "number"), text(args, "expiry")

        def confirm_card() -> dict:
            card = saifu.parse_card(number)
            s = charges.confirm_card(charge_id, card, saifu.parse_card_expiry(expiry), at)
            method = next(c.method for c in charges.charges() if c.id == charge_id)
            return {"state": s.id(), "brand": method.brand.id()}

        return outcome(confirm_card)
    if op == "confirm" and "jcoin_id" in args:
        charge_id = text(args, "id")
        jcoin_id, password, code = text(args, "jcoin_id"), text(args, "password"), text(args, "code")

        def confirm_jcoin() -> dict:
            credentials = saifu.JCoinCredentials(jcoin_id, password, code)
            s = charges.confirm_jcoin(charge_id, credentials, at)
            masked = next(c.jcoin_id for c in charges.charges() if c.id == charge_id)
            return {"state": s.id(), "jcoin_id": masked}

        return outcome(confirm_jcoin)
    if op in ("confirm", "pay", "cancel"):
        command = {"confirm": charges.confirm, "pay": charges.pay, "cancel": charges.cancel}[op]
        charge_id = text(args, "id")
        return outcome(lambda: state(command(charge_id, at)))
    if op == "event":
        event_id = text(args, "event")
        event = next((e for e in saifu.ChargeEvent if e.id() == event_id), None)
        if event is None:
            raise CaseFailure("unknown event")
        charge_id = text(args, "id")

        def notify() -> dict:
            n = charges.notify(charge_id, event, at)
            return {"state": n.state.id(), "applied": n.applied}

        return outcome(notify)
    if op == "issue_slip":
        charge_id, numbers, rules, lang = text(args, "id"), slip_numbers(args), digit_rules(args), slip_lang(args)
        return outcome(lambda: slip_view(charges.issue_slip(charge_id, numbers, at, rules), lang))
    if op == "slip":
        charge_id, lang = text(args, "id"), slip_lang(args)
        charge = charges.charge(charge_id)
        if charge is None:
            raise CaseFailure("unknown charge")
        state_now = charges.state_at(charge_id, at)
        return outcome(lambda: {"state": state_now.id(),
                                "slip": None if charge.slip is None else slip_view(charge.slip, lang)})
    if op == "start_purchase":
        charge_id, program, code = text(args, "id"), text(args, "program"), text(args, "code")
        units, method = number_of(args, "units"), charge_method(args)

        def start_purchase() -> dict:
            c = charges.start_purchase(charge_id, program, code, units_of(units), method, at)
            return {"state": c.state.id(), "amount": c.amount}

        return outcome(start_purchase)
    if op == "register_code":
        code, program, units = text(args, "code"), text(args, "program"), number_of(args, "units")
        return outcome(lambda: {"code": charges.register_purchase_code(code, program, units_of(units))})
    if op == "code_status":
        code = text(args, "code")

        def code_status() -> dict:
            s = charges.purchase_code_status(code, at)
            if s.is_AVAILABLE():
                return {"status": "available"}
            return {"status": "in_use" if s.is_IN_USE() else "used", "charge": s.charge}

        return outcome(code_status)
    if op == "quote":
        program, units = text(args, "program"), number_of(args, "units")
        method = charge_method(args) if "method" in args else None

        def quote() -> dict:
            q = charges.quote(program, units_of(units), method)
            return {"lines": [{"scope": line.scope.name.lower(), "value": line.value} for line in q.lines],
                    "total": q.total, "lots_expire_on": q.lots_expire_on}

        return outcome(quote)
    if op == "tick":
        return outcome(lambda: {"expired": charges.tick(at)})
    if op == "credit":
        # The provider's notification with the lots it issued: a success credits the
        # wallet in the same step.
        event = next((e for e in saifu.ChargeEvent if e.id() == args.get("event")), None)
        if event is None or not isinstance(args.get("issued"), list):
            raise CaseFailure("credit needs event and issued")
        issued = [saifu.IssuedLot(id=text(lot, "id"), code=text(lot, "code"), management_no=text(lot, "management_no"))
                  for lot in args["issued"]]
        charge_id = text(args, "id")

        def credit() -> dict:
            n = charges.notify_into(wallet, charge_id, event, issued, at)
            return {"state": n.state.id(), "applied": n.applied}

        return outcome(credit)
    if op == "wallet":
        return outcome(lambda: {
            "total": wallet.balance(at).total,
            "lots": [{"id": lot.id, "masked_code": lot.masked_code, "management_no": lot.management_no,
                      "program": lot.program, "scope": lot.scope.name.lower(), "balance": lot.balance,
                      "expires_on": lot.expires_on, "registered_at": lot.registered_at.isoformat()}
                     for lot in wallet.lots()],
            "history": [{"kind": e.kind.id(), "id": e.id, "amount": e.amount}
                        for e in wallet.history(saifu.HistoryFilter())],
        })
    if op == "lots":
        return outcome(lambda: {"lots": [
            {"scope": lot.scope.name.lower(), "balance": lot.value, "charge": lot.charge, "expires_on": lot.expires_on}
            for lot in charges.charged_lots()
        ]})
    raise CaseFailure(f"unknown op {op}")


def reload_charges(charges: saifu.Charges) -> saifu.Charges:
    """What an app does at a restart: save the charges, load the text back, go on with
    the loaded ones (which must save the same text)."""
    saved = charges.to_json()
    try:
        loaded = saifu.Charges.from_json(saved)
    except saifu.SaifuError as e:
        raise CaseFailure(f"reload failed: {e.code}") from e
    if (loaded.to_json() != saved or loaded.charges() != charges.charges()
            or loaded.charged_lots() != charges.charged_lots()):
        raise CaseFailure("reload changed the charges")
    return loaded


def reload_user_state(wallet: saifu.Wallet, charges: saifu.Charges) -> tuple[saifu.Wallet, saifu.Charges]:
    """A restart of an app that saves the user's state as one document: wallet and
    charges saved together, loaded back (the same text), and the run goes on with them."""
    saved = saifu.UserState(wallet, charges).to_json()
    try:
        loaded = saifu.UserState.from_json(saved)
    except saifu.SaifuError as e:
        raise CaseFailure(f"reload failed: {e.code}") from e
    lw, lc = loaded.wallet(), loaded.charges()
    if loaded.to_json() != saved or lw.to_json() != wallet.to_json() or lc.to_json() != charges.to_json():
        raise CaseFailure("reload changed the user's state")
    return lw, lc


def run_charge(case: dict) -> None:
    wallet, charges = setup_charges(case.get("setup") or {})
    steps = case.get("steps")
    if not isinstance(steps, list):
        raise CaseFailure("no steps")
    for i, step in enumerate(steps):
        try:
            at = time(step.get("at"))
            before = charges_snapshot(wallet, charges, at)
            if step.get("op") == "reload":
                charges = reload_charges(charges)
                result = {}
            elif step.get("op") == "reload_user_state":
                wallet, charges = reload_user_state(wallet, charges)
                result = {}
            else:
                result = charge_step(wallet, charges, step)
        except CaseFailure as f:
            raise CaseFailure(f"step {i}: {f}") from f
        try:
            check(result, step.get("expect") or {})
        except CaseFailure as f:
            raise CaseFailure(f"step {i} ({step.get('op')}): {f}") from f
        if isinstance(result, saifu.SaifuError) and charges_snapshot(wallet, charges, at) != before:
            raise CaseFailure(f"step {i}: a failed step changed the charges or the wallet")


# ---- the pin and otp scenarios (core/tests/scenarios/credentials.rs) -----------------
# A mismatch counts as an attempt, so a failed step may change the state: nothing to compare.

def verify_steps(case: dict, verify: Callable[[dict], None]) -> None:
    steps = case.get("steps")
    if not isinstance(steps, list):
        raise CaseFailure("no steps")
    for i, step in enumerate(steps):
        if step.get("op") != "verify":
            raise CaseFailure(f"step {i}: unknown op {step.get('op')}")
        try:
            result = outcome(lambda: verify(step) or True)
            check(result, step.get("expect") or {})
        except CaseFailure as f:
            raise CaseFailure(f"step {i}: {f}") from f


def run_pin(case: dict) -> None:
    s = case.get("setup") or {}
    if s.get("digits") != 4 or isinstance(s.get("digits"), bool):
        raise CaseFailure(f"a PIN has 4 digits, not {s.get('digits')}")
    pin_text = text(s, "pin")
    pin = setup_step(lambda: saifu.Pin(pin_text))
    verify_steps(case, lambda step: pin.verify(text(step.get("args") or {}, "input")))


def run_otp(case: dict) -> None:
    s = case.get("setup") or {}
    code = text(s, "code")
    if isinstance(s.get("digits"), bool) or s.get("digits") != len(code):
        raise CaseFailure("digits and code disagree")
    minutes = integer(s, "valid_minutes")
    attempts = integer(s, "max_attempts")
    issued_at = time(s.get("issued_at"))
    if "setup_expect" in case:
        built = outcome(lambda: saifu.OneTimePassword(code, issued_at, datetime.timedelta(minutes=minutes), attempts))
        check({} if not isinstance(built, saifu.SaifuError) else built, case["setup_expect"])
        if "steps" in case:
            raise CaseFailure("a case with setup_expect has no steps")
        return
    otp = setup_step(lambda: saifu.OneTimePassword(code, issued_at, datetime.timedelta(minutes=minutes), attempts))
    verify_steps(case, lambda step: otp.verify(text(step.get("args") or {}, "input"), time(step.get("at"))))


def run(case: dict) -> None:
    if "fn" in case:
        check(call(case["fn"], case.get("input") or {}), case.get("expect") or {})
    elif "scenario" in case:
        import accounts  # it imports this module's helpers

        scenarios = {"wallet": run_wallet, "charge": run_charge, "pin": run_pin, "otp": run_otp,
                     "cards_on_file": run_cards_on_file, "signin": accounts.run_signin,
                     "mynapoint": accounts.run_mynapoint}
        runner = scenarios.get(case["scenario"])
        if runner is None:
            raise CaseFailure(f"unknown scenario {case['scenario']}")
        runner(case)
    else:
        raise CaseFailure("neither fn nor scenario")
