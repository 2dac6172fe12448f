"""Cards on file, payment slips and Smart Pit through the binding: what a registration
keeps (never the number, never the security code), saving and loading the records, a
slip's instructions and the Smart Pit check. The rules are the conformance vectors' job."""

import datetime
import json

import pytest

import saifu
from fixtures import t

NUMBER = "4111 1111 1111 1111"
DIGITS = NUMBER.replace(" ", "")
CVC = "987"
KEY = bytes(range(32))


def policy() -> saifu.CardPolicy:
    return saifu.CardPolicy(KEY, [saifu.Brand.VISA, saifu.Brand.MASTERCARD], ["400005"], [])


def record_json(c: saifu.RegisteredCard) -> str:
    """The record as an app would save it."""
    return json.dumps({"brand": c.brand.id(), "last4": c.last4, "expiry_month": c.expiry_month,
                       "expiry_year": c.expiry_year, "debit": c.debit, "fingerprint": c.fingerprint,
                       "registered_at": c.registered_at.isoformat()})


def shown(value) -> str:
    """What a log would show of a registration: repr, str, JSON; the fingerprint (hex of an
    HMAC, not the number) is taken out so only the rest is searched for digits."""
    return " ".join([repr(value), str(value)])


def assert_secret_free(text: str, fingerprint: str) -> None:
    rest = text.replace(fingerprint, "")
    assert DIGITS[:12] not in rest, rest
    for i in range(len(DIGITS) - 4):  # every run of 5 digits of the number but the last 4
        assert DIGITS[i:i + 5] not in rest.replace(" ", ""), rest
    assert CVC not in rest, rest


def test_check_card_answers_as_parse_card_keeping_nothing():
    assert saifu.check_card("３７８２ ８２２４６３ １０００５") == saifu.Brand.AMEX
    with pytest.raises(saifu.SaifuError.CardLuhnMismatch) as e:
        saifu.check_card("4242424242424241")
    assert e.value.code == "card.luhn_mismatch"


def test_a_registration_shows_the_last_4_and_never_the_number_or_security_code():
    cards = saifu.CardsOnFile()
    confirmation = cards.register(policy(), NUMBER, saifu.ExpiryInput.TEXT(text="12/30"), CVC,
                                  t("2026-03-10T12:00:00+09:00"))
    assert confirmation.masked_number == "****-****-****-1111"
    assert confirmation.masked_security_code == "***"
    card = confirmation.card
    assert card.last4 == "1111" and len(card.fingerprint) == 64
    for value in (confirmation, card, cards, cards.registrations(), cards.current()):
        assert_secret_free(shown(value), card.fingerprint)
    assert_secret_free(record_json(card), card.fingerprint)
    # A refused registration's error does not carry them either.
    try:
        cards.register(policy(), NUMBER, saifu.ExpiryInput.TEXT(text="12/30"), CVC, t("2026-03-11T12:00:00+09:00"))
        raise AssertionError("a duplicate was registered")
    except saifu.SaifuError as e:
        assert e.code == "card.already_registered"
        assert_secret_free(" ".join([repr(e), str(e), e.message_in(saifu.Lang.JA)]), card.fingerprint)


def test_the_policy_never_shows_its_key():
    p = saifu.CardPolicy(b"\xab" * 16, [saifu.Brand.JCB], [], [])
    assert "171" not in repr(p) and "ab" not in repr(p).lower().replace("jcb", "")
    assert p.accepts(saifu.Brand.JCB) and not p.accepts(saifu.Brand.VISA)


def test_saved_registrations_load_back_and_pay_the_same_months():
    cards = saifu.CardsOnFile()
    p = policy()
    cards.register(p, NUMBER, saifu.ExpiryInput.FIELDS(month="12", year="2030"), CVC, t("2026-03-10T12:00:00+09:00"))
    cards.register(p, "5555555555554444", saifu.ExpiryInput.TEXT(text="01/31"), "123", t("2026-04-02T09:00:00+09:00"))
    saved = [record_json(c) for c in cards.registrations()]
    records = []
    for text in saved:
        r = json.loads(text)
        r["brand"] = next(b for b in saifu.Brand if b.id() == r["brand"])
        r["registered_at"] = datetime.datetime.fromisoformat(r["registered_at"])
        records.append(saifu.RegisteredCard(**r))
    again = saifu.CardsOnFile.from_registrations(records)
    assert again.registrations() == cards.registrations()
    assert again.billing_card("2026-03").last4 == "1111"
    assert again.billing_card("2026-04").last4 == "4444"
    assert again.billing_card("2026-02") is None
    assert again.billing_card("2026-04", 1).last4 == "1111"
    records[1] = saifu.RegisteredCard(**{**vars(records[1]), "last4": "44a4"})
    try:
        saifu.CardsOnFile.from_registrations(records)
        raise AssertionError("a bad record loaded")
    except saifu.SaifuError.StateInvalidCardRegistration as e:
        assert (e.index, e.detail) == (1, "last4")


def test_cards_on_file_save_as_their_document_and_load_checked():
    cards = saifu.CardsOnFile()
    p = policy()
    cards.register(p, NUMBER, saifu.ExpiryInput.TEXT(text="12/30"), CVC, t("2026-03-10T12:00:00+09:00"))
    cards.register(p, "5555555555554444", saifu.ExpiryInput.TEXT(text="01/31"), "123", t("2026-04-02T09:00:00+09:00"))
    text = cards.to_json()
    assert text.startswith('{"version":1,"registrations":[{"brand":"visa","last4":"1111",')
    assert all(n not in text for n in (NUMBER, NUMBER.replace(" ", ""), "5555555555554444"))
    again = saifu.CardsOnFile.from_json(text)
    assert again.registrations() == cards.registrations()
    assert again.billing_card("2026-03").last4 == "1111"
    assert again.billing_card("2026-04").last4 == "4444"
    try:
        saifu.CardsOnFile.from_json(text.replace('"last4":"4444"', '"last4":"44a4"'))
        raise AssertionError("a bad document loaded")
    except saifu.SaifuError.StateInvalidCardRegistration as e:
        assert (e.index, e.detail) == (1, "last4")
    try:
        saifu.CardsOnFile.from_json(text.replace('"version":1', '"version":2'))
        raise AssertionError("another version loaded")
    except saifu.SaifuError.StateUnsupportedVersion as e:
        assert e.version == 2


def test_a_slip_gives_its_numbers_and_instructions():
    slip = saifu.PaymentSlip(saifu.SlipKind.KONBINI(chain=saifu.KonbiniChain.SEVEN_ELEVEN),
                             [saifu.SlipNumber(field=saifu.PaymentField.PAYMENT_SLIP_NUMBER, number="１２３４ー５６７８ー９０１２ー３")],
                             t("2026-11-26T00:00:00+09:00"), 3000)
    assert [n.display for n in slip.numbers()] == ["1234 5678 9012 3"]
    assert slip.amount() == 3000 and not slip.is_past_deadline(t("2026-11-25T23:59:59+09:00"))
    ja = slip.instructions(saifu.Lang.JA)
    assert "2026/11/25 23:59" in ja.deadline.value and "3,000円" in ja.text
    assert slip.kind().id() == "seven_eleven"
    assert saifu.SlipKind.PAY_EASY().fields() == [
        saifu.PaymentField.INSTITUTION_NUMBER, saifu.PaymentField.CUSTOMER_NUMBER, saifu.PaymentField.CONFIRMATION_NUMBER]
    try:
        saifu.parse_payment_number(saifu.SlipKind.PAY_EASY(), saifu.PaymentField.CONFIRMATION_NUMBER, "1234567")
        raise AssertionError("7 digits passed")
    except saifu.SaifuError.PaymentInvalidNumber as e:
        assert e.field == "confirmation_number"


def test_smart_pit_answers_or_says_why_not():
    bill = saifu.SmartPitBill(number="1234 5678 90123", merchant="電力", amount=5400, due_on="2026-12-10")
    yes = saifu.can_pay_smart_pit("1234567890123", saifu.SmartPitMedium.CARD(), [bill], saifu.SmartPitStore.LAWSON,
                                  False, saifu.Tender.CASH, t("2026-11-23T10:00:00+09:00"))
    assert yes.at_terminal and yes.bills[0].number == "1234567890123" and yes.bills[0].amount == 5400
    try:
        saifu.can_pay_smart_pit("1234567890123", saifu.SmartPitMedium.SHEET(expires_on="2026-11-22"), [bill],
                                saifu.SmartPitStore.LAWSON, False, saifu.Tender.CASH, t("2026-11-23T10:00:00+09:00"))
        raise AssertionError("an expired sheet paid")
    except saifu.SaifuError.SmartPitSheetExpired as e:
        assert e.expired_at == t("2026-11-23T00:00:00+09:00")
